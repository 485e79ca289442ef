import type { ContentIndex } from '../content/content-index';
import type { AggregateStore } from '../storage/aggregate-store';
import { organisationSummary, summaryQuestionIds, type OrganisationSummary } from './organisation-summary';
import type { Thresholds } from './thresholds';

/** Builds a summary from the maintained counters: one point read per question (and two for the example statements), however many answers exist. */
export class SummaryService {
  constructor(
    private readonly index: ContentIndex,
    private readonly aggregates: AggregateStore,
    readonly thresholds: Thresholds,
  ) {}

  /** The organisation's summary, or a team's with `teamId`. */
  async summary(tenantId: string, teamId?: string): Promise<OrganisationSummary> {
    const { summary } = this.index.pack;
    const [counters, quotes] = await Promise.all([
      this.aggregates.read(tenantId, summaryQuestionIds(this.index), teamId),
      this.aggregates.quotes.read(tenantId, [summary.want, summary.doNotWant], teamId),
    ]);
    return organisationSummary(this.index, counters, this.thresholds, quotes);
  }
}
