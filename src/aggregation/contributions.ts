import type { Question, RowField } from '../content/types';
import type { AnswerValue, RowValue } from '../domain/answers';
import type { Role } from '../domain/roles';
import { NOT_SHARED, SHARED, rowShared } from '../domain/row-consent';
import { numberBucket } from './number-buckets';
import { themeOf } from './themes';

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
      add(`theme:${themeOf(value.text).id}`);
      break;
    case 'rows':
      add('rows', value.rows.length);
      if (question.kind === 'rows') {
        for (const row of value.rows) addRow(add, question.fields, row);
        if (isMetricRows(question.fields)) addMetricRows(add, question.fields, value.rows);
        else addStatementThemes(add, question.fields, value.rows);
      }
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
    // Shared or not, never unknown: a row from before the question asked counts as not shared.
    if (field.kind === 'consent') add(`field:${field.id}:${rowShared([field], row) ? SHARED : NOT_SHARED}`);
    const value = row[field.id];
    if (value === undefined || value === '' || field.kind === 'consent') continue;
    if (field.kind === 'rating') addRating(add, `field:${field.id}`, value);
    // Values from the pack's lists (chosen, or worked out by the bot) are counted by value; the user's own words as "own".
    else if (
      field.kind === 'goal' ||
      field.kind === 'metric' ||
      field.kind === 'choice' ||
      field.kind === 'timeFrame' ||
      field.kind === 'recommendation'
    ) {
      add(`field:${field.id}:${isOwn(row, field.id) ? 'own' : String(value)}`);
    }
  }
}

/** Rows with a goal and a metric are success metrics; their free-text fields are baselines and targets. */
function isMetricRows(fields: RowField[]): boolean {
  return fields.some((field) => field.kind === 'goal') && fields.some((field) => field.kind === 'metric');
}

/**
 * Per goal → metric pair: rows (`pair:<goal>><metric>`), people (`pairPeople:…`, once per answer), people per goal
 * (`goalPeople:<goal>`), each free-text field's number bucket (`pair:<goal>><metric>:<field>:<bucket>`) and the time
 * frame chosen (`pair:<goal>><metric>:timeFrame:<value>`).
 */
function addMetricRows(add: Add, fields: RowField[], rows: RowValue[]): void {
  const goalField = fields.find((field) => field.kind === 'goal');
  const metricField = fields.find((field) => field.kind === 'metric');
  const textFields = fields.filter((field) => field.kind === 'text');
  const timeFrameField = fields.find((field) => field.kind === 'timeFrame');
  const pairs = new Set<string>();
  const goals = new Set<string>();
  for (const row of rows) {
    const goal = choiceKey(row, goalField?.id);
    const pair = `${goal}>${choiceKey(row, metricField?.id)}`;
    goals.add(goal);
    pairs.add(pair);
    add(`pair:${pair}`);
    for (const field of textFields) {
      const text = row[field.id];
      if (typeof text === 'string' && text !== '') add(`pair:${pair}:${field.id}:${numberBucket(text)}`);
    }
    const timeFrame = choiceKey(row, timeFrameField?.id);
    if (timeFrame !== 'none') add(`pair:${pair}:timeFrame:${timeFrame}`);
  }
  for (const pair of pairs) add(`pairPeople:${pair}`);
  for (const goal of goals) add(`goalPeople:${goal}`);
}

/** Per free-text field: statements per theme (`field:<id>:theme:<theme>`) and people per theme (`…:themePeople:…`). */
function addStatementThemes(add: Add, fields: RowField[], rows: RowValue[]): void {
  for (const field of fields) {
    if (field.kind !== 'text') continue;
    const themes = new Set<string>();
    for (const row of rows) {
      const text = row[field.id];
      if (typeof text !== 'string' || text === '') continue;
      const theme = themeOf(text).id;
      themes.add(theme);
      add(`field:${field.id}:theme:${theme}`);
    }
    for (const theme of themes) add(`field:${field.id}:themePeople:${theme}`);
  }
}

/** A chosen pack value, "own" for the user's own words, "none" when the field is empty. */
function choiceKey(row: RowValue, fieldId: string | undefined): string {
  const value = fieldId === undefined ? undefined : row[fieldId];
  if (value === undefined || value === null || value === '') return 'none';
  return isOwn(row, fieldId as string) ? 'own' : String(value);
}

/** A row records the user's own goal or metric by setting `<field>.own` to true. */
export function isOwn(row: RowValue, fieldId: string): boolean {
  return row[`${fieldId}.own`] === 1;
}
