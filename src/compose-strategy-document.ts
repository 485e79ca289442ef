import type { AuditTrail } from './audit/audit-trail';
import type { ContentIndex } from './content/content-index';
import type { AccessResolver } from './leadership/access';
import type { SummaryService } from './leadership/summary-service';
import type { PortfolioService } from './portfolio/portfolio-service';
import type { SessionStore } from './storage/ports';
import { StrategyDocumentService } from './strategy-document/strategy-document-service';

export interface StrategyDocumentOptions {
  index: ContentIndex;
  summaries: SummaryService;
  portfolio: PortfolioService;
  sessions: SessionStore;
  accessOf: AccessResolver;
  admin: { audit: AuditTrail };
  clock: () => Date;
}

/**
 * The strategy documents from the services the cards use; a person's answers and path are read as their conversation
 * has them (fresh, not from this instance's cache).
 */
export function composeStrategyDocument(options: StrategyDocumentOptions): StrategyDocumentService {
  const { sessions } = options;
  return new StrategyDocumentService({
    index: options.index,
    summaries: options.summaries,
    portfolio: options.portfolio,
    personState: async ({ tenantId, userId }, conversationId) =>
      (await sessions.load(tenantId, userId, conversationId, true)).doc,
    accessOf: options.accessOf,
    audit: options.admin.audit,
    clock: options.clock,
  });
}
