import type { RowValue } from './answers';

/** What a consent field holds in a stored row: the person's yes or no to sharing the row with leaders, without their name. */
export const SHARED = 'yes';
export const NOT_SHARED = 'no';

/** The least of a field that tells whether it asks for consent. */
interface FieldKind {
  id: string;
  kind: string;
}

/**
 * Whether a row may be shown to leaders (its words, never its author): only when the question asks and the person
 * said yes. A row stored before the question asked (no value) was never agreed to, so it is not shared; anything but
 * "yes" is not shared either. Undefined for a question that does not ask for consent.
 */
export function rowShared(fields: readonly FieldKind[], row: RowValue): boolean | undefined {
  const consent = fields.find((field) => field.kind === 'consent');
  return consent === undefined ? undefined : row[consent.id] === SHARED;
}

/** A row of a question that asks for consent, stored before it asked: its words may sit in summaries from back then. */
export function storedBeforeConsent(fields: readonly FieldKind[], row: RowValue): boolean {
  const consent = fields.find((field) => field.kind === 'consent');
  return consent !== undefined && row[consent.id] === undefined;
}
