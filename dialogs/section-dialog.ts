import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { QuestionRef } from '../src/content/content-index';
import type { PathView } from '../src/content/path-view';
import type { Section } from '../src/content/types';
import type { SubmitOutcome } from '../src/strategy/submit';
import { newToken } from '../src/strategy/token';
import { CardPrompt, type CardPromptOptions } from './card-prompt';
import type { DialogDeps } from './dialog-deps';
import { recordAnsweredCard } from './answered-card';
import { RowsDialog, type RowsDialogOptions } from './rows-dialog';
import { turnUnitOf } from '../src/bot/turn-state';
import { pathOfTurn } from './turn-path';
import { keepTypedOnLeaving } from './typed-on-leaving';

export interface SectionDialogOptions {
  /** 0-based position of the question in the section (among all its questions, whichever path). */
  index: number;
  /** Ask only this one question (editing from the review card), whether or not the person's path asks it. */
  single?: boolean;
  /** Going back: a question the person's path does not ask is passed over towards the previous one. */
  backwards?: boolean;
}

/**
 * How a section ended: finished, backed out of its first question, paused (`exitUnsaved`: after saying that
 * something typed on the card was not kept), or a single edit done.
 */
export type SectionResult = 'next' | 'back' | 'exit' | 'exitUnsaved' | 'done';

/** The questions of one section of the content pack, one card at a time, with back, skip and save & exit. */
export class SectionDialog extends WaterfallDialog<SectionDialogOptions> {
  /** The dialog id of a section; one SectionDialog is registered per section of the pack. */
  static idFor(sectionId: string): string {
    return `section:${sectionId}`;
  }

  constructor(
    private readonly section: Section,
    private readonly deps: DialogDeps,
  ) {
    super(SectionDialog.idFor(section.id));
    this.addStep(this.askStep.bind(this));
    this.addStep(this.handleStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext<SectionDialogOptions>): Promise<DialogTurnResult> {
    const wanted = step.options;
    const path = pathOfTurn(step.context, this.deps.index);
    if (!wanted.single) {
      const asked = this.onPathFrom(wanted.index, path, wanted.backwards === true);
      if (asked === 'before') return step.endDialog('back' satisfies SectionResult);
      if (asked === 'after') return step.endDialog('next' satisfies SectionResult);
      if (asked !== wanted.index) return step.replaceDialog(this.id, { ...wanted, index: asked });
    }
    const ref = this.refAt(wanted.index);
    const canGoBack = wanted.single === true || !this.isFirstOfPath(ref, path);
    if (!wanted.single) turnUnitOf(step.context).session.doc.lastQuestionId = ref.question.id;
    if (ref.question.kind === 'rows') {
      const options: RowsDialogOptions = { questionId: ref.question.id, canGoBack, page: 1 };
      return step.beginDialog(RowsDialog.id, options);
    }
    const options: CardPromptOptions = { validations: { questionId: ref.question.id, token: newToken(), canGoBack } };
    return step.prompt(CardPrompt.id, options);
  }

  private async handleStep(step: WaterfallStepContext<SectionDialogOptions>): Promise<DialogTurnResult> {
    const outcome = step.result as SubmitOutcome;
    const { index, single } = step.options;
    if (outcome.type === 'answer')
      this.deps.recorder.record(turnUnitOf(step.context), this.refAt(index), outcome.value);
    const allKept =
      outcome.type === 'nav' && outcome.typed
        ? await keepTypedOnLeaving(step.context, this.deps, this.refAt(index), outcome.typed)
        : true;
    const nav = outcome.type === 'nav' ? outcome.nav : 'next';
    await recordAnsweredCard(step.context, this.deps, this.refAt(index), nav === 'skip' ? 'skipped' : 'movedOn');
    if (nav === 'exit') return step.endDialog((allKept ? 'exit' : 'exitUnsaved') satisfies SectionResult);
    if (single) return step.endDialog('done' satisfies SectionResult);
    if (nav === 'back') {
      return index > 0
        ? step.replaceDialog(this.id, { index: index - 1, backwards: true })
        : step.endDialog('back' satisfies SectionResult);
    }
    const total = this.deps.index.questionsOf(this.section.id).length;
    return index + 1 < total
      ? step.replaceDialog(this.id, { index: index + 1 })
      : step.endDialog('next' satisfies SectionResult);
  }

  private refAt(index: number): QuestionRef {
    const refs = this.deps.index.questionsOf(this.section.id);
    return refs[Math.min(Math.max(index, 0), refs.length - 1)];
  }

  /** The position of the first question at or after `from` (before it, going back) that the path asks. */
  private onPathFrom(from: number, path: PathView, backwards: boolean): number | 'before' | 'after' {
    const refs = this.deps.index.questionsOf(this.section.id);
    let at = from;
    while (at >= 0 && at < refs.length && !path.questionIds.has(refs[at].question.id)) at += backwards ? -1 : 1;
    return at < 0 ? 'before' : at >= refs.length ? 'after' : at;
  }

  private isFirstOfPath(ref: QuestionRef, path: PathView): boolean {
    return path.questionIds.values().next().value === ref.question.id;
  }
}
