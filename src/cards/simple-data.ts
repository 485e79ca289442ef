import type { CardCommand } from './view-models';
import { CardDataError, safeBool, safeId, safeInt, safeLine, safeObject, safeText } from './safe-text';

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
const LIMITS = { name: 256, title: 120, message: 2000, actionTitle: 40 };
const MAX_COUNT = 10000;

/** Template data of the welcome card. */
export function welcomeData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const userName = safeLine(view.userName, 'userName', LIMITS.name);
  return {
    userName,
    hasName: userName !== '',
    hasProgress: safeBool(view.hasProgress, 'hasProgress'),
    answeredCount: safeInt(view.answeredCount, 'answeredCount', 0, MAX_COUNT),
    totalCount: safeInt(view.totalCount, 'totalCount', 0, MAX_COUNT),
  };
}

/** Template data of the help card. */
export function helpData(raw: unknown): Record<string, unknown> {
  return { hasProgress: safeBool(safeObject(raw, 'view').hasProgress, 'hasProgress') };
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
