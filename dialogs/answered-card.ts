import { MessageFactory, type TurnContext } from 'botbuilder';
import type { QuestionRef } from '../src/content/content-index';
import { answeredView, type LeftCard } from '../src/strategy/answered-view';
import { isRecord } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from '../src/bot/turn-state';
import { refOnPath } from './turn-path';

/**
 * The card a submit came from, accepted and acted on, becomes a one-line record of the answer with an Edit button, so
 * only the current card can be answered. Teams gives the card's message id as the submit's `replyToId`; the update
 * goes to that message in this conversation, and is held with the turn's replies until the answer is stored (see
 * src/bot/reply-buffer.ts). Typed messages come from no card, so they update nothing.
 */
export async function recordAnsweredCard(
  context: TurnContext,
  deps: Pick<DialogDeps, 'index' | 'pack' | 'cards'>,
  asked: QuestionRef,
  left: LeftCard,
): Promise<void> {
  const { value, replyToId } = context.activity;
  if (!isRecord(value) || typeof replyToId !== 'string' || replyToId === '') return;
  const { answers } = turnUnitOf(context).session.doc;
  // Numbered as the card was.
  const ref = refOnPath(context, deps.index, asked);
  const card = deps.cards.answered(answeredView(ref, deps.pack, answers, left));
  await context.updateActivity({ ...MessageFactory.attachment(card), id: replyToId });
}
