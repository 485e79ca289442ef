import { TEAMS_MENTION } from '../domain/teams-mention';
import { isRecord, type UserInput } from './submit';

/** The things a user can ask for by typing or with a card button. */
export type Command =
  | 'start'
  | 'resume'
  | 'back'
  | 'skip'
  | 'summary'
  | 'help'
  | 'review'
  | 'my data'
  | 'export'
  | 'delete my data'
  | 'cancel'
  | 'pulse'
  | 'share my summary'
  | 'invite'
  | 'stop invitations'
  | 'start invitations'
  | 'stop reminders'
  | 'start reminders';

// Only the command words themselves: a looser alias ("continue", "stop") could be someone's answer to a text question.
const TYPED: Record<string, Command> = {
  start: 'start',
  resume: 'resume',
  back: 'back',
  skip: 'skip',
  summary: 'summary',
  help: 'help',
  '?': 'help',
  review: 'review',
  'my data': 'my data',
  export: 'export',
  'delete my data': 'delete my data',
  cancel: 'cancel',
  pulse: 'pulse',
  'share my summary': 'share my summary',
  'share summary': 'share my summary',
  invite: 'invite',
  'stop invitations': 'stop invitations',
  'start invitations': 'start invitations',
  'stop reminders': 'stop reminders',
  'start reminders': 'start reminders',
};

const BUTTON_COMMANDS = new Set<string>(Object.values(TYPED));

/** "start full", "start the full path": start followed by what should be a path id of the content pack. */
const TYPED_PATH = /^start (?:the )?([a-z0-9][a-z0-9-]{0,63})(?: path)?$/;
const PATH_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A request for a path of the questionnaire; `path` is null when a button's path is not an id at all. */
export interface PathRequest {
  path: string | null;
  typed: boolean;
}

/**
 * Recognises a choice of path: typed "start <path id>" (also "start the <id> path"), or a Start button that carries
 * a path. Whether the content pack has that path is for the caller to check.
 */
export function recognizePathRequest(input: UserInput): PathRequest | undefined {
  if (input.value !== undefined) {
    const { value } = input;
    if (!isRecord(value) || value.sg !== 'command' || value.command !== 'start' || !('path' in value)) return undefined;
    return { path: typeof value.path === 'string' && PATH_ID.test(value.path) ? value.path : null, typed: false };
  }
  const typed = normalizeTyped(input.text ?? '');
  // "start invitations" and "start reminders" are commands of their own, not paths.
  const match = TYPED[typed] ? null : TYPED_PATH.exec(typed);
  return match ? { path: match[1], typed: true } : undefined;
}

/** Recognises a typed command (ignoring an @mention of the bot, case and trailing punctuation) or a command button. */
export function recognizeCommand(input: UserInput): Command | undefined {
  if (input.value !== undefined) {
    const { value } = input;
    return isRecord(value) &&
      value.sg === 'command' &&
      typeof value.command === 'string' &&
      BUTTON_COMMANDS.has(value.command)
      ? (value.command as Command)
      : undefined;
  }
  return TYPED[normalizeTyped(input.text ?? '')];
}

/**
 * Longer than any command with a mention of the bot (the longest, a role grant with an object id, is about 50
 * characters): longer text is never a command, and is not looked at.
 */
const MAX_COMMAND_CHARS = 256;

/**
 * Lower-cases typed text and removes a leading or trailing @mention, extra spaces and end punctuation; text too long
 * to be a command reads as '' (nothing), so a long answer costs every command check nothing.
 */
export function normalizeTyped(text: string): string {
  if (text.length > MAX_COMMAND_CHARS) return '';
  const words = text.replace(TEAMS_MENTION, ' ').replace(/\s+/g, ' ').trim();
  return withoutEndPunctuation(words).trimEnd().toLowerCase();
}

/** Drops trailing dots and exclamation marks, walking back from the end (a regex like /[.!]+$/ backtracks). */
function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end--;
  return text.slice(0, end);
}
