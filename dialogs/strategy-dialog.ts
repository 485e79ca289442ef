import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { sendReviewCard } from './review-card';
import type { DialogDeps } from './dialog-deps';
import { SectionDialog, type SectionDialogOptions, type SectionResult } from './section-dialog';
import { SummaryDialog } from './summary-dialog';
import { turnUnitOf } from '../src/bot/turn-state';

export interface StrategyDialogOptions {
  /** Section to work on; absent means: where the user left off. */
  sectionIndex?: number;
  /** Question within the section; 'last' when stepping back from the next section. */
  questionIndex?: number | 'last';
  /** Edit just this question, then show the review card. */
  editQuestionId?: string;
}

/** Walks the sections of the content pack in order, then posts the summary. */
export class StrategyDialog extends WaterfallDialog<StrategyDialogOptions> {
  static readonly id = 'strategy';

  constructor(private readonly deps: DialogDeps) {
    super(StrategyDialog.id);
    this.addStep(this.sectionStep.bind(this));
    this.addStep(this.afterSectionStep.bind(this));
  }

  private async sectionStep(step: WaterfallStepContext<StrategyDialogOptions>): Promise<DialogTurnResult> {
    const { index } = this.deps;
    const { editQuestionId } = step.options;
    if (editQuestionId) {
      const ref = index.find(editQuestionId);
      if (!ref) return step.endDialog();
      const options: SectionDialogOptions = { index: ref.indexInSection - 1, single: true };
      return step.beginDialog(SectionDialog.idFor(ref.section.id), options);
    }
    const position = step.options.sectionIndex === undefined ? this.resumePosition(step) : undefined;
    if (position === 'complete') return step.replaceDialog(SummaryDialog.id);
    const sectionIndex = position?.sectionIndex ?? step.options.sectionIndex ?? 0;
    const section = index.sections[sectionIndex];
    (step.values as { sectionIndex?: number }).sectionIndex = sectionIndex;
    const total = index.questionsOf(section.id).length;
    const requested = position?.questionIndex ?? step.options.questionIndex ?? 0;
    const questionIndex = requested === 'last' ? total - 1 : requested;
    if (questionIndex === 0)
      await step.context.sendActivity(MessageFactory.text(`**${section.title}** — ${section.intro}`));
    return step.beginDialog(SectionDialog.idFor(section.id), { index: questionIndex } satisfies SectionDialogOptions);
  }

  private async afterSectionStep(step: WaterfallStepContext<StrategyDialogOptions>): Promise<DialogTurnResult> {
    const result = step.result as SectionResult;
    const sectionIndex = this.currentSectionIndex(step);
    switch (result) {
      case 'done':
        await sendReviewCard(step.context, this.deps);
        return step.endDialog();
      case 'exit':
        await step.context.sendActivity(
          'Saved. Your answers are stored — type **resume** whenever you want to carry on.',
        );
        return step.endDialog();
      case 'exitUnsaved':
        await step.context.sendActivity(
          "Paused. Everything else you've answered is stored — type **resume** whenever you want to carry on.",
        );
        return step.endDialog();
      case 'back':
        return sectionIndex > 0
          ? step.replaceDialog(StrategyDialog.id, {
              sectionIndex: sectionIndex - 1,
              questionIndex: 'last',
            } satisfies StrategyDialogOptions)
          : step.replaceDialog(StrategyDialog.id, {
              sectionIndex: 0,
              questionIndex: 0,
            } satisfies StrategyDialogOptions);
      case 'next':
        if (sectionIndex + 1 < this.deps.index.sections.length) {
          return step.replaceDialog(StrategyDialog.id, {
            sectionIndex: sectionIndex + 1,
            questionIndex: 0,
          } satisfies StrategyDialogOptions);
        }
        // The walk-through is over: a later "resume" starts from the first question still unanswered.
        delete turnUnitOf(step.context).session.doc.lastQuestionId;
        return step.replaceDialog(SummaryDialog.id);
    }
  }

  /** The question last asked, else the first unanswered one; 'complete' when nothing is left to ask. */
  private resumePosition(
    step: WaterfallStepContext<StrategyDialogOptions>,
  ): { sectionIndex: number; questionIndex: number } | 'complete' {
    const { answers, lastQuestionId } = turnUnitOf(step.context).session.doc;
    const { index } = this.deps;
    const unanswered = index.allQuestions().filter(({ question }) => answers[question.id] === undefined);
    if (unanswered.length === 0) return 'complete';
    const last = lastQuestionId ? index.find(lastQuestionId) : undefined;
    const ref = last ?? unanswered[0];
    return { sectionIndex: index.sections.indexOf(ref.section), questionIndex: ref.indexInSection - 1 };
  }

  private currentSectionIndex(step: WaterfallStepContext<StrategyDialogOptions>): number {
    return (step.values as { sectionIndex?: number }).sectionIndex ?? 0;
  }
}
