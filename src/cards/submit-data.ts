import type { CardCommand } from './view-models';

/**
 * What the cards' buttons send as `activity.value`. Untrusted: a client can send anything, so the
 * bot checks every field (and `token`) before acting. Input values arrive beside these keys:
 * `answer` on the question card, `field.<fieldId>` and `field.<fieldId>.own` on the rows card.
 */
export type CardSubmit = AnswerSubmit | NavSubmit | RowsSubmit | EditSubmit | CommandSubmit | ConfirmDeleteSubmit;

/** Next on the question card; `answer` is "1".."5"/"dk" (rating), an option value, comma-joined values (multi) or text. */
export interface AnswerSubmit {
  sg: 'answer';
  questionId: string;
  token: string;
  answer?: string;
}

/**
 * Back, Skip or Save & exit on a question or rows card. Back and Save & exit carry the card's inputs (what was typed is
 * kept on the way out); Skip carries none.
 */
export interface NavSubmit {
  sg: 'nav';
  nav: 'back' | 'skip' | 'exit';
  questionId: string;
  token: string;
  answer?: string;
  [input: `field.${string}`]: string;
}

export type RowsSubmit =
  | { sg: 'rows'; rowAction: 'add'; page: 1 | 2; questionId: string; token: string; [input: `field.${string}`]: string }
  | { sg: 'rows'; rowAction: 'remove'; rowIndex: number; questionId: string; token: string }
  | { sg: 'rows'; rowAction: 'done'; questionId: string; token: string };

/** Edit on the review card. */
export interface EditSubmit {
  sg: 'edit';
  questionId: string;
}

/** A button that does what the same typed command does. */
export interface CommandSubmit {
  sg: 'command';
  command: CardCommand;
}

/** The two buttons of the delete confirmation card. */
export interface ConfirmDeleteSubmit {
  sg: 'confirmDelete';
  confirm: boolean;
  token: string;
}
