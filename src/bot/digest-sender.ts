import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { DigestSend } from '../leadership/digest/digest-scheduler';
import type { DigestService } from '../leadership/digest/digest-service';
import type { DigestDoc } from '../storage/ports';

export interface DigestSenderDeps {
  adapter: CloudAdapter;
  appId: string;
  digests: DigestService;
}

/** Sends a digest proactively to the leader's 1:1 chat, unless its subscriber is no longer a leader. */
export function digestSender(deps: DigestSenderDeps): DigestSend {
  return async (subscription: DigestDoc) => {
    const card = await deps.digests.digestFor(subscription);
    if (!card) return false;
    await deps.adapter.continueConversationAsync(
      deps.appId,
      subscription.conversationReference as Partial<ConversationReference>,
      async (context) => {
        await context.sendActivity(MessageFactory.attachment(card));
      },
    );
    return true;
  };
}
