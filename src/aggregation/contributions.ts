import type { Question, RowField } from '../content/types';
import type { AnswerValue, RowValue } from '../domain/answers';
import type { Role } from '../domain/roles';

/**
 * Flat counter names to amounts, e.g. "employee:rating:4" → 1. Each answer counts in its role's group, so
 * summaries can compare leaders with employees; totals are the sum of the groups (see `total`).
 */
export type Counters = Record<string, number>;

const ROLES: readonly Role[] = ['leader', 'employee'];

/** What one answer adds to its question's counters; nothing for no answer. */
export function contributions(question: Question, value: AnswerValue | undefined, role: Role): Counters {
  if (!value) return {};
  return Object.fromEntries(
    Object.entries(baseContributions(question, value)).map(([name, amount]) => [`${role}:${name}`, amount]),
  );
}

/** A counter over everyone, e.g. total(counters, 'rating:4'). */
export function total(counters: Counters, name: string): number {
  return ROLES.reduce((sum, role) => sum + (counters[`${role}:${name}`] ?? 0), 0);
}

/** An answer together with the role it is (or was) counted under. */
export interface CountedAnswer {
  value: AnswerValue;
  role: Role;
}

/**
 * The change in counters when an answer goes from `before` to `after` (either may be absent): the old answer comes
 * out of the group it was counted in, even if the person's role has changed since. Zero entries are dropped.
 */
export function counterDelta(
  question: Question,
  before: CountedAnswer | undefined,
  after: CountedAnswer | undefined,
): Counters {
  const delta: Counters = after ? { ...contributions(question, after.value, after.role) } : {};
  const removed = before ? contributions(question, before.value, before.role) : {};
  for (const [name, amount] of Object.entries(removed)) {
    delta[name] = (delta[name] ?? 0) - amount;
  }
  return Object.fromEntries(Object.entries(delta).filter(([, amount]) => amount !== 0));
}

function baseContributions(question: Question, value: AnswerValue): Counters {
  const counters: Counters = { n: 1 };
  const add = (name: string, amount = 1) => (counters[name] = (counters[name] ?? 0) + amount);
  switch (value.kind) {
    case 'rating':
      addRating(add, 'rating', value.value);
      break;
    case 'single':
      add(`counts:${value.value}`);
      break;
    case 'multi':
      for (const option of value.values) add(`counts:${option}`);
      break;
    case 'text':
      break;
    case 'rows':
      add('rows', value.rows.length);
      if (question.kind === 'rows') for (const row of value.rows) addRow(add, question.fields, row);
      break;
  }
  return counters;
}

type Add = (name: string, amount?: number) => void;

function addRating(add: Add, prefix: string, rating: number | null | string | undefined): void {
  if (typeof rating === 'number') {
    add(`${prefix}:${rating}`);
    add(`${prefix}:sum`, rating);
    add(`${prefix}:rated`);
  } else {
    add(`${prefix}:dk`);
  }
}

function addRow(add: Add, fields: RowField[], row: RowValue): void {
  for (const field of fields) {
    const value = row[field.id];
    if (value === undefined || value === '') continue;
    if (field.kind === 'rating') addRating(add, `field:${field.id}`, value);
    // Only values chosen from the pack's lists are counted by value; the user's own words are counted as "own".
    else if (
      field.kind === 'goal' ||
      field.kind === 'metric' ||
      field.kind === 'choice' ||
      field.kind === 'timeFrame'
    ) {
      add(`field:${field.id}:${isOwn(row, field.id) ? 'own' : String(value)}`);
    }
  }
}

/** A row records the user's own goal or metric by setting `<field>.own` to true. */
export function isOwn(row: RowValue, fieldId: string): boolean {
  return row[`${fieldId}.own`] === 1;
}
