import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { summaryView } from '../src/strategy/summary-views';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from '../src/bot/turn-state';
import { pathOfTurn } from './turn-path';

/** Posts the user's own ambition & metrics card: ambition, metrics table, readiness per section, recommendations. */
export class SummaryDialog extends WaterfallDialog {
  static readonly id = 'summary';

  constructor(private readonly deps: DialogDeps) {
    super(SummaryDialog.id);
    this.addStep(this.postStep.bind(this));
  }

  private async postStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { answers } = turnUnitOf(step.context).session.doc;
    const path = pathOfTurn(step.context, this.deps.index);
    const view = summaryView(this.deps.index, answers, path, 'Your AI ambition & success metrics');
    await step.context.sendActivity(MessageFactory.attachment(this.deps.cards.summary(view)));
    return step.endDialog();
  }
}
