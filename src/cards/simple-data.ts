import type { CardCommand } from './view-models';
import {
  CardDataError,
  clip,
  safeBool,
  safeChoiceValue,
  safeId,
  safeInt,
  safeLine,
  safeList,
  safeObject,
  safeText,
} from './safe-text';

const COMMANDS: readonly CardCommand[] = [
  'start',
  'resume',
  'help',
  'summary',
  'review',
  'my data',
  'export',
  'delete my data',
  'cancel',
  'pulse',
];
const LIMITS = { name: 256, title: 120, message: 2000, actionTitle: 40, pathLabel: 40, pathDescription: 300 };
const MAX_COUNT = 10000;
/** The welcome card has a button for each path but the person's: with Start, Help and My data, the five Teams shows. */
const MAX_PATHS = 3;
const MAX_MINUTES = 240;

/** Template data of the welcome card. */
export function welcomeData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const userName = safeLine(view.userName, 'userName', LIMITS.name);
  const otherPaths = safeList(view.otherPaths, 'otherPaths', MAX_PATHS - 1, pathChoice);
  return {
    userName,
    hasName: userName !== '',
    hasProgress: safeBool(view.hasProgress, 'hasProgress'),
    answeredCount: safeInt(view.answeredCount, 'answeredCount', 0, MAX_COUNT),
    totalCount: safeInt(view.totalCount, 'totalCount', 0, MAX_COUNT),
    path: pathChoice(view.path, 'path'),
    otherPaths,
    hasOtherPaths: otherPaths.length > 0,
  };
}

/** Template data of the help card. */
export function helpData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const paths = safeList(view.paths, 'paths', MAX_PATHS, pathChoice);
  return { hasProgress: safeBool(view.hasProgress, 'hasProgress'), paths, hasPaths: paths.length > 1 };
}

/** A path as the cards show it: its label, "14 questions, about 10 minutes", and the words that choose it. */
function pathChoice(raw: unknown, path: string): Record<string, unknown> {
  const view = safeObject(raw, path);
  const id = safeChoiceValue(view.id, `${path}.id`);
  const questions = safeInt(view.questionCount, `${path}.questionCount`, 0, MAX_COUNT);
  const minutes = view.minutes === undefined ? undefined : safeInt(view.minutes, `${path}.minutes`, 1, MAX_MINUTES);
  const label = safeLine(view.label, `${path}.label`, LIMITS.pathLabel);
  const length = `${questions} question${questions === 1 ? '' : 's'}${minutes === undefined ? '' : `, about ${minutes} minutes`}`;
  return {
    id,
    label,
    description: safeLine(view.description, `${path}.description`, LIMITS.pathDescription),
    length,
    command: `start ${id}`,
    buttonTitle: clip(minutes === undefined ? label : `${label} · ${minutes} min`, LIMITS.actionTitle),
  };
}

/** Template data of the delete confirmation card. */
export function confirmDeleteData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  return { token: safeId(view.token, 'token'), answerCount: safeInt(view.answerCount, 'answerCount', 0, MAX_COUNT) };
}

/** Template data of the notice card. */
export function noticeData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const action = view.action === undefined ? undefined : safeObject(view.action, 'action');
  return {
    title: safeLine(view.title, 'title', LIMITS.title),
    message: safeText(view.message, 'message', LIMITS.message),
    hasAction: action !== undefined,
    actionTitle: action === undefined ? '' : safeLine(action.title, 'action.title', LIMITS.actionTitle),
    actionCommand: action === undefined ? '' : command(action.command, 'action.command'),
  };
}

function command(raw: unknown, path: string): CardCommand {
  const found = COMMANDS.find((known) => known === raw);
  if (found === undefined) throw new CardDataError(path, `one of ${COMMANDS.join(', ')}`);
  return found;
}
