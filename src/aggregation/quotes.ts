import { createHash } from 'node:crypto';
import type { Question } from '../content/types';
import type { AnswerValue, RowValue } from '../domain/answers';
import { rowShared, storedBeforeConsent } from '../domain/row-consent';
import { TEAMS_MENTION } from '../domain/teams-mention';
import { themeOf } from './themes';

/**
 * Example statements for the leadership card, kept bounded whatever the number of answers: each free-text answer and
 * each statement of a statement-rows question (rows without goal and metric, e.g. the ambition) hashes (by person, row and field) to one of
 * QUOTE_SLOTS slots of its theme, `<field>:<theme>:<slot>`. The live slot holds the statement with the smallest key
 * that landed there (not the latest, which would point at whoever wrote last); summaries show the published slots,
 * which are sticky (see `stickyQuotes`): a statement is published only into an empty slot, and only with a batch of at
 * least the group threshold of people (src/storage/aggregate-doc.ts). Of a question with a consent field (use cases),
 * only the rows the person agreed to share are quoted.
 * A slot records an opaque key of its statement (a hash of person, row, field and text), so an edit or deletion
 * empties exactly the slots, live and published, that still hold the old words.
 */
export const QUOTE_SLOTS = 2;

export interface Quote {
  /** Opaque key of the statement (not reversible to the person). */
  k: string;
  /** The statement as typed; cleaned only when shown (see scrubNames). */
  t: string;
}

/** A change to one slot: set it to the quote, or empty it wherever it still holds the statement with key `remove`. */
export type QuoteChange = { slot: string; set: Quote } | { slot: string; remove: string };

/**
 * The slots one answer fills: a free-text answer's in field "text", a statement row's in its text fields'. Where the question asks for consent, only rows the person agreed to share fill one;
 * `orStoredBefore` adds the rows stored before it asked, whose words may still be in slots from back then.
 */
export function quoteSlots(
  question: Question,
  userId: string,
  value: AnswerValue | undefined,
  orStoredBefore = false,
): Map<string, Quote> {
  const slots = new Map<string, Quote>();
  const fill = (place: string, fieldId: string, text: unknown) => {
    if (typeof text !== 'string' || text.trim() === '') return;
    // An edited statement stays in its slot but gets a new key, so the old words can be found and emptied.
    const k = createHash('sha256').update(`${place}\u0000${text}`).digest('hex').slice(0, 16);
    const spot = parseInt(createHash('sha256').update(place).digest('hex').slice(0, 8), 16) % QUOTE_SLOTS;
    const slot = `${fieldId}:${themeOf(text).id}:${spot}`;
    slots.set(`${slot}\u0000${k}`, { k, t: text });
  };
  if (value?.kind === 'text' && question.kind === 'text') fill(`${userId}\u0000text`, 'text', value.text);
  if (value?.kind !== 'rows' || question.kind !== 'rows') return slots;
  const isMetricRows =
    question.fields.some((field) => field.kind === 'goal') && question.fields.some((field) => field.kind === 'metric');
  if (isMetricRows) return slots;
  const quotable = (row: RowValue) =>
    rowShared(question.fields, row) !== false || (orStoredBefore && storedBeforeConsent(question.fields, row));
  for (const field of question.fields) {
    if (field.kind !== 'text') continue;
    for (const row of value.rows)
      if (quotable(row)) fill(`${userId}\u0000${String(row.rowId)}\u0000${field.id}`, field.id, row[field.id]);
  }
  return slots;
}

/**
 * The slot changes when an answer goes from `before` to `after` (either may be absent). A row stored before its
 * question asked for consent is taken out wherever it may be (an emptying is a no-op where it is not), never put in.
 */
export function quoteChanges(
  question: Question,
  userId: string,
  before: AnswerValue | undefined,
  after: AnswerValue | undefined,
): QuoteChange[] {
  const was = quoteSlots(question, userId, before, true);
  const is = quoteSlots(question, userId, after);
  const changes: QuoteChange[] = [];
  for (const [id, quote] of was) if (!is.has(id)) changes.push({ slot: slotOf(id), remove: quote.k });
  for (const [id, quote] of is) if (!was.has(id)) changes.push({ slot: slotOf(id), set: quote });
  return changes;
}

function slotOf(id: string): string {
  return id.slice(0, id.indexOf('\u0000'));
}

/** A statement offered to its quote slot. */
export interface QuoteSet {
  slot: string;
  quote: Quote;
}

/** A statement that no longer exists, and the slot it would be in. */
export interface QuoteRemoval {
  slot: string;
  key: string;
}

/** A turn's quote changes for one question in one scope (teamId undefined: the organisation). */
export interface ScopedQuoteChanges {
  questionId: string;
  teamId?: string;
  changes: QuoteChange[];
}

/** Slot name → quote (null: emptied). */
export type QuoteSlots = Record<string, Quote | null>;

/**
 * What a publication shows: each slot keeps its published statement while that statement still exists (an edit or
 * deletion empties it), and only an empty slot takes the live one. So a single new person cannot move a quote.
 */
export function stickyQuotes(published: QuoteSlots, live: QuoteSlots): QuoteSlots {
  const result: QuoteSlots = {};
  for (const slot of new Set([...Object.keys(published), ...Object.keys(live)])) {
    const quote = published[slot] ?? live[slot];
    if (quote) result[slot] = quote;
  }
  return result;
}

/**
 * Where every statement in these answers belongs: its key → its slot now (the rebuild keeps a published quote only
 * while its statement exists and sits in that slot).
 */
export function statementSlots(
  questionOf: (questionId: string) => Question | undefined,
  answers: Iterable<{ userId: string; questionId: string; value: AnswerValue }>,
): Map<string, string> {
  const slots = new Map<string, string>();
  for (const answer of answers) {
    const question = questionOf(answer.questionId);
    if (question)
      for (const [id, quote] of quoteSlots(question, answer.userId, answer.value)) slots.set(quote.k, slotOf(id));
  }
  return slots;
}

/** The slots a rebuild fills from raw answers: per slot, the statement with the smallest key (deterministic). */
export function recomputeQuotes(
  questionOf: (questionId: string) => Question | undefined,
  answers: Iterable<{ userId: string; questionId: string; value: AnswerValue }>,
): Map<string, QuoteSlots> {
  const result = new Map<string, QuoteSlots>();
  for (const answer of answers) {
    const question = questionOf(answer.questionId);
    if (!question) continue;
    for (const [id, quote] of quoteSlots(question, answer.userId, answer.value)) {
      const slots = result.get(answer.questionId) ?? {};
      const slot = slotOf(id);
      const current = slots[slot];
      if (!current || quote.k < current.k) slots[slot] = quote;
      result.set(answer.questionId, slots);
    }
  }
  return result;
}

/**
 * An e-mail address. The lookbehind lets a match start only where a run of address characters starts: without it, a
 * long run with no "@" was scanned again from each of its characters (quadratic).
 */
const EMAIL_ADDRESS = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Best-effort removal of names and mentions before a statement is shown: Teams mentions, @handles and e-mail
 * addresses go, and so does any run of Capitalised Words that does not start a sentence (a likely name), each
 * replaced by "[name]". Words in capitals (AI, CRM) stay.
 */
export function scrubNames(text: string): string {
  const cleaned = text
    .replace(TEAMS_MENTION, ' [name] ')
    .replace(EMAIL_ADDRESS, ' [name] ')
    .replace(/@[\p{L}\p{N}_.-]+/gu, ' [name] ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim();
  // A capitalised word is a likely name unless it starts the text or a sentence.
  // Letters of any script bound the word (\b knows only ASCII), and "McDonald" is one capitalised word.
  const named = cleaned.replace(
    /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*(?![\p{L}\p{N}])/gu,
    (word: string, offset: number) => (offset === 0 || startsSentence(cleaned, offset) ? word : '[name]'),
  );
  return named.replace(/\[name\](?:[\s-]+\[name\])+/g, '[name]');
}

/** Whether the text before `offset` ends a sentence (its last non-space character is . ! ? or :). */
function startsSentence(text: string, offset: number): boolean {
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  return before >= 0 && '.!?:'.includes(text[before]);
}
