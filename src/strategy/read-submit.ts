import type { ContentPack, Question, RowField, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import { normalizeTyped } from './commands';
import { isRecord, type Expectation, type Navigation, type SubmitOutcome, type UserInput } from './submit';

const NAVIGATION: readonly string[] = ['back', 'skip', 'exit'];
const DONT_KNOW = 'dk';

/** Everything a submit is checked against besides the question itself. */
export interface SubmitContext {
  pack: ContentPack;
  answers: AnswerMap;
  /** Page-one values of the row being entered, when the rows card is on page two. */
  pendingRow?: RowValue;
}

/** Checks a reply to a question or rows card against the content pack; never trusts the card's data. */
export function readSubmit(
  question: Question,
  expected: Expectation,
  input: UserInput,
  context: SubmitContext,
): SubmitOutcome {
  if (input.value === undefined) return readTyped(question, input.text ?? '', context);
  const value = input.value;
  if (!isRecord(value)) return { type: 'stale' };
  if (value.questionId !== expected.questionId || value.token !== expected.token) return { type: 'stale' };
  if (value.sg === 'nav' && typeof value.nav === 'string' && NAVIGATION.includes(value.nav)) {
    return { type: 'nav', nav: value.nav as Navigation };
  }
  if (question.kind === 'rows')
    return value.sg === 'rows' ? readRowsSubmit(question, value, context) : { type: 'stale' };
  if (value.sg !== 'answer') return { type: 'stale' };
  return readAnswer(question, value.answer, context.pack);
}

function readTyped(question: Question, text: string, context: SubmitContext): SubmitOutcome {
  const typed = normalizeTyped(text);
  if (typed === 'back' || typed === 'skip') return { type: 'nav', nav: typed };
  if (question.kind === 'text') return readAnswer(question, text, context.pack);
  return { type: 'invalid', message: 'Please answer on the card above, or type **back** or **skip**.' };
}

function readAnswer(question: Exclude<Question, RowsQuestion>, raw: unknown, pack: ContentPack): SubmitOutcome {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { type: 'invalid', message: 'Please choose or write an answer first, or press **Skip**.' };
  switch (question.kind) {
    case 'rating': {
      const rating = readRating(raw);
      return rating === undefined ? unknownChoice() : { type: 'answer', value: { kind: 'rating', value: rating } };
    }
    case 'single':
      return question.options.some((option) => option.value === raw)
        ? { type: 'answer', value: { kind: 'single', value: raw } }
        : unknownChoice();
    case 'multi': {
      const values = [
        ...new Set(
          raw
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean),
        ),
      ];
      if (values.length === 0 || !values.every((picked) => question.options.some((option) => option.value === picked)))
        return unknownChoice();
      if (question.exclusive && values.includes(question.exclusive) && values.length > 1) {
        const label =
          question.options.find((option) => option.value === question.exclusive)?.label ?? question.exclusive;
        return { type: 'invalid', message: `"${label}" can't be combined with other choices. Please pick again.` };
      }
      return { type: 'answer', value: { kind: 'multi', values } };
    }
    case 'text': {
      const limit = question.long ? pack.limits.longText : pack.limits.shortText;
      const text = readText(raw, limit);
      return typeof text === 'string' ? { type: 'answer', value: { kind: 'text', text } } : text;
    }
  }
}

function readRowsSubmit(question: RowsQuestion, value: Record<string, unknown>, context: SubmitContext): SubmitOutcome {
  switch (value.rowAction) {
    case 'done':
      return { type: 'rowsDone' };
    case 'remove':
      return Number.isInteger(value.rowIndex)
        ? { type: 'rowRemove', index: value.rowIndex as number }
        : { type: 'stale' };
    case 'add': {
      // The page comes from the dialog (page two carries page one's values), never from the card's data.
      const page = context.pendingRow !== undefined ? 2 : 1;
      const existing = context.answers[question.id];
      if (page === 1 && existing?.kind === 'rows' && existing.rows.length >= context.pack.limits.maxRows) {
        return {
          type: 'invalid',
          message: `You've reached the limit of ${context.pack.limits.maxRows} rows. Remove one to add another, or press **Done**.`,
        };
      }
      return readRowFields(question, page, value, context);
    }
    default:
      return { type: 'stale' };
  }
}

function readRowFields(
  question: RowsQuestion,
  page: 1 | 2,
  value: Record<string, unknown>,
  context: SubmitContext,
): SubmitOutcome {
  const fields: RowValue = {};
  for (const field of question.fields.filter((candidate) => candidate.page === page)) {
    const outcome = readField(field, value, { ...context.pendingRow, ...fields }, context);
    if (outcome.type === 'invalid') return outcome;
    if (outcome.type === 'value') Object.assign(fields, outcome.values);
  }
  return { type: 'rowAdd', page, fields };
}

type FieldOutcome = { type: 'value'; values: RowValue } | { type: 'empty' } | { type: 'invalid'; message: string };

function readField(
  field: RowField,
  value: Record<string, unknown>,
  rowSoFar: RowValue,
  context: SubmitContext,
): FieldOutcome {
  const raw = value[`field.${field.id}`];
  const own = value[`field.${field.id}.own`];
  const given = typeof raw === 'string' && raw.trim() !== '';
  const ownGiven = typeof own === 'string' && own.trim() !== '';
  if (!given && !ownGiven) {
    if (raw !== undefined && typeof raw !== 'string')
      return { type: 'invalid', message: `"${field.label}" doesn't look right. Please fill it in again.` };
    return field.required ? { type: 'invalid', message: `Please fill in "${field.label}".` } : { type: 'empty' };
  }
  const { pack } = context;
  const picked = given ? (raw as string).trim() : '';
  const allowsOwn = field.kind === 'goal' || field.kind === 'metric';
  if (allowsOwn && (ownGiven || picked === 'own')) {
    const text = readText(ownGiven ? (own as string) : '', pack.limits.shortText);
    if (typeof text !== 'string')
      return text.type === 'invalid'
        ? text
        : { type: 'invalid', message: `Please write your own ${field.label.toLowerCase()}.` };
    return { type: 'value', values: { [field.id]: text, [`${field.id}.own`]: 1 } };
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
  }
}

/** "1".."5" → the number, "dk" → null (don't know), anything else → undefined. */
function readRating(raw: string): number | null | undefined {
  if (raw === DONT_KNOW) return null;
  return /^[1-5]$/.test(raw) ? Number(raw) : undefined;
}

/** Trims, drops control characters and enforces the length limit. */
export function readText(raw: string, limit: number): string | { type: 'invalid'; message: string } {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text.replace(/\p{Cf}/gu, '').trim() === '')
    return { type: 'invalid', message: 'Please write something first, or press **Skip**.' };
  if (text.length > limit) {
    return {
      type: 'invalid',
      message: `That's ${text.length.toLocaleString('en-US')} characters; the limit here is ${limit.toLocaleString('en-US')}. Please shorten it and send it again.`,
    };
  }
  return text;
}

function unknownChoice(): SubmitOutcome {
  return { type: 'invalid', message: "That choice isn't one of the options on the card. Please pick one of them." };
}

function fieldChoiceError(field: RowField): FieldOutcome {
  return { type: 'invalid', message: `Please pick one of the listed options for "${field.label}".` };
}
