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
  | 'pulse';

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
};

const BUTTON_COMMANDS = new Set<string>(Object.values(TYPED));

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

/** Lower-cases typed text and removes a leading or trailing @mention, extra spaces and end punctuation. */
export function normalizeTyped(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[.!]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
