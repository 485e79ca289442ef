import { MessageFactory, type TurnContext } from 'botbuilder';
import { reviewView } from '../src/strategy/summary-views';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from '../src/bot/turn-state';

/** Sends the review card: every answer so far, grouped by section, each with an Edit button. */
export async function sendReviewCard(
  context: TurnContext,
  deps: Pick<DialogDeps, 'index' | 'pack' | 'cards'>,
): Promise<void> {
  const { answers } = turnUnitOf(context).session.doc;
  await context.sendActivity(MessageFactory.attachment(deps.cards.review(reviewView(deps.index, deps.pack, answers))));
}
