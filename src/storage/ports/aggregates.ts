import type { AggregateChange } from '../../aggregation/aggregate-changes';
import type { Counters } from '../../aggregation/contributions';
import type { QuoteSlots } from '../../aggregation/quotes';
import type { AggregateDoc } from '../aggregate-doc';

/** Per-tenant, per-question counters (organisation and teams); summaries read only their published copies. */
export interface AggregateStore {
  /** Applies one person's change to one counters document (and publishes a batch when it is due). */
  apply(tenantId: string, personId: string, change: AggregateChange): Promise<void>;
  /** The live counters of the given questions (missing ones are empty); a team's with `teamId`. */
  read(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<Map<string, Counters>>;
  /** What summaries may show: the published counters and quote slots of the given questions. */
  readPublished(
    tenantId: string,
    questionIds: readonly string[],
    teamId?: string,
  ): Promise<Map<string, { counters: Counters; quotes: QuoteSlots }>>;
  /** One document, live and published copies (undefined when there is none). */
  readDoc(tenantId: string, questionId: string, teamId?: string): Promise<AggregateDoc | undefined>;
  /** Every counters document of the tenant (for the rebuild). */
  readAll(tenantId: string): Promise<AggregateDoc[]>;
  /** The rebuild's repair: the live copy becomes the recomputed one; the published copy drops vanished statements. */
  rewrite(
    tenantId: string,
    questionId: string,
    teamId: string | undefined,
    recomputed: { counters: Counters; quotes: QuoteSlots },
    statementExists: (key: string) => boolean,
  ): Promise<void>;
}
