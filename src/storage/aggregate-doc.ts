import { createHash } from 'node:crypto';
import type { Counters } from '../aggregation/contributions';
import { stickyQuotes, type QuoteRemoval, type QuoteSet, type QuoteSlots } from '../aggregation/quotes';

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
  /** People (one-way keys) whose changes are in the live copy but not yet published; absent on older documents. */
  pending?: Record<string, 1>;
  /** What summaries show; absent on documents from before publication (they showed the live copy). */
  published?: { counters: Counters; quotes: QuoteSlots };
}

/** A person's key in a pending set: a hash, so the document does not name who changed it. */
export function pendingKey(personId: string): string {
  return createHash('sha256').update(`pending\u0000${personId}`).digest('hex').slice(0, 16);
}

/** A new document; its first publication comes with the first batch of people. */
export function newAggregate(
  tenantId: string,
  questionId: string,
  teamId: string | undefined,
  live: { counters: Counters; quotes: QuoteSlots; pending: Record<string, 1> },
): AggregateDoc {
  return {
    id: aggregateId(questionId, teamId),
    type: 'aggregate',
    tenantId,
    questionId,
    ...(teamId === undefined ? {} : { teamId }),
    ...live,
    published: { counters: {}, quotes: {} },
  };
}

/**
 * What a summary may show of a document: the published copy. A document from before publication showed its live
 * counters, and still does until it is first changed; not its statements, whose keys were made without the text, so an
 * edit or deletion could not find them (they refill as people answer, or with `rebuild summary`).
 */
export function publishedView(doc: AggregateDoc | undefined): { counters: Counters; quotes: QuoteSlots } {
  if (!doc) return { counters: {}, quotes: {} };
  if (doc.published) return doc.published;
  return { counters: doc.pending === undefined ? doc.counters : {}, quotes: {} };
}

/** True for a document with the live, pending and published parts (false for one from before publication). */
export function isCurrent(doc: AggregateDoc): boolean {
  return doc.pending !== undefined && doc.published !== undefined && doc.quotes !== undefined;
}

/** A document from before publication, given the parts a change needs, publishing what summaries already showed. */
export function upgraded(doc: AggregateDoc): AggregateDoc {
  if (isCurrent(doc)) return doc;
  return { ...doc, quotes: {}, pending: doc.pending ?? {}, published: publishedView(doc) };
}

/**
 * The document after a change has landed: removed statements emptied from the live and published slots; each new
 * statement offered to its live slot, which keeps the one with the smallest key (so the candidate a publication takes
 * does not depend on who wrote last); and, when at least `publishAfter` people are pending, the live copy published
 * (quotes sticky) and the pending set cleared. Undefined when nothing more needs writing.
 */
export function settled(
  doc: AggregateDoc,
  change: { quoteSets: readonly QuoteSet[]; quoteRemovals: readonly QuoteRemoval[] },
  publishAfter: number,
): AggregateDoc | undefined {
  const base = upgraded(doc);
  const quotes = { ...base.quotes };
  const publishedQuotes = { ...base.published?.quotes };
  for (const { slot, key } of change.quoteRemovals) {
    if (quotes[slot]?.k === key) quotes[slot] = null;
    if (publishedQuotes[slot]?.k === key) publishedQuotes[slot] = null;
  }
  for (const { slot, quote } of change.quoteSets) {
    const held = quotes[slot];
    if (!held || quote.k < held.k) quotes[slot] = quote;
  }
  const publish = Object.keys(base.pending ?? {}).length >= publishAfter;
  const same = (a: QuoteSlots, b: QuoteSlots | undefined) => JSON.stringify(a) === JSON.stringify(b ?? {});
  if (!publish && isCurrent(doc) && same(quotes, base.quotes) && same(publishedQuotes, base.published?.quotes))
    return undefined;
  return {
    ...base,
    quotes,
    pending: publish ? {} : (base.pending ?? {}),
    published: publish
      ? { counters: base.counters, quotes: stickyQuotes(publishedQuotes, quotes) }
      : { counters: base.published?.counters ?? {}, quotes: publishedQuotes },
  };
}

/** `aggregate|<question>` for the organisation; a team's adds a hash of its id (Teams ids hold characters ids may not). */
export function aggregateId(questionId: string, teamId?: string): string {
  if (teamId === undefined) return `aggregate|${questionId}`;
  return `aggregate|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}|${questionId}`;
}

/**
 * A document after the rebuild: the live copy recomputed from the answers, pending people kept, the published copy
 * kept without statements that no longer exist, then published if a batch is complete.
 */
export function rebuilt(
  current: AggregateDoc,
  recomputed: { counters: Counters; quotes: QuoteSlots },
  statementExists: (key: string) => boolean,
  publishAfter: number,
): AggregateDoc {
  const base = upgraded(current);
  const publishedQuotes = Object.fromEntries(
    Object.entries(base.published?.quotes ?? {}).filter(([, quote]) => quote && statementExists(quote.k)),
  );
  const doc: AggregateDoc = {
    ...base,
    counters: recomputed.counters,
    quotes: recomputed.quotes,
    published: { counters: base.published?.counters ?? {}, quotes: publishedQuotes },
  };
  return settled(doc, { quoteSets: [], quoteRemovals: [] }, publishAfter) ?? doc;
}
