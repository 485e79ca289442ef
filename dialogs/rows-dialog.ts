import { randomUUID } from 'node:crypto';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { QuestionRef } from '../src/content/content-index';
import type { RowsQuestion } from '../src/content/types';
import type { AnswerValue, RowValue } from '../src/domain/answers';
import type { SubmitOutcome } from '../src/strategy/submit';
import { newToken } from '../src/strategy/token';
import { CardPrompt, type CardPromptOptions } from './card-prompt';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from './turn-state';

/** Where a rows card stands: which question, which page of a new row, and what page one said. */
export interface RowsDialogOptions {
  questionId: string;
  canGoBack: boolean;
  page: 1 | 2;
  pendingRow?: RowValue;
}

/**
 * Repeatable rows (use cases, ambition statements, metrics rows goal → metric → baseline → target → time frame):
 * add, remove, and finish. Every change is stored at once. Ends with the navigation the section should take.
 */
export class RowsDialog extends WaterfallDialog<RowsDialogOptions> {
  static readonly id = 'rows';

  constructor(private readonly deps: DialogDeps) {
    super(RowsDialog.id);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.handleStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext<RowsDialogOptions>): Promise<DialogTurnResult> {
    const { questionId, canGoBack, page, pendingRow } = step.options;
    const options: CardPromptOptions = {
      validations: { questionId, token: newToken(), canGoBack, page, ...(pendingRow ? { pendingRow } : {}) },
    };
    return step.prompt(CardPrompt.id, options);
  }

  private async handleStep(step: WaterfallStepContext<RowsDialogOptions>): Promise<DialogTurnResult> {
    const outcome = step.result as SubmitOutcome;
    const { questionId, page } = step.options;
    const ref = this.rowsRef(questionId);
    const unit = turnUnitOf(step.context);
    const rows = currentRows(unit.session.doc.answers[questionId]);
    switch (outcome.type) {
      case 'rowAdd': {
        const needsPageTwo = outcome.page === 1 && ref.question.fields.some((field) => field.page === 2);
        if (needsPageTwo)
          return step.replaceDialog(RowsDialog.id, { ...step.options, page: 2, pendingRow: outcome.fields });
        const row: RowValue = { rowId: randomUUID().slice(0, 8), ...step.options.pendingRow, ...outcome.fields };
        this.deps.recorder.record(unit, ref, { kind: 'rows', rows: [...rows, row] });
        await step.context.sendActivity(
          `Added. ${rows.length + 1} so far — add another ${ref.question.rowLabel}, or press **Done** to move on.`,
        );
        return step.replaceDialog(RowsDialog.id, { ...step.options, page: 1, pendingRow: undefined });
      }
      case 'rowRemove': {
        if (outcome.index < 0 || outcome.index >= rows.length) return step.replaceDialog(RowsDialog.id, step.options);
        const remaining = rows.filter((_, index) => index !== outcome.index);
        this.deps.recorder.record(unit, ref, remaining.length > 0 ? { kind: 'rows', rows: remaining } : undefined);
        return step.replaceDialog(RowsDialog.id, { ...step.options, page: 1, pendingRow: undefined });
      }
      case 'nav':
        // Back on page two returns to page one of the same row rather than leaving the question.
        if (outcome.nav === 'back' && page === 2)
          return step.replaceDialog(RowsDialog.id, { ...step.options, page: 1, pendingRow: undefined });
        return step.endDialog(outcome);
      default:
        return step.endDialog({ type: 'rowsDone' } satisfies SubmitOutcome);
    }
  }

  private rowsRef(questionId: string): QuestionRef & { question: RowsQuestion } {
    const ref = this.deps.index.find(questionId);
    if (!ref || ref.question.kind !== 'rows') throw new Error(`no rows question ${questionId}`);
    return ref as QuestionRef & { question: RowsQuestion };
  }
}

function currentRows(value: AnswerValue | undefined): RowValue[] {
  return value?.kind === 'rows' ? value.rows : [];
}
