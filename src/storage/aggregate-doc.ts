import { createHash } from 'node:crypto';
import type { AggregateChange } from '../aggregation/aggregate-changes';
import type { Counters } from '../aggregation/contributions';
import { APPLIED_MARKS_KEPT_SECONDS, appliedBy, type OwedItem } from '../aggregation/owed-changes';
import type { PatchOperation } from '@azure/cosmos';
import type { AggregateDoc } from './ports';
import { stickyQuotes, type Quote, type QuoteRemoval, type QuoteSet, type QuoteSlots } from '../aggregation/quotes';

export type { AggregateDoc };

/** Cosmos accepts at most 10 operations in one patch. */
export const PATCH_LIMIT = 10;

/** A person's key in a pending set: a hash, so the document does not name who changed it. */
export function pendingKey(personId: string): string {
  return createHash('sha256').update(`pending\u0000${personId}`).digest('hex').slice(0, 16);
}

/** A new document; its first publication comes with the first batch of people. */
export function newAggregate(
  tenantId: string,
  questionId: string,
  teamId: string | undefined,
  live: { counters: Counters; quotes: QuoteSlots; pending: Record<string, number> },
): AggregateDoc {
  return {
    id: aggregateId(questionId, teamId),
    type: 'aggregate',
    tenantId,
    questionId,
    ...(teamId === undefined ? {} : { teamId }),
    ...live,
    published: { counters: {}, quotes: {} },
    revision: 0,
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
  return (
    doc.pending !== undefined && doc.published !== undefined && doc.quotes !== undefined && doc.revision !== undefined
  );
}

/** A document from before publication, given the parts a change needs, publishing what summaries already showed. */
export function upgraded(doc: AggregateDoc): AggregateDoc {
  if (isCurrent(doc)) return doc;
  return { ...doc, quotes: {}, pending: doc.pending ?? {}, published: publishedView(doc), revision: 0 };
}

/** A batch whose oldest change is older than this is published by the next change that sees it, whatever its size. */
export const STALE_BATCH_SECONDS = 10 * 60;

/**
 * True when this change should publish: at least `publishAfter` people are pending and their number is that times a
 * power of two. Each number is reached by exactly one change (the one that added a new person), so turns arriving
 * together do not all try to publish; if that one fails (a removal came first, the process stopped), the batch
 * becomes stale and the next change publishes it.
 */
export function publicationDue(doc: AggregateDoc, publishAfter: number, nowSeconds: number): boolean {
  const marks = Object.values(doc.pending ?? {});
  if (marks.length < publishAfter) return false;
  const batches = marks.length / publishAfter;
  const doubling = Number.isInteger(batches) && (batches & (batches - 1)) === 0;
  return doubling || Math.min(...marks) <= nowSeconds - STALE_BATCH_SECONDS;
}

/** A patch to send after a change landed, with the condition the server must find true (else 412, nothing written). */
export interface FollowUp {
  operations: PatchOperation[];
  condition?: string;
}

/**
 * Offers new statements to their live slots: each slot keeps the smallest key (not the latest, which would point at
 * whoever wrote last). At most one patch's worth of slots: offer again with the answer until it says nothing is left.
 */
export function offer(doc: AggregateDoc, sets: readonly QuoteSet[]): FollowUp | undefined {
  const operations = [...offered(doc.quotes ?? {}, sets)]
    .slice(0, PATCH_LIMIT)
    .map(([slot, quote]): PatchOperation => ({ op: 'set', path: `/quotes/${slot}`, value: quote }));
  return operations.length === 0 ? undefined : { operations };
}

/** The slots the statements would change: each to the smallest key among what it holds and what is offered. */
export function offered(held: QuoteSlots, sets: readonly QuoteSet[]): Map<string, Quote> {
  const wanted = new Map<string, Quote>();
  for (const { slot, quote } of sets) {
    const smallest = wanted.get(slot) ?? held[slot];
    if (!smallest || quote.k < smallest.k) wanted.set(slot, quote);
  }
  return wanted;
}

/**
 * Empties the slots that still hold a removed statement (an edit or deletion), live and published, each only while it
 * holds it. `doc` must already carry the change's revision bump (REVISION_BUMP, in the change's own patch): no
 * publication read before it can land, and one read after it sees the statement where it is. A statement in the live
 * slot may be on its way into the published one, so both are emptied then.
 */
export function removals(doc: AggregateDoc, removed: readonly QuoteRemoval[]): FollowUp[] {
  return emptyings(
    doc,
    removed.flatMap((removal) => slotsOf(doc, removal).map((slot) => ({ slot, key: removal.key }))),
  );
}

/**
 * The slots a removed statement may be in: the one it is named for now, and any other holding its key (a statement
 * placed before its theme changed, when themes were added, sits in its old theme's slot).
 */
function slotsOf(doc: AggregateDoc, { slot, key }: QuoteRemoval): string[] {
  const holding = [doc.quotes ?? {}, doc.published?.quotes ?? {}].flatMap((slots) =>
    Object.entries(slots).flatMap(([name, quote]) => (quote?.k === key ? [name] : [])),
  );
  return [...new Set([slot, ...holding])];
}

function emptyings(doc: AggregateDoc, removed: readonly QuoteRemoval[]): FollowUp[] {
  return removed.flatMap(({ slot, key }) => {
    const inLive = doc.quotes?.[slot]?.k === key;
    const inPublished = inLive || doc.published?.quotes[slot]?.k === key;
    const clear = (path: string, where: string): FollowUp => ({
      operations: [{ op: 'set', path, value: null }, REVISION_BUMP],
      condition: `FROM c WHERE ${where}["${slot}"].k = "${key}"`,
    });
    return [
      ...(inLive ? [clear(`/quotes/${slot}`, 'c.quotes')] : []),
      ...(inPublished ? [clear(`/published/quotes/${slot}`, 'c.published.quotes')] : []),
    ];
  });
}

/**
 * Publishes the live copy as `doc` holds it (quotes sticky) and clears the pending set. Conditional on the publishing
 * person still being pending (no other publication came first) and on no statement having been removed since `doc` was
 * read (so removed words cannot come back). Changes that landed meanwhile stay live and go with the next batch, which
 * still needs that many new people.
 */
export function publication(doc: AggregateDoc, personKey: string): FollowUp {
  const mark = doc.pending?.[personKey] ?? 0;
  return {
    operations: [
      {
        op: 'set',
        path: '/published',
        value: { counters: doc.counters, quotes: stickyQuotes(doc.published?.quotes ?? {}, doc.quotes ?? {}) },
      },
      { op: 'set', path: '/pending', value: {} },
    ],
    condition: `FROM c WHERE c.pending["${personKey}"] = ${mark} AND c.revision = ${doc.revision ?? 0}`,
  };
}

/** Every removal of a statement moves the revision a publication is conditional on. */
export const REVISION_BUMP: PatchOperation = { op: 'incr', path: '/revision', value: 1 };

/**
 * A document after the rebuild: the live copy recomputed from the answers, pending people kept, the published copy
 * kept without statements that no longer exist where it holds them (`statementExists(key, slot)`: the statement is
 * still there and that is its slot now), then published if a whole batch is pending.
 */
export function rebuilt(
  current: AggregateDoc,
  recomputed: { counters: Counters; quotes: QuoteSlots },
  statementExists: (key: string, slot: string) => boolean,
  publishAfter: number,
): AggregateDoc {
  const base = upgraded(current);
  const publishedQuotes = Object.fromEntries(
    Object.entries(base.published?.quotes ?? {}).filter(([slot, quote]) => quote && statementExists(quote.k, slot)),
  );
  const publish = Object.keys(base.pending ?? {}).length >= publishAfter;
  return {
    ...base,
    counters: recomputed.counters,
    quotes: recomputed.quotes,
    revision: (base.revision ?? 0) + 1,
    pending: publish ? {} : (base.pending ?? {}),
    published: publish
      ? { counters: recomputed.counters, quotes: stickyQuotes(publishedQuotes, recomputed.quotes) }
      : { counters: base.published?.counters ?? {}, quotes: publishedQuotes },
  };
}

/** `aggregate|<question>` for the organisation; a team's adds a hash of its id (Teams ids hold characters ids may not). */
export function aggregateId(questionId: string, teamId?: string): string {
  if (teamId === undefined) return `aggregate|${questionId}`;
  return `aggregate|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}|${questionId}`;
}

/**
 * The document after owed changes, each applied as its own patches would have (counters, pending marks, statement
 * removals and offers, then a publication when due) and recorded in its instance's high-water mark; undefined when the
 * document holds all of them already. Instances' marks older than APPLIED_MARKS_KEPT_SECONDS are dropped.
 */
export function withOwed(
  doc: AggregateDoc,
  items: readonly OwedItem[],
  nowSeconds: number,
  publishAfter: number,
): AggregateDoc | undefined {
  let next = doc;
  const applied = { ...(doc.applied ?? {}) };
  for (const item of items) {
    if (appliedBy(applied, item)) continue;
    next = withChange(next, item.personId, item.change, nowSeconds, publishAfter);
    applied[item.by] = { seq: item.seq, at: nowSeconds };
  }
  if (next === doc) return undefined;
  const oldest = nowSeconds - APPLIED_MARKS_KEPT_SECONDS;
  return { ...next, applied: Object.fromEntries(Object.entries(applied).filter(([, mark]) => mark.at >= oldest)) };
}

/** One person's change applied to a document in memory: what `CosmosAggregateStore.apply` does with patches. */
export function withChange(
  doc: AggregateDoc,
  personId: string,
  change: AggregateChange,
  nowSeconds: number,
  publishAfter: number,
): AggregateDoc {
  const counters = { ...doc.counters };
  for (const [name, amount] of Object.entries(change.delta)) counters[name] = (counters[name] ?? 0) + amount;
  let revision = (doc.revision ?? 0) + (change.quoteRemovals.length > 0 ? 1 : 0);
  const quotes: QuoteSlots = { ...(doc.quotes ?? {}) };
  const publishedQuotes: QuoteSlots = { ...(doc.published?.quotes ?? {}) };
  for (const removal of change.quoteRemovals)
    for (const slot of slotsOf(doc, removal))
      for (const slots of [quotes, publishedQuotes])
        if (slots[slot]?.k === removal.key) {
          slots[slot] = null;
          revision += 1;
        }
  for (const [slot, quote] of offered(quotes, change.quoteSets)) quotes[slot] = quote;
  const pending = { ...(doc.pending ?? {}) };
  const counted = Object.keys(change.delta).length > 0;
  if (counted) pending[pendingKey(personId)] = nowSeconds;
  const next: AggregateDoc = {
    ...doc,
    counters,
    quotes,
    pending,
    revision,
    published: { counters: doc.published?.counters ?? {}, quotes: publishedQuotes },
  };
  // As with the patches: only a change that marked its person pending can publish (the publication's condition).
  if (!counted || !publicationDue(next, publishAfter, nowSeconds)) return next;
  return { ...next, pending: {}, published: { counters, quotes: stickyQuotes(publishedQuotes, quotes) } };
}
