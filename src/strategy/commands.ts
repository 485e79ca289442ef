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

const TYPED: Record<string, Command> = {
  start: 'start',
  begin: 'start',
  resume: 'resume',
  continue: 'resume',
  back: 'back',
  previous: 'back',
  skip: 'skip',
  summary: 'summary',
  help: 'help',
  '?': 'help',
  review: 'review',
  edit: 'review',
  'my data': 'my data',
  export: 'export',
  'export my data': 'export',
  'delete my data': 'delete my data',
  cancel: 'cancel',
  stop: 'cancel',
  pause: 'cancel',
  'save and exit': 'cancel',
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
