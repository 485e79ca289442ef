import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { CardRenderer } from '../cards/card-renderer';
import type { RoleDirectory } from '../domain/roles';
import { accessOf } from '../leadership/access';
import type { DigestSend } from '../leadership/digest-scheduler';
import { leaderSummaryView } from '../leadership/leader-summary-view';
import type { SummaryService } from '../leadership/summary-service';
import type { DigestDoc, TenantStore } from '../storage/ports';

export interface DigestSenderDeps {
  adapter: CloudAdapter;
  appId: string;
  cards: CardRenderer;
  summaries: SummaryService;
  tenants: TenantStore;
  directory: RoleDirectory;
}

/** Sends a digest proactively to the leader's 1:1 chat, after checking they are still a leader. */
export function digestSender(deps: DigestSenderDeps): DigestSend {
  return async (subscription: DigestDoc) => {
    const access = await accessOf(deps.directory, deps.tenants, subscription.tenantId, subscription.userId);
    if (!access.leader) return false;
    const summary = await deps.summaries.summary(subscription.tenantId);
    const card = deps.cards.leaderSummary(
      leaderSummaryView(summary, { title: `Your ${subscription.frequency} AI strategy digest`, canExport: true }),
    );
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
