import type { QuestionRef } from '../content/content-index';
import type { ContentPack, Question, RowsQuestion } from '../content/types';
import type { AnswerMap, AnswerValue } from '../domain/answers';
import type { AnsweredView } from '../cards/view-models';
import { answerLines } from './answer-text';
import { progressOf } from './card-views';

/**
 * How the person left a card: moved on from it (Next, Done, Back, Save & exit), skipped it, or changed the rows of
 * a rows question and got a fresh card for the same question (Add, Remove, part 2 of a row, Back to part 1).
 */
export type LeftCard = 'movedOn' | 'skipped' | 'rowsChanged';

/** The one-line record an answered card becomes, from the answers as they will be stored. */
export function answeredView(ref: QuestionRef, pack: ContentPack, answers: AnswerMap, left: LeftCard): AnsweredView {
  const { question } = ref;
  const value = answers[question.id];
  return {
    questionId: question.id,
    progress: progressOf(ref),
    answer:
      question.kind === 'rows' ? rowsRecord(question, value, left) : answerRecord(question, value, pack, answers, left),
  };
}

function answerRecord(
  question: Exclude<Question, RowsQuestion>,
  value: AnswerValue | undefined,
  pack: ContentPack,
  answers: AnswerMap,
  left: LeftCard,
): string {
  if (!value) return left === 'skipped' ? 'skipped' : 'not answered';
  if (question.kind === 'rating' && value.kind === 'rating') {
    const scale = pack.scales[question.scale];
    if (value.value === null) return scale?.dontKnowLabel ?? "Don't know";
    // As the card's choice read: "4 · To a large extent".
    const label = scale?.labels[value.value - 1];
    return label ? `${value.value} · ${label}` : `${value.value} of 5`;
  }
  return answerLines(question, value, pack, answers).join(' ');
}

function rowsRecord(question: RowsQuestion, value: AnswerValue | undefined, left: LeftCard): string {
  const count = value?.kind === 'rows' ? value.rows.length : 0;
  if (left === 'rowsChanged') return `${counted(count, question.rowLabel)} so far`;
  if (count === 0 && left === 'skipped') return 'skipped';
  return counted(count, question.rowLabel);
}

/** "no use cases", "1 use case", "3 use cases". */
function counted(count: number, noun: string): string {
  if (count === 1) return `1 ${noun}`;
  return `${count === 0 ? 'no' : count} ${plural(noun)}`;
}

/** English plural of a row label from the content pack ("use case", "statement", "build approach"). */
export function plural(noun: string): string {
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}
