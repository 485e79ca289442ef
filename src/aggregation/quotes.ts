import { createHash } from 'node:crypto';
import type { Question } from '../content/types';
import type { AnswerValue } from '../domain/answers';
import { TEAMS_MENTION } from '../domain/teams-mention';
import { themeOf } from './themes';

/**
 * Example statements for the leadership card, kept bounded whatever the number of answers: each statement of a
 * statement-rows question (rows without goal and metric, e.g. the ambition) hashes to one of SLOTS slots of its theme,
 * `<field>:<theme>:<slot>`, holding the latest statement that landed there. A slot records an opaque key of the
 * statement (a hash of person, row and field), so an edit or deletion empties the slot only while it still holds that
 * statement. Quotes are samples: the rebuild refills them, but only the counters are compared.
 */
export const QUOTE_SLOTS = 3;

export interface Quote {
  /** Opaque key of the statement (not reversible to the person). */
  k: string;
  /** The statement as typed; cleaned only when shown (see scrubNames). */
  t: string;
}

/** A change to one slot: set it to the quote, or empty it if it still holds `key`. */
export type QuoteChange = { slot: string; set: Quote } | { slot: string; clearIfKey: string };

/** The slots one answer fills. */
export function quoteSlots(question: Question, userId: string, value: AnswerValue | undefined): Map<string, Quote> {
  const slots = new Map<string, Quote>();
  if (!value || value.kind !== 'rows' || question.kind !== 'rows') return slots;
  const isMetricRows =
    question.fields.some((field) => field.kind === 'goal') && question.fields.some((field) => field.kind === 'metric');
  if (isMetricRows) return slots;
  for (const field of question.fields) {
    if (field.kind !== 'text') continue;
    for (const row of value.rows) {
      const text = row[field.id];
      if (typeof text !== 'string' || text.trim() === '') continue;
      const k = createHash('sha256')
        .update(`${userId}\u0000${String(row.rowId)}\u0000${field.id}`)
        .digest('hex')
        .slice(0, 16);
      // Lower-case hex keys: the embedded server lower-cases patch conditions before matching them.
      const slot = `${field.id}:${themeOf(text).id}:${parseInt(k.slice(0, 8), 16) % QUOTE_SLOTS}`;
      slots.set(`${slot}\u0000${k}`, { k, t: text });
    }
  }
  return slots;
}

/** The slot changes when an answer goes from `before` to `after` (either may be absent). */
export function quoteChanges(
  question: Question,
  userId: string,
  before: AnswerValue | undefined,
  after: AnswerValue | undefined,
): QuoteChange[] {
  const was = quoteSlots(question, userId, before);
  const is = quoteSlots(question, userId, after);
  const changes: QuoteChange[] = [];
  for (const [id, quote] of was)
    if (is.get(id)?.t !== quote.t && !is.has(id)) changes.push({ slot: slotOf(id), clearIfKey: quote.k });
  for (const [id, quote] of is) if (was.get(id)?.t !== quote.t) changes.push({ slot: slotOf(id), set: quote });
  return changes;
}

function slotOf(id: string): string {
  return id.slice(0, id.indexOf('\u0000'));
}

/** A quote slot to fill, in the same patch as the counters. */
export interface QuoteSet {
  slot: string;
  quote: Quote;
}

/** A turn's quote changes for one question in one scope (teamId undefined: the organisation). */
export interface ScopedQuoteChanges {
  questionId: string;
  teamId?: string;
  changes: QuoteChange[];
}

/** Splits a turn's quote changes into slot fills per question and scope (keyed by `scopeKey`) and conditional clears. */
export function splitQuoteChanges(pending: readonly ScopedQuoteChanges[]): {
  sets: Map<string, QuoteSet[]>;
  clears: Array<{ questionId: string; teamId?: string; slot: string; key: string }>;
} {
  const sets = new Map<string, QuoteSet[]>();
  const clears: Array<{ questionId: string; teamId?: string; slot: string; key: string }> = [];
  for (const { questionId, teamId, changes } of pending) {
    for (const change of changes) {
      if ('set' in change) {
        const key = scopeKey(questionId, teamId);
        sets.set(key, [...(sets.get(key) ?? []), { slot: change.slot, quote: change.set }]);
      } else clears.push({ questionId, teamId, slot: change.slot, key: change.clearIfKey });
    }
  }
  return { sets, clears };
}

/** One key per question and scope. */
export function scopeKey(questionId: string, teamId: string | undefined): string {
  return `${questionId}\u0000${teamId ?? ''}`;
}

/** Slot name → quote (null: emptied). */
export type QuoteSlots = Record<string, Quote | null>;

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
  const named = cleaned.replace(/\b\p{Lu}\p{Ll}+\b/gu, (word: string, offset: number) =>
    offset === 0 || startsSentence(cleaned, offset) ? word : '[name]',
  );
  return named.replace(/\[name\](?:[\s-]+\[name\])+/g, '[name]');
}

/** Whether the text before `offset` ends a sentence (its last non-space character is . ! ? or :). */
function startsSentence(text: string, offset: number): boolean {
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  return before >= 0 && '.!?:'.includes(text[before]);
}
