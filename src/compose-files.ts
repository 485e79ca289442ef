import type { AuditTrail } from './audit/audit-trail';
import { HttpFileUploader, type FileUploader } from './privacy/file-uploader';
import { ExportService, type ExportDeps } from './privacy/export-service';
import type { ContentIndex } from './content/content-index';
import type { AccessResolver } from './leadership/access';
import type { SummaryService } from './leadership/summary-service';
import type { PortfolioService } from './portfolio/portfolio-service';
import type { AnswerStore, SessionStore } from './storage/ports';
import { StrategyDocumentService } from './strategy-document/strategy-document-service';

export interface FileOptions extends Omit<ExportDeps, 'documents' | 'pack' | 'uploader' | 'answers'> {
  answers: Pick<AnswerStore, 'listForUser' | 'firstAnsweredAt'>;
  /** Where exports go in Teams (a person's OneDrive) unless another is given (tests). */
  uploader?: FileUploader;
  index: ContentIndex;
  summaries: SummaryService;
  portfolio: PortfolioService;
  sessions: SessionStore;
  accessOf: AccessResolver;
  admin: { audit: AuditTrail };
  clock: () => Date;
}

/**
 * The files people are given: the strategy documents, from the services the cards use (a person's answers and path
 * read as their conversation has them, fresh, not from this instance's cache), and the exports that also offer them.
 */
export function composeFiles(options: FileOptions): { documents: StrategyDocumentService; exports: ExportService } {
  const { sessions } = options;
  const documents = new StrategyDocumentService({
    index: options.index,
    summaries: options.summaries,
    portfolio: options.portfolio,
    personState: async ({ tenantId, userId }, conversationId) =>
      (await sessions.load(tenantId, userId, conversationId, true)).doc,
    accessOf: options.accessOf,
    firstAnsweredAt: (tenantId) => options.answers.firstAnsweredAt(tenantId),
    audit: options.admin.audit,
    clock: options.clock,
  });
  const { answers, pulseAndDigestData, consents, mode, clock } = options;
  const uploader = options.uploader ?? new HttpFileUploader();
  const pack = options.index.pack;
  const exports = new ExportService({ pack, answers, pulseAndDigestData, consents, uploader, documents, mode, clock });
  return { documents, exports };
}
