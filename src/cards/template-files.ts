import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';

/** Every card template, by file name (without `.json`) in the repository's `cards/` folder. */
export const CARD_NAMES = [
  'welcome',
  'help',
  'question',
  'rows',
  'answered',
  'review',
  'summary',
  'my-data',
  'confirm-delete',
  'notice',
  'pulse-setup',
  'pulse-response',
  'pulse-channel',
  'pulse-results',
  'leader-summary',
  'portfolio',
  'portfolio-edit',
  'invitation',
  'invitation-channel',
  'invitation-teams',
  'action-plan',
  'action-owner',
] as const;

export type CardName = (typeof CARD_NAMES)[number];

/** Teams renders no schema later than 1.5. */
const MAX_VERSION = { major: 1, minor: 5 };

/** Whether an Adaptive Card version string is one Teams renders (1.5 or lower). */
export function isSupportedVersion(version: unknown): boolean {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < MAX_VERSION.major || (major === MAX_VERSION.major && minor <= MAX_VERSION.minor);
}

/** Finds `cards/` beside the nearest package.json above `start` (works from `src/` and from `lib/src/`). */
export function findCardsDir(start: string): string {
  return join(projectRoot(start), 'cards');
}

/** Reads and checks every card template once. */
export function loadTemplates(dir: string): Readonly<Record<CardName, object>> {
  const entries = CARD_NAMES.map((name) => [name, readTemplate(join(dir, `${name}.json`))] as const);
  return Object.freeze(Object.fromEntries(entries) as Record<CardName, object>);
}

function readTemplate(file: string): object {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${file} is not a JSON object`);
  const card = json as Record<string, unknown>;
  if (card.type !== 'AdaptiveCard') throw new Error(`${file} is not an AdaptiveCard`);
  if (!isSupportedVersion(card.version)) throw new Error(`${file} must declare a version of at most 1.5`);
  return deepFreeze(card);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
