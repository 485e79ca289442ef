import { hasVisibleText } from '../cards/safe-text';
import type { ContentPack, Question, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import { normalizeTyped } from './commands';
import { readRowOnLeaving, readRowsSubmit } from './read-row';
import { readRating, readText } from './read-values';
import {
  isRecord,
  type Expectation,
  type Navigation,
  type SubmitOutcome,
  type TypedOnLeaving,
  type UserInput,
} from './submit';

const NAVIGATION: readonly string[] = ['back', 'skip', 'exit'];

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
  if (value.sg === 'nav' && typeof value.nav === 'string' && NAVIGATION.includes(value.nav))
    return readNavigation(question, value.nav as Navigation, value, context);
  if (question.kind === 'rows')
    return value.sg === 'rows' ? readRowsSubmit(question, value, context) : { type: 'stale' };
  if (value.sg !== 'answer') return { type: 'stale' };
  return readAnswer(question, value.answer, context.pack);
}

/**
 * Skip leaves without answering. Back and Save & exit carry the card's inputs (a person may have typed an answer and
 * then chosen to leave): what was typed is checked as Next or Done would check it, to be kept or accounted for.
 */
function readNavigation(
  question: Question,
  nav: Navigation,
  value: Record<string, unknown>,
  context: SubmitContext,
): SubmitOutcome {
  if (nav === 'skip') return { type: 'nav', nav };
  const typed =
    question.kind === 'rows'
      ? readRowOnLeaving(question, nav, value, context)
      : readAnswerOnLeaving(question, value.answer, context.pack);
  return typed ? { type: 'nav', nav, typed } : { type: 'nav', nav };
}

function readAnswerOnLeaving(
  question: Exclude<Question, RowsQuestion>,
  raw: unknown,
  pack: ContentPack,
): TypedOnLeaving | undefined {
  if (raw === undefined || (typeof raw === 'string' && !hasVisibleText(raw))) return undefined;
  const outcome = readAnswer(question, raw, pack);
  return outcome.type === 'answer'
    ? outcome
    : { type: 'notKept', message: `Your answer to this question wasn't saved. ${outcome.message}` };
}

function readTyped(question: Question, text: string, context: SubmitContext): SubmitOutcome {
  const typed = normalizeTyped(text);
  if (typed === 'back' || typed === 'skip') return { type: 'nav', nav: typed };
  if (question.kind === 'text') return readAnswer(question, text, context.pack);
  return { type: 'invalid', message: 'Please answer on the card above, or type **back** or **skip**.' };
}

type AnswerReading = Extract<SubmitOutcome, { type: 'answer' | 'invalid' }>;

function readAnswer(question: Exclude<Question, RowsQuestion>, raw: unknown, pack: ContentPack): AnswerReading {
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

function unknownChoice(): AnswerReading {
  return { type: 'invalid', message: "That choice isn't one of the options on the card. Please pick one of them." };
}
