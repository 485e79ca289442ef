import { TEAMS_MENTION } from '../domain/teams-mention';

/** Raised when card data has the wrong shape: a bug in the caller, never shown to the user. */
export class CardDataError extends Error {
  constructor(path: string, expected: string) {
    super(`Card data "${path}" must be ${expected}`);
    this.name = 'CardDataError';
  }
}

const LESS_THAN_ENTITY = /&(?:lt|#0*60|#x0*3c);/gi;
const GREATER_THAN_ENTITY = /&(?:gt|#0*62|#x0*3e);/gi;
// C0/C1 controls except tab and newlines, bidi overrides/isolates (text spoofing), lone surrogates.
const CONTROL_RUN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(?:[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])+/g;
const ID_PATTERN = /^[\x21-\x7E]{1,256}$/;
const CHOICE_VALUE_PATTERN = /^[^\s,]{1,256}$/;

/** Strips Teams mentions and angle brackets and collapses control characters, keeping line breaks. */
export function neutralise(text: string): string {
  return text
    .replace(TEAMS_MENTION, '$1')
    .replace(LESS_THAN_ENTITY, '‹')
    .replace(GREATER_THAN_ENTITY, '›')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL_RUN, ' ')
    .replace(/\t/g, ' ')
    .replace(/\n{3,}/g, '\n\n');
}

// Format characters (zero-width spaces and joiners, BOM, soft hyphen …), variation selectors, the combining grapheme
// joiner and the blank letters that render as nothing.
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115F\u1160\u2800\u3164\uFFA0]|\u034F|[\u180B-\u180F]|[\uFE00-\uFE0F]/gu;

/** True when `text` shows something: not only spaces, zero-width and other invisible characters. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** Cuts text to at most `maxChars` code points, ending with an ellipsis when cut. */
export function clip(text: string, maxChars: number): string {
  const points = Array.from(text);
  return points.length <= maxChars
    ? text
    : `${points
        .slice(0, Math.max(0, maxChars - 1))
        .join('')
        .trimEnd()}…`;
}

/** Checks that a value is a string and makes it safe to show, keeping line breaks. */
export function safeText(value: unknown, path: string, maxChars: number): string {
  if (typeof value !== 'string') throw new CardDataError(path, 'a string');
  return clip(neutralise(value).trim(), maxChars);
}

/** Like safeText, but as one line. */
export function safeLine(value: unknown, path: string, maxChars: number): string {
  if (typeof value !== 'string') throw new CardDataError(path, 'a string');
  return clip(neutralise(value).replace(/\s+/g, ' ').trim(), maxChars);
}

/** Like safeLine for an optional string: undefined becomes empty. */
export function optionalLine(value: unknown, path: string, maxChars: number): string {
  return value === undefined ? '' : safeLine(value, path, maxChars);
}

/** Checks an id or token that goes into submit data unchanged: printable ASCII, no spaces. */
export function safeId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value))
    throw new CardDataError(path, 'printable ASCII without spaces');
  return value;
}

/** Checks a choice value: no spaces or commas, since multi-select joins values with commas. */
export function safeChoiceValue(value: unknown, path: string): string {
  if (typeof value !== 'string' || !CHOICE_VALUE_PATTERN.test(value))
    throw new CardDataError(path, 'a choice value without spaces or commas');
  return value;
}

/** Checks an integer within a range. */
export function safeInt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CardDataError(path, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** Checks a boolean. */
export function safeBool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new CardDataError(path, 'a boolean');
  return value;
}

/** Checks an array and maps its items with their paths. */
export function safeList<T>(
  value: unknown,
  path: string,
  maxItems: number,
  map: (item: unknown, path: string, index: number) => T,
): T[] {
  if (!Array.isArray(value)) throw new CardDataError(path, 'an array');
  if (value.length > maxItems) throw new CardDataError(path, `an array of at most ${maxItems} items`);
  return value.map((item: unknown, index) => map(item, `${path}[${index}]`, index));
}

/** Checks a plain object. */
export function safeObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CardDataError(path, 'an object');
  return value as Record<string, unknown>;
}
