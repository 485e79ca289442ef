import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { QuestionRef } from '../src/content/content-index';
import type { RowsQuestion } from '../src/content/types';
import type { AnswerValue, RowValue } from '../src/domain/answers';
import { rowAddedReply, rowPartTwoReply, rowSavedReply } from '../src/strategy/row-replies';
import type { SubmitOutcome } from '../src/strategy/submit';
import { newToken } from '../src/strategy/token';
import { CardPrompt, type CardPromptOptions } from './card-prompt';
import type { DialogDeps } from './dialog-deps';
import { recordAnsweredCard } from './answered-card';
import { turnUnitOf } from '../src/bot/turn-state';
import { appendRow } from './typed-on-leaving';

/** Where a rows card stands: which question, which page of a new row, what page one said, and what to show again. */
export interface RowsDialogOptions {
  questionId: string;
  canGoBack: boolean;
  page: 1 | 2;
  pendingRow?: RowValue;
  /** Values typed into a row that could not be kept yet, shown in the form again. */
  draft?: RowValue;
}

type RowAdd = Extract<SubmitOutcome, { type: 'rowAdd' }>;

/**
 * Repeatable rows (use cases, ambition statements, metrics rows goal → metric → baseline → target → time frame):
 * add, remove, and finish. Every change is stored at once; a row typed before Done is kept, never dropped.
 * Ends with the navigation the section should take.
 */
export class RowsDialog extends WaterfallDialog<RowsDialogOptions> {
  static readonly id = 'rows';

  constructor(private readonly deps: DialogDeps) {
    super(RowsDialog.id);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.handleStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext<RowsDialogOptions>): Promise<DialogTurnResult> {
    const { questionId, canGoBack, page, pendingRow, draft } = step.options;
    const options: CardPromptOptions = {
      validations: {
        questionId,
        token: newToken(),
        canGoBack,
        page,
        ...(pendingRow ? { pendingRow } : {}),
        ...(draft ? { draft } : {}),
      },
    };
    return step.prompt(CardPrompt.id, options);
  }

  private async handleStep(step: WaterfallStepContext<RowsDialogOptions>): Promise<DialogTurnResult> {
    const outcome = step.result as SubmitOutcome;
    const { questionId, page, pendingRow } = step.options;
    const ref = this.rowsRef(questionId);
    const rows = currentRows(turnUnitOf(step.context).session.doc.answers[questionId]);
    switch (outcome.type) {
      case 'rowAdd':
        return this.addRow(step, ref, rows, outcome);
      case 'rowRemove': {
        // No such row (a forged index): the card is shown again and the one pressed is left as it was.
        if (outcome.index < 0 || outcome.index >= rows.length) return step.replaceDialog(RowsDialog.id, step.options);
        const remaining = rows.filter((_, index) => index !== outcome.index);
        this.deps.recorder.record(
          turnUnitOf(step.context),
          ref,
          remaining.length > 0 ? { kind: 'rows', rows: remaining } : undefined,
        );
        await recordAnsweredCard(step.context, this.deps, ref, 'rowsChanged');
        return step.replaceDialog(RowsDialog.id, newRow(step.options));
      }
      case 'nav':
        // Back on page two returns to page one of the same row, with what was chosen there, rather than leaving.
        if (outcome.nav === 'back' && page === 2) {
          if (outcome.typed?.type === 'notKept') await step.context.sendActivity(outcome.typed.message);
          await recordAnsweredCard(step.context, this.deps, ref, 'rowsChanged');
          return step.replaceDialog(RowsDialog.id, { ...newRow(step.options), draft: pendingRow });
        }
        // What was typed before Back or Save & exit is stored (or named as not kept) by the section.
        return step.endDialog(outcome);
      default:
        return step.endDialog({ type: 'rowsDone' } satisfies SubmitOutcome);
    }
  }

  /** Stores a finished row (or moves on to its second page); Done then leaves the question, saying what was kept. */
  private async addRow(
    step: WaterfallStepContext<RowsDialogOptions>,
    ref: QuestionRef & { question: RowsQuestion },
    rows: RowValue[],
    outcome: RowAdd,
  ): Promise<DialogTurnResult> {
    const { question } = ref;
    if (outcome.page === 1 && question.fields.some((field) => field.page === 2)) {
      if (outcome.finish) await step.context.sendActivity(rowPartTwoReply(question));
      await recordAnsweredCard(step.context, this.deps, ref, 'rowsChanged');
      return step.replaceDialog(RowsDialog.id, {
        ...step.options,
        page: 2,
        pendingRow: outcome.fields,
        draft: undefined,
      });
    }
    const row = appendRow(step.context, this.deps, ref, { ...step.options.pendingRow, ...outcome.fields });
    if (outcome.finish) {
      const saved = rowSavedReply(question, row, this.deps.pack, turnUnitOf(step.context).session.doc.answers, true);
      await step.context.sendActivity({ ...MessageFactory.text(saved), textFormat: 'plain' });
      return step.endDialog({ type: 'rowsDone' } satisfies SubmitOutcome);
    }
    await step.context.sendActivity(rowAddedReply(question, rows.length + 1));
    await recordAnsweredCard(step.context, this.deps, ref, 'rowsChanged');
    return step.replaceDialog(RowsDialog.id, newRow(step.options));
  }

  private rowsRef(questionId: string): QuestionRef & { question: RowsQuestion } {
    const ref = this.deps.index.find(questionId);
    if (!ref || ref.question.kind !== 'rows') throw new Error(`no rows question ${questionId}`);
    return ref as QuestionRef & { question: RowsQuestion };
  }
}

/** The same question with an empty form for a new row. */
function newRow(options: RowsDialogOptions): RowsDialogOptions {
  return { ...options, page: 1, pendingRow: undefined, draft: undefined };
}

function currentRows(value: AnswerValue | undefined): RowValue[] {
  return value?.kind === 'rows' ? value.rows : [];
}
