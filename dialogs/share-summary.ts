import { MessageFactory, type TurnContext } from 'botbuilder';
import { turnUnitOf } from '../src/bot/turn-state';
import { summaryView } from '../src/strategy/summary-views';
import { StaleSessionSuspected } from '../src/strategy/turn-unit';
import type { DialogDeps } from './dialog-deps';
import { pathOfTurn } from './turn-path';

/** `share my summary` in a channel: posts the speaker's own card there, with their name; their choice, their words. */
export async function shareSummary(context: TurnContext, deps: DialogDeps): Promise<void> {
  if (context.activity.conversation?.conversationType !== 'channel') {
    await context.sendActivity(
      'Your card is shared in a team channel: mention me in one of the team’s channels and type **share my summary**.',
    );
    return;
  }
  const unit = turnUnitOf(context);
  // The card shows every answer; a cached session may be behind another instance, so read it fresh.
  if (unit.session.fromCache) throw new StaleSessionSuspected('share my summary on a cached session');
  const { answers } = unit.session.doc;
  if (Object.keys(answers).length === 0) {
    await context.sendActivity(
      'You have no answers to share yet: open a 1:1 chat with me and type **start**, then share your card here.',
    );
    return;
  }
  const view = summaryView(deps.index, answers, pathOfTurn(context, deps.index), 'AI ambition & success metrics');
  const sharedBy = context.activity.from?.name?.trim() || 'A colleague';
  await context.sendActivity(MessageFactory.attachment(deps.cards.summary({ ...view, sharedBy })));
}
