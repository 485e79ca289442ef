/** What the user sent in reply to a question card, once checked. Card submits are treated as forged until checked. */
import type { AnswerValue, RowValue } from '../domain/answers';

export type Navigation = 'back' | 'skip' | 'exit';

export type SubmitOutcome =
  | { type: 'answer'; value: AnswerValue }
  /** Back, Skip or Save & exit; `typed`: what Back or Save & exit carried from the card's inputs, once checked. */
  | { type: 'nav'; nav: Navigation; typed?: TypedOnLeaving }
  /** A page of a new row, complete; `finish` when it came with Done (store it, then move on). */
  | { type: 'rowAdd'; page: 1 | 2; fields: RowValue; finish: boolean }
  | { type: 'rowRemove'; index: number }
  | { type: 'rowsDone' }
  /**
   * The input was understood but not acceptable; `message` says why, kindly. `draft`: a row typed with required
   * fields still empty, shown again in the form so nothing typed is lost.
   */
  | { type: 'invalid'; message: string; draft?: RowValue }
  /** A card other than the current one: an old card clicked again, or a forged submit. */
  | { type: 'stale' };

/**
 * What was typed on a card the person is leaving: an answer or a complete row (page one's values included) to store
 * on the way out, or a message saying plainly what is not kept and why.
 */
export type TypedOnLeaving =
  { type: 'answer'; value: AnswerValue } | { type: 'row'; row: RowValue } | { type: 'notKept'; message: string };

/** What the current card expects: the question it asks and the one-time token it carries. */
export interface Expectation {
  questionId: string;
  token: string;
}

/** The parts of an incoming message the strategy dialogs look at. */
export interface UserInput {
  text?: string;
  value?: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
