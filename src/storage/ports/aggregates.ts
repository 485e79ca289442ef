import type { AggregateChange } from '../../aggregation/aggregate-changes';
import type { Counters } from '../../aggregation/contributions';
import type { AppliedMark, OwedItem } from '../../aggregation/owed-changes';
import type { QuoteSlots } from '../../aggregation/quotes';

/**
 * Counters of one question in one tenant (or one team), in two copies. The live copy moves with every answer; the
 * published copy is what summaries read. Every counter change also marks its person (a one-way key) as pending; once
 * at least the group threshold of different people are pending, the live copy is published and the pending set
 * cleared. So a summary before and after one person's answer, edit, deletion or team join differs by nothing until
 * enough others changed something too, and then by a batch of at least that many people (docs/anonymity.md).
 */
export interface AggregateDoc {
  id: string;
  type: 'aggregate';
  tenantId: string;
  questionId: string;
  /** Set on a team's counters; absent on the organisation's. */
  teamId?: string;
  counters: Counters;
  /** Live example statements (src/aggregation/quotes.ts); absent on documents from before them. */
  quotes?: QuoteSlots;
  /**
   * People (one-way keys) whose changes are in the live copy but not yet published, each with when (epoch seconds)
   * they last changed it; absent on older documents.
   */
  pending?: Record<string, number>;
  /** What summaries show; absent on documents from before publication (they showed the live copy). */
  published?: { counters: Counters; quotes: QuoteSlots };
  /** Moved by every removal of a statement (see `publication` in src/storage/aggregate-doc.ts, with the patches). */
  revision?: number;
  /** Per instance, the highest sequence number of its owed changes applied here, and when (see OwedChanges). */
  applied?: Record<string, AppliedMark>;
}

/** Per-tenant, per-question counters (organisation and teams); summaries read only their published copies. */
export interface AggregateStore {
  /** Applies one person's change to one counters document (and publishes a batch when it is due). */
  apply(tenantId: string, personId: string, change: AggregateChange): Promise<void>;
  /**
   * Applies owed changes to one counters document, in the order given, each only if the document does not hold it yet
   * (its instance's high-water mark), in one conditional write.
   */
  applyOwed(
    tenantId: string,
    questionId: string,
    teamId: string | undefined,
    items: readonly OwedItem[],
  ): Promise<void>;
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
    statementExists: (key: string, slot: string) => boolean,
  ): Promise<void>;
}
