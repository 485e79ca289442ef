import { hasVisibleText } from '../cards/safe-text';
import type { ConsentField, RowField, RowsQuestion } from '../content/types';
import type { RowValue } from '../domain/answers';
import { NOT_SHARED, SHARED } from '../domain/row-consent';
import type { SubmitContext } from './read-submit';
import { readRating, readText } from './read-values';
import { rowIncompleteReply, rowNotKeptReply, rowPartTwoClearedReply } from './row-replies';
import type { SubmitOutcome, TypedOnLeaving } from './submit';

/**
 * A rows card's Add, Done or Remove. Add and Done may both carry a typed row (Teams sends the card's inputs with
 * either), and it is checked the same way whichever button carried it; only an untouched form lets Done move on.
 */
export function readRowsSubmit(
  question: RowsQuestion,
  value: Record<string, unknown>,
  context: SubmitContext,
): SubmitOutcome {
  switch (value.rowAction) {
    case 'add':
      return readAddOrDone(question, value, context, false);
    case 'done':
      return readAddOrDone(question, value, context, true);
    case 'remove':
      return Number.isInteger(value.rowIndex)
        ? { type: 'rowRemove', index: value.rowIndex as number }
        : { type: 'stale' };
    default:
      return { type: 'stale' };
  }
}

/**
 * A row typed on a rows card the person leaves with Back or Save & exit: a complete row to store on the way out, or
 * why it is not kept (a row is complete only with both its pages). Nothing when the form was left untouched.
 */
export function readRowOnLeaving(
  question: RowsQuestion,
  nav: 'back' | 'exit',
  value: Record<string, unknown>,
  context: SubmitContext,
): TypedOnLeaving | undefined {
  const page = pageOf(context);
  const typed = typedOnPage(question, page, value);
  // Back on part 2 goes to part 1 of the same row (see RowsDialog), which shows part 1 again but not part 2.
  if (nav === 'back' && page === 2)
    return typed ? { type: 'notKept', message: rowPartTwoClearedReply(question) } : undefined;
  if (page === 1 && !typed) return undefined;
  const reading = readRow(question, value, context);
  if (reading.type === 'invalid') return { type: 'notKept', message: rowNotKeptReply(question, reading) };
  const partTwo = page === 1 ? question.fields.filter((field) => field.page === 2 && field.required) : [];
  const missing = [...(reading.type === 'incomplete' ? reading.missing : []), ...partTwo.map((field) => field.label)];
  return missing.length > 0
    ? { type: 'notKept', message: rowNotKeptReply(question, { missing }) }
    : { type: 'row', row: { ...context.pendingRow, ...reading.fields } };
}

function readAddOrDone(
  question: RowsQuestion,
  value: Record<string, unknown>,
  context: SubmitContext,
  finish: boolean,
): SubmitOutcome {
  const page = pageOf(context);
  const typed = typedOnPage(question, page, value);
  if (finish && page === 1 && !typed) return { type: 'rowsDone' };
  const reading = readRow(question, value, context);
  switch (reading.type) {
    case 'complete':
      return { type: 'rowAdd', page, fields: reading.fields, finish };
    case 'incomplete':
      return {
        type: 'invalid',
        message: rowIncompleteReply(question, { draft: reading.fields, missing: reading.missing, finish }),
        draft: reading.fields,
      };
    case 'invalid':
      return reading;
  }
}

/** The page comes from the dialog (page two carries page one's values), never from the card's data. */
function pageOf(context: SubmitContext): 1 | 2 {
  return context.pendingRow !== undefined ? 2 : 1;
}

type RowReading =
  | { type: 'complete'; fields: RowValue }
  /** Required fields left empty; `fields`: what was typed, to show again. */
  | { type: 'incomplete'; fields: RowValue; missing: string[] }
  | { type: 'invalid'; message: string };

/** The fields of the current page of a new row, each checked against the content pack. */
function readRow(question: RowsQuestion, value: Record<string, unknown>, context: SubmitContext): RowReading {
  const page = pageOf(context);
  const fields = question.fields.filter((field) => onPage(field, page));
  const existing = context.answers[question.id];
  if (page === 1 && existing?.kind === 'rows' && existing.rows.length >= context.pack.limits.maxRows) {
    return {
      type: 'invalid',
      message: `You've reached the limit of ${context.pack.limits.maxRows} rows. Remove one to add another, or press **Done**.`,
    };
  }
  const row: RowValue = {};
  const missing: string[] = [];
  for (const field of fields) {
    const outcome = readField(field, value, { ...context.pendingRow, ...row }, context);
    if (outcome.type === 'invalid') return outcome;
    if (outcome.type === 'value') Object.assign(row, outcome.values);
    else if (field.required) missing.push(field.label);
  }
  return missing.length > 0 ? { type: 'incomplete', fields: row, missing } : { type: 'complete', fields: row };
}

/** The fields a submit on this page is read for: the page's own, and any never typed (a card never sends one, a forged submit may). */
function onPage(field: RowField, page: 1 | 2): boolean {
  return field.page === page || field.kind === 'recommendation';
}

function typedOnPage(question: RowsQuestion, page: 1 | 2, value: Record<string, unknown>): boolean {
  return question.fields.some((field) => onPage(field, page) && typedInto(field, value));
}

/**
 * Anything but an absent or blank value counts as typed, so odd values are checked rather than passed over. A toggle
 * always sends its value, so it alone is not a row (a form with only a toggle moved is still untouched).
 */
function typedInto(field: RowField, value: Record<string, unknown>): boolean {
  if (field.kind === 'consent') return false;
  return [value[`field.${field.id}`], value[`field.${field.id}.own`]].some(
    (raw) => raw !== undefined && !(typeof raw === 'string' && !hasVisibleText(raw)),
  );
}

type FieldOutcome = { type: 'value'; values: RowValue } | { type: 'empty' } | { type: 'invalid'; message: string };

function readField(
  field: RowField,
  value: Record<string, unknown>,
  rowSoFar: RowValue,
  context: SubmitContext,
): FieldOutcome {
  const raw = value[`field.${field.id}`];
  if (field.kind === 'consent') return readConsent(field, raw);
  const own = value[`field.${field.id}.own`];
  // Nothing visible counts as empty, as when the row is left with Back (typedInto).
  const given = typeof raw === 'string' && hasVisibleText(raw);
  const ownGiven = typeof own === 'string' && hasVisibleText(own);
  if (!given && !ownGiven) {
    if (raw !== undefined && typeof raw !== 'string')
      return { type: 'invalid', message: `"${field.label}" doesn't look right. Please fill it in again.` };
    return { type: 'empty' };
  }
  const { pack } = context;
  const picked = given ? (raw as string).trim() : '';
  const allowsOwn = field.kind === 'goal' || field.kind === 'metric';
  if (allowsOwn && (ownGiven || picked === 'own')) {
    if (!ownGiven) return { type: 'invalid', message: `Please write your own ${field.label.toLowerCase()}.` };
    const text = readText(own as string, pack.limits.shortText);
    return typeof text === 'string' ? { type: 'value', values: { [field.id]: text, [`${field.id}.own`]: 1 } } : text;
  }
  switch (field.kind) {
    case 'text': {
      const text = readText(picked, field.long ? pack.limits.longText : pack.limits.shortText);
      return typeof text === 'string' ? { type: 'value', values: { [field.id]: text } } : text;
    }
    case 'rating': {
      const rating = readRating(picked);
      return rating === undefined ? fieldChoiceError(field) : { type: 'value', values: { [field.id]: rating } };
    }
    case 'choice':
      return field.options.some((option) => option.value === picked)
        ? { type: 'value', values: { [field.id]: picked } }
        : fieldChoiceError(field);
    case 'timeFrame':
      return pack.timeFrames.some((option) => option.value === picked)
        ? { type: 'value', values: { [field.id]: picked } }
        : fieldChoiceError(field);
    case 'goal':
      return pack.goals.some((goal) => goal.value === picked)
        ? { type: 'value', values: { [field.id]: picked } }
        : fieldChoiceError(field);
    case 'metric': {
      const goal = pack.goals.find((candidate) => candidate.value === rowSoFar[field.goalField]);
      return goal?.metrics.some((metric) => metric.value === picked)
        ? { type: 'value', values: { [field.id]: picked } }
        : fieldChoiceError(field);
    }
    case 'rowRef': {
      const target = context.answers[field.question];
      const exists = target?.kind === 'rows' && target.rows.some((row) => row.rowId === picked);
      return exists ? { type: 'value', values: { [field.id]: picked } } : fieldChoiceError(field);
    }
    case 'recommendation':
      return {
        type: 'invalid',
        message: `"${field.label}" is worked out from your answers and can't be set on the card. Please answer the questions on the card instead.`,
      };
  }
}

/**
 * A toggle sends "true" or "false". Without a value (a forged submit, or a card from before the question asked) the
 * row is not shared: consent is never assumed. Anything else is refused, so a malformed value cannot pass for a yes.
 */
function readConsent(field: ConsentField, raw: unknown): FieldOutcome {
  if (raw === undefined || raw === 'false') return { type: 'value', values: { [field.id]: NOT_SHARED } };
  if (raw === 'true') return { type: 'value', values: { [field.id]: SHARED } };
  return { type: 'invalid', message: `"${field.label}" doesn't look right. Please switch it on or off again.` };
}

function fieldChoiceError(field: RowField): FieldOutcome {
  return { type: 'invalid', message: `Please pick one of the listed options for "${field.label}".` };
}
