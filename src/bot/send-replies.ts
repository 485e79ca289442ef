import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Reply } from '../cards/reply';

/** Sends a service's replies in order: text as a message, a card as an attachment, a whole message as it is. */
export async function sendReplies(context: TurnContext, replies: readonly Reply[]): Promise<void> {
  for (const reply of replies) await context.sendActivity(activityOf(reply));
}

function activityOf(reply: Reply): string | Partial<Activity> {
  if (typeof reply === 'string') return reply;
  if ('contentType' in reply) return MessageFactory.attachment(reply);
  return { type: 'message', ...reply };
}
