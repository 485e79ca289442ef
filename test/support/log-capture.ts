import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { recognizeLeaderCommand } from '../../src/leadership/leader-commands';
import { recognizeCommand } from '../../src/strategy/commands';

/**
 * Every log line the test suite produces (the app's JSON logs, console output of the app and its libraries, and the
 * output of processes the tests start), kept in one folder for the run so the last test can check them all for
 * tokens, keys and answer text. The folder is made by jest-global-setup.js.
 */
export const CAPTURE_DIR_ENV = 'SG_TEST_CAPTURE_DIR';

export interface CapturedLine {
  testFile: string;
  source: string;
  line: string;
}

function captureFile(name: 'lines' | 'sent'): string | undefined {
  const dir = process.env[CAPTURE_DIR_ENV];
  return dir ? path.join(dir, `${name}.jsonl`) : undefined;
}

function currentTestFile(): string {
  const state = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.();
  return path.basename(state?.testPath ?? 'unknown');
}

/** Keeps one log line (or a block of output) for the end-of-suite check. */
export function captureLogLine(source: string, line: string): void {
  const file = captureFile('lines');
  if (file) appendFileSync(file, `${JSON.stringify({ testFile: currentTestFile(), source, line })}\n`);
}

/** Remembers something a test user sent that counts as answer text (or a card token), which no log may hold. */
export function captureSentSecret(text: string): void {
  const file = captureFile('sent');
  if (file) appendFileSync(file, `${JSON.stringify(text)}\n`);
}

export function capturedLines(): CapturedLine[] {
  const file = captureFile('lines');
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CapturedLine);
}

export function capturedSecrets(): string[] {
  const file = captureFile('sent');
  if (!file || !existsSync(file)) return [];
  return [
    ...new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string),
    ),
  ];
}

/**
 * The answer text and card tokens in an activity a test user sends: the typed text and every string in the card
 * data that reads like free text (it has a space) or is a token. Ids, option values and command words are left out:
 * logs name question ids on purpose.
 */
export function secretsIn(activity: Record<string, unknown>): string[] {
  const found: string[] = [];
  const isFreeText = (value: string) => value.trim().includes(' ') && value.trim().length >= 8;
  // A typed command ("list roles", "digest weekly") is not answer text: help texts and the dev banner name them.
  const isCommand = (text: string) =>
    recognizeCommand({ text }) !== undefined || recognizeLeaderCommand({ text }) !== undefined;
  if (typeof activity.text === 'string' && isFreeText(activity.text) && !isCommand(activity.text))
    found.push(activity.text);
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (key === 'token' ? value.length >= 8 : isFreeText(value)) found.push(value);
    } else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (typeof value === 'object' && value !== null)
      Object.entries(value).forEach(([childKey, child]) => walk(child, childKey));
  };
  walk(activity.value, '');
  return found;
}
