import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { PathView } from '../src/content/path-view';
import { sendReviewCard } from './review-card';
import type { DialogDeps } from './dialog-deps';
import { SectionDialog, type SectionDialogOptions, type SectionResult } from './section-dialog';
import { SummaryDialog } from './summary-dialog';
import { pathOfTurn } from './turn-path';
import { turnUnitOf } from '../src/bot/turn-state';

export interface StrategyDialogOptions {
  /** Section to work on; absent means: where the user left off. */
  sectionIndex?: number;
  /** Question within the section (among all its questions); 'last' when stepping back from the next section. */
  questionIndex?: number | 'last';
  /** Edit just this question, then show the review card. */
  editQuestionId?: string;
}

/** Walks the sections of the content pack in order, asking the questions of the person's path, then posts the summary. */
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
    const path = pathOfTurn(step.context, index);
    const position = step.options.sectionIndex === undefined ? this.resumePosition(step, path) : undefined;
    if (position === 'complete') return step.replaceDialog(SummaryDialog.id);
    const sectionIndex = position?.sectionIndex ?? step.options.sectionIndex ?? 0;
    const requested = position?.questionIndex ?? step.options.questionIndex ?? 0;
    const backwards = requested === 'last';
    if (sectionIndex >= index.sections.length) return this.walkOver(step);
    if (sectionIndex < 0) return step.replaceDialog(StrategyDialog.id, { sectionIndex: 0, questionIndex: 0 });
    const section = index.sections[sectionIndex];
    const asked = index.questionsOnPath(section.id, path);
    // A section the path does not ask about is passed over, in the direction of travel.
    if (asked.length === 0)
      return step.replaceDialog(StrategyDialog.id, {
        sectionIndex: sectionIndex + (backwards ? -1 : 1),
        questionIndex: backwards ? 'last' : 0,
      } satisfies StrategyDialogOptions);
    (step.values as { sectionIndex?: number }).sectionIndex = sectionIndex;
    const questionIndex = backwards ? index.questionsOf(section.id).length - 1 : requested;
    // The section's intro comes before the first question of it the path asks.
    const firstAsked = (index.find(asked[0].question.id)?.indexInSection ?? 1) - 1;
    if (!backwards && questionIndex <= firstAsked)
      await step.context.sendActivity(MessageFactory.text(`**${section.title}** — ${section.intro}`));
    return step.beginDialog(SectionDialog.idFor(section.id), {
      index: questionIndex,
      ...(backwards ? { backwards } : {}),
    } satisfies SectionDialogOptions);
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
        // Back from the first question of the path starts it again (sectionStep turns -1 into the start).
        return step.replaceDialog(StrategyDialog.id, {
          sectionIndex: sectionIndex - 1,
          questionIndex: 'last',
        } satisfies StrategyDialogOptions);
      case 'next':
        return step.replaceDialog(StrategyDialog.id, {
          sectionIndex: sectionIndex + 1,
          questionIndex: 0,
        } satisfies StrategyDialogOptions);
    }
  }

  /** The walk-through is over: a later "resume" starts from the first question still unanswered. */
  private async walkOver(step: WaterfallStepContext<StrategyDialogOptions>): Promise<DialogTurnResult> {
    delete turnUnitOf(step.context).session.doc.lastQuestionId;
    return step.replaceDialog(SummaryDialog.id);
  }

  /** The question last asked if the path asks it, else the path's first unanswered one; 'complete' when none is left. */
  private resumePosition(
    step: WaterfallStepContext<StrategyDialogOptions>,
    path: PathView,
  ): { sectionIndex: number; questionIndex: number } | 'complete' {
    const { answers, lastQuestionId } = turnUnitOf(step.context).session.doc;
    const { index } = this.deps;
    const unanswered = index
      .allQuestions()
      .filter(({ question }) => path.questionIds.has(question.id) && answers[question.id] === undefined);
    if (unanswered.length === 0) return 'complete';
    const last = lastQuestionId && path.questionIds.has(lastQuestionId) ? index.find(lastQuestionId) : undefined;
    const ref = last ?? unanswered[0];
    return { sectionIndex: index.sections.indexOf(ref.section), questionIndex: ref.indexInSection - 1 };
  }

  private currentSectionIndex(step: WaterfallStepContext<StrategyDialogOptions>): number {
    return (step.values as { sectionIndex?: number }).sectionIndex ?? 0;
  }
}
