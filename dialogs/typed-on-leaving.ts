import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { QuestionRef } from '../src/content/content-index';
import type { RowsQuestion } from '../src/content/types';
import type { RowValue } from '../src/domain/answers';
import { withRecommendation } from '../src/strategy/recommended-row';
import { rowSavedReply } from '../src/strategy/row-replies';
import type { TypedOnLeaving } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from '../src/bot/turn-state';

/**
 * Back or Save & exit with something typed on the card: a checked answer or complete row is stored as Next or Done
 * would store it (a row is confirmed in the person's words), anything else is named as not kept. Returns whether
 * everything typed was kept.
 */
export async function keepTypedOnLeaving(
  context: TurnContext,
  deps: Pick<DialogDeps, 'recorder' | 'pack'>,
  ref: QuestionRef,
  typed: TypedOnLeaving,
): Promise<boolean> {
  switch (typed.type) {
    case 'answer':
      deps.recorder.record(turnUnitOf(context), ref, typed.value);
      return true;
    case 'row': {
      if (ref.question.kind !== 'rows') throw new Error(`question ${ref.question.id} takes no rows`);
      const rowsRef = { ...ref, question: ref.question };
      const row = appendRow(context, deps, rowsRef, typed.row);
      const { answers } = turnUnitOf(context).session.doc;
      const saved = rowSavedReply(rowsRef.question, row, deps.pack, answers, false);
      await context.sendActivity({ ...MessageFactory.text(saved), textFormat: 'plain' });
      return true;
    }
    case 'notKept':
      await context.sendActivity(typed.message);
      return false;
  }
}

/**
 * Adds a complete row to the person's answer to a rows question, under a new row id and with its recommended approach
 * worked out (for a question that has one); returns the row as stored.
 */
export function appendRow(
  context: TurnContext,
  deps: Pick<DialogDeps, 'recorder' | 'pack'>,
  ref: QuestionRef & { question: RowsQuestion },
  fields: RowValue,
): RowValue {
  const unit = turnUnitOf(context);
  const current = unit.session.doc.answers[ref.question.id];
  const rows = current?.kind === 'rows' ? current.rows : [];
  const row: RowValue = { rowId: randomUUID().slice(0, 8), ...withRecommendation(deps.pack, ref.question, fields) };
  deps.recorder.record(unit, ref, { kind: 'rows', rows: [...rows, row] });
  return row;
}
