import type { AuditTrail } from '../audit/audit-trail';
import type { ContentIndex } from '../content/content-index';
import type { Person } from '../domain/person';
import { timeZoneOrUtc, wallTimeAt } from '../domain/time-zones';
import type { AccessResolver } from '../leadership/access';
import { leaderSummaryView } from '../leadership/leader-summary-view';
import type { SummaryService } from '../leadership/summary-service';
import { matrixView } from '../portfolio/portfolio-view';
import type { ConsentFile, ConsentFileKind, ConsentFileSource } from '../privacy/consent-files';
import type { SessionDoc } from '../storage/user-docs';
import { pathOfPerson } from '../strategy/person-path';
import { summaryView } from '../strategy/summary-views';
import { organisationDocument } from './organisation-document';
import { personalDocument } from './personal-document';
import type { PortfolioPart } from './portfolio-section';
import { DOCX_CONTENT_TYPE, writeDocx } from './write-docx';

export interface StrategyDocumentDeps {
  index: ContentIndex;
  summaries: Pick<SummaryService, 'summary'>;
  /** The organisation's portfolio as leaders see it 1:1 (PortfolioService.forExport); undefined without use cases. */
  portfolio: { forExport(tenantId: string): Promise<PortfolioPart | undefined> };
  /** A person's answers and path as their conversation has them (the session store's load). */
  personState: (
    person: Person,
    conversationId: string,
  ) => Promise<Pick<SessionDoc, 'answers' | 'answerRoles' | 'path'>>;
  accessOf: AccessResolver;
  /** When the tenant's first answer was given (the appendix's date range); without it the appendix says it is unknown. */
  firstAnsweredAt?: (tenantId: string) => Promise<string | undefined>;
  audit: Pick<AuditTrail, 'record'>;
  clock: () => Date;
}

/** Where and for whom a document is made: the reader's zone dates it; the organisation's name heads it. */
export interface DocumentOptions {
  /** E.g. the organisation's name; by default "Organisation (tenant <id>)". */
  organisation?: string;
  timeZone?: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The strategy documents as Word files, botbuilder-free: the organisation's (from the same summary, card view and
 * portfolio figures as the leaders' card, so no figure is worked out twice) and a person's own (from their card's view).
 * The chat command, the CLI and the dashboard's download all call this.
 */
export class StrategyDocumentService implements ConsentFileSource {
  constructor(private readonly deps: StrategyDocumentDeps) {}

  /** The organisation's document, unchecked: for callers that checked who asks. */
  organisation(tenantId: string, options: DocumentOptions = {}): Promise<ConsentFile> {
    return organisationDocumentFile(this.deps, tenantId, options);
  }

  /**
   * The organisation's document for a leader (the chat command, the dashboard's download): access is checked here, on
   * the server, for every request, and the download is audited.
   */
  async forLeader(
    person: Person,
    options: DocumentOptions & { audited?: boolean } = {},
  ): Promise<ConsentFile | 'not a leader'> {
    if (!(await this.deps.accessOf(person)).leader) return 'not a leader';
    const file = await this.organisation(person.tenantId, options);
    // A consent card's file is built once for its size, unaudited, and again when delivered.
    if (options.audited === false) return file;
    await this.deps.audit.record(person.tenantId, {
      action: 'summary.exported',
      actor: person.userId,
      scope: 'organisation',
      detail: 'strategy document',
    });
    return file;
  }

  /** The person's own document, from their answers on their path (as their ambition & metrics card). */
  async personal(person: Person, conversationId: string, timeZone?: string): Promise<ConsentFile> {
    const { index } = this.deps;
    const state = await this.deps.personState(person, conversationId);
    const path = pathOfPerson(index, state, person.role);
    const view = summaryView(index, state.answers, path, 'Your AI ambition & success metrics');
    const day = dayOf(this.deps.clock(), timeZone);
    const { title, body } = personalDocument(view, day.long);
    const bytes = await writeDocx(title, body, { toc: false });
    return { name: `my-strategy-document-${day.iso}.docx`, bytes, contentType: DOCX_CONTENT_TYPE };
  }

  /** A consent card's file, built again when it is accepted (the leader check too). */
  async build(
    kind: Exclude<ConsentFileKind, 'export'>,
    person: Person,
    conversationId: string,
    timeZone?: string,
  ): Promise<ConsentFile | undefined> {
    if (kind === 'my-strategy-document') return this.personal(person, conversationId, timeZone);
    const file = await this.forLeader(person, { timeZone });
    return file === 'not a leader' ? undefined : file;
  }
}

/**
 * The organisation's document from the services the leaders' card uses (no access check: the CLI, which runs with the
 * Cosmos account's rights, calls this directly).
 */
export async function organisationDocumentFile(
  deps: Pick<StrategyDocumentDeps, 'index' | 'summaries' | 'portfolio' | 'clock' | 'firstAnsweredAt'>,
  tenantId: string,
  options: DocumentOptions = {},
): Promise<ConsentFile> {
  const { index } = deps;
  const [summary, portfolio, firstAnsweredAt] = await Promise.all([
    deps.summaries.summary(tenantId),
    deps.portfolio.forExport(tenantId),
    // null: no answer yet; undefined: not known here (a caller without the answers).
    deps.firstAnsweredAt ? deps.firstAnsweredAt(tenantId).then((at) => at ?? null) : undefined,
  ]);
  const matrix = portfolio && matrixView(portfolio.figures, true);
  const view = leaderSummaryView(summary, { title: 'Our AI ambition & success metrics', canExport: false, matrix });
  const now = deps.clock();
  const day = dayOf(now, options.timeZone);
  const { title, body } = organisationDocument({
    organisation: options.organisation ?? `Organisation (tenant ${tenantId})`,
    date: day.long,
    generatedAt: now,
    firstAnsweredAt,
    summary,
    view,
    portfolio,
    matrix,
    index,
  });
  const bytes = await writeDocx(title, body, { toc: true });
  return { name: `strategy-document-${day.iso}.docx`, bytes, contentType: DOCX_CONTENT_TYPE };
}

/** The day in the reader's zone, as a file name part and as words. */
function dayOf(now: Date, timeZone: string | undefined): { iso: string; long: string } {
  const { year, month, day } = wallTimeAt(now, timeZoneOrUtc(timeZone));
  const pad = (value: number) => String(value).padStart(2, '0');
  return { iso: `${year}-${pad(month)}-${pad(day)}`, long: `${day} ${MONTHS[month - 1]} ${year}` };
}
