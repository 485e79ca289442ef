import type { ContentIndex } from '../content/content-index';
import type { AggregateStore } from '../storage/ports';
import {
  organisationSummary,
  summaryQuestionIds,
  type CountersByQuestion,
  type OrganisationSummary,
} from './organisation-summary';
import type { Thresholds } from './thresholds';

/**
 * Builds a summary from the published copies of the counters (never the live ones, see AggregateDoc): one point read per
 * question (counters and example statements together), however many answers exist.
 */
export class SummaryService {
  constructor(
    private readonly index: ContentIndex,
    private readonly aggregates: AggregateStore,
    readonly thresholds: Thresholds,
  ) {}

  /** The organisation's summary, or a team's with `teamId`. */
  async summary(tenantId: string, teamId?: string): Promise<OrganisationSummary> {
    const docs = await this.published(tenantId, teamId);
    const quotes = new Map([...docs].map(([questionId, doc]) => [questionId, doc.quotes]));
    return organisationSummary(this.index, countersOf(docs), this.thresholds, quotes);
  }

  /** The published counters a summary is built from (the organisation's, or a team's with `teamId`). */
  async publishedCounters(tenantId: string, teamId?: string): Promise<CountersByQuestion> {
    return countersOf(await this.published(tenantId, teamId));
  }

  private published(tenantId: string, teamId: string | undefined) {
    return this.aggregates.readPublished(tenantId, summaryQuestionIds(this.index), teamId);
  }
}

function countersOf(docs: Awaited<ReturnType<AggregateStore['readPublished']>>): CountersByQuestion {
  return new Map([...docs].map(([questionId, doc]) => [questionId, doc.counters]));
}
