import type { ContentPack, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import { safeLine } from '../cards/safe-text';
import { fieldText } from './answer-text';

/** The longest piece of a person's row quoted back to them. */
const QUOTE_CHARS = 80;

/** After Add: how many rows there are and what to do next. */
export function rowAddedReply(question: RowsQuestion, count: number): string {
  return `Added. ${count} so far — add another ${question.rowLabel}, or press **Done** to move on.`;
}

/**
 * After Done (`movedOn`), Back or Save & exit with a complete row: it was kept. Quotes the person's own words, so it
 * must go out as plain text (never markdown).
 */
export function rowSavedReply(
  question: RowsQuestion,
  row: RowValue,
  pack: ContentPack,
  answers: AnswerMap,
  movedOn: boolean,
): string {
  const first = question.fields.map((field) => fieldText(field, row, pack, answers)).find((text) => text);
  const quote = first ? ` “${safeLine(first, 'row', QUOTE_CHARS)}”` : '';
  return `Saved your ${question.rowLabel}${quote}${movedOn ? ' and moved on' : ''}.`;
}

/** After Back or Save & exit with a row that could not be kept: required fields still empty, or a value refused. */
export function rowNotKeptReply(question: RowsQuestion, why: { missing: string[] } | { message: string }): string {
  const reason =
    'missing' in why ? `It still needed ${listed(why.missing.map((label) => `"${label}"`))}.` : why.message;
  return `The ${question.rowLabel} you started wasn't saved. ${reason}`;
}

/** After Back on part 2 of a row with part 2 typed: part 1 is shown again, part 2 is not. */
export function rowPartTwoClearedReply(question: RowsQuestion): string {
  return `Going back to part 1 clears part 2 of this ${question.rowLabel} (what it offers depends on part 1): please fill it in again.`;
}

/** After Done on page one of a two-page row: the row is kept so far and needs its second part. */
export function rowPartTwoReply(question: RowsQuestion): string {
  return `One more step to save this ${question.rowLabel}: fill in part 2 below and press **Done**, or press **Skip** to move on without it.`;
}

/** A typed row with required fields still empty; what was typed is on the card again. */
export function rowIncompleteReply(
  question: RowsQuestion,
  outcome: { draft: RowValue; missing: string[]; finish: boolean },
): string {
  const needed = listed(outcome.missing.map((label) => `"${label}"`));
  if (!outcome.finish && Object.keys(outcome.draft).length === 0) return `Please fill in ${needed} first.`;
  return outcome.finish
    ? `Nearly there. Please fill in ${needed} as well, then press **Done** again to save this ${question.rowLabel}, or press **Skip** to move on without it.`
    : `Nearly there. Please fill in ${needed} as well, then press **Add** again.`;
}

function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
