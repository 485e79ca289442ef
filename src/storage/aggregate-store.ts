import type { Container, Item, PatchOperation } from '@azure/cosmos';
import type { AggregateChange } from '../aggregation/aggregate-changes';
import type { Counters } from '../aggregation/contributions';
import type { QuoteSlots } from '../aggregation/quotes';
import {
  aggregateId,
  isCurrent,
  newAggregate,
  offer,
  PATCH_LIMIT,
  pendingKey,
  publication,
  publicationDue,
  publishedView,
  rebuilt,
  removals,
  REVISION_BUMP,
  type AggregateDoc,
} from './aggregate-doc';
import { ATTEMPTS, createAggregateWith, sendFollowUp, upgradeToCurrent, type Stored } from './aggregate-writes';
import { OwedAggregateWriter } from './owed-aggregate-writer';
import type { AggregateStore } from './ports';
import type { OwedItem } from '../aggregation/owed-changes';
import { withoutSystemFields } from './system-fields';

export { aggregateId, type AggregateDoc } from './aggregate-doc';

/** Publish once this many different people changed a document: the default summary threshold (the app passes its own). */
export const DEFAULT_PUBLISH_AFTER = 5;

/** Per-tenant, per-question counters; summaries read their published copies with point reads (see AggregateDoc). */
export class CosmosAggregateStore implements AggregateStore {
  /** Creations (in flight or done), so turns racing to a question's first answer wait for one create instead of each trying. */
  private readonly creating = new Map<string, Promise<boolean>>();
  /** Documents (by tenant and id) checked for the live, pending and published parts (see checkOnce). */
  private readonly checked = new Map<string, Promise<'current' | 'missing'>>();
  private readonly owed: OwedAggregateWriter;

  /**
   * `publishAfter`: how many different people must have changed a document before it is published (the group
   * threshold); `clock` dates the pending marks (a batch left unpublished for long is published by the next change).
   */
  constructor(
    private readonly container: Container,
    private readonly publishAfter = DEFAULT_PUBLISH_AFTER,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.owed = new OwedAggregateWriter(container, publishAfter, clock);
  }

  /** Owed changes to one document, each applied once, in one conditional write (see OwedAggregateWriter). */
  applyOwed(
    tenantId: string,
    questionId: string,
    teamId: string | undefined,
    items: readonly OwedItem[],
  ): Promise<void> {
    return this.owed.apply(tenantId, questionId, teamId, items);
  }

  /**
   * One person's change to one document: counters moved with atomic increments (no read, no lost update) and the person
   * marked pending, in one patch (with a removal, the revision bump too). The patch answers with the document, so
   * offering new statements to the quote slots, emptying removed ones and publishing a whole batch each cost one more
   * patch, only when needed (see aggregate-doc.ts for why each is safe against the others).
   */
  async apply(tenantId: string, personId: string, change: AggregateChange): Promise<void> {
    return this.applyFor(tenantId, [personId], change);
  }

  /**
   * The summed change of several people at once (the local demo's simulated organisation), every one of them marked
   * pending, so it is published as their changes one by one would be: in batches of at least the threshold of people.
   */
  async applyTogether(tenantId: string, personIds: readonly string[], change: AggregateChange): Promise<void> {
    if (personIds.length > 0) await this.applyFor(tenantId, personIds, change);
  }

  /**
   * Publishes a document's pending batch if it is due (see publicationDue: at least the threshold of people, and a
   * whole batch or one left pending too long) without waiting for the next change. True when it published.
   */
  async publishIfDue(tenantId: string, questionId: string, teamId?: string): Promise<boolean> {
    const item = this.item(tenantId, questionId, teamId);
    this.owed.forget(tenantId, questionId, teamId);
    const { resource: doc } = await item.read<Stored>();
    if (!doc || !isCurrent(doc) || !publicationDue(doc, this.publishAfter, Math.floor(this.clock().getTime() / 1000)))
      return false;
    const [oldest] = Object.entries(doc.pending ?? {}).sort(([, a], [, b]) => a - b)[0];
    return (await sendFollowUp(item, publication(doc, oldest))) !== undefined;
  }

  private async applyFor(tenantId: string, personIds: readonly string[], change: AggregateChange): Promise<void> {
    const { questionId, teamId, delta } = change;
    const item = this.item(tenantId, questionId, teamId);
    this.owed.forget(tenantId, questionId, teamId);
    const operations: PatchOperation[] = Object.entries(delta).map(([name, amount]) => ({
      op: 'incr',
      path: `/counters/${name}`,
      value: amount,
    }));
    if (change.quoteRemovals.length > 0) operations.push(REVISION_BUMP);
    const now = Math.floor(this.clock().getTime() / 1000);
    // Last, so that it lands with the last part of the change and its answer sees the whole change.
    if (Object.keys(delta).length > 0)
      for (const personId of personIds)
        operations.push({ op: 'set', path: `/pending/${pendingKey(personId)}`, value: now });
    const missing = (await this.checkOnce(tenantId, item)) === 'missing';
    let doc: Stored | undefined;
    for (let start = 0; start < operations.length; start += PATCH_LIMIT)
      doc = await this.patch(
        tenantId,
        item,
        operations.slice(start, start + PATCH_LIMIT),
        change,
        missing && start === 0,
      );
    if (operations.length === 0 && change.quoteSets.length > 0) doc = (await item.read<Stored>()).resource;
    if (!doc) return;
    const publish = publicationDue(doc, this.publishAfter, now);
    for (const followUp of removals(doc, change.quoteRemovals)) doc = (await sendFollowUp(item, followUp)) ?? doc;
    for (let next = offer(doc, change.quoteSets); next; next = offer(doc, change.quoteSets)) {
      const answered = await sendFollowUp(item, next);
      if (!answered) break;
      doc = answered;
    }
    if (publish) await this.publish(item, doc, pendingKey(personIds[personIds.length - 1]));
  }

  /** The live counters of the given questions (missing ones are empty), one point read each; a team's with `teamId`. */
  async read(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<Map<string, Counters>> {
    const docs = await this.readMany(tenantId, questionIds, teamId);
    return new Map([...docs].map(([questionId, doc]) => [questionId, doc?.counters ?? {}]));
  }

  /** What summaries may show: the published counters and quote slots of the given questions, one point read each. */
  async readPublished(
    tenantId: string,
    questionIds: readonly string[],
    teamId?: string,
  ): Promise<Map<string, { counters: Counters; quotes: QuoteSlots }>> {
    const docs = await this.readMany(tenantId, questionIds, teamId);
    return new Map([...docs].map(([questionId, doc]) => [questionId, publishedView(doc)]));
  }

  /** One document, live and published copies (undefined when there is none). */
  async readDoc(tenantId: string, questionId: string, teamId?: string): Promise<AggregateDoc | undefined> {
    const { resource } = await this.item(tenantId, questionId, teamId).read<Stored>();
    return resource && withoutSystemFields(resource);
  }

  /** Every counters document of the tenant, organisation and teams (for the rebuild; a query within the tenant). */
  async readAll(tenantId: string): Promise<AggregateDoc[]> {
    const { resources } = await this.container.items
      .query<AggregateDoc>({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "aggregate"',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  /**
   * The rebuild's repair: the live copy becomes the recomputed counters and quote slots; the published copy keeps
   * its figures (they move with the next batch, as any change does) but drops statements that no longer exist.
   */
  async rewrite(
    tenantId: string,
    questionId: string,
    teamId: string | undefined,
    recomputed: { counters: Counters; quotes: QuoteSlots },
    statementExists: (key: string, slot: string) => boolean,
  ): Promise<void> {
    const item = this.item(tenantId, questionId, teamId);
    this.owed.forget(tenantId, questionId, teamId);
    for (let attempt = 1; ; attempt++) {
      const { resource: current } = await item.read<Stored>();
      const empty = newAggregate(tenantId, questionId, teamId, { counters: {}, quotes: {}, pending: {} });
      const next = rebuilt(
        current ? withoutSystemFields(current) : empty,
        recomputed,
        statementExists,
        this.publishAfter,
      );
      try {
        if (current) await item.replace(next, { accessCondition: { type: 'IfMatch', condition: current._etag ?? '' } });
        else await this.container.items.create(next);
        return;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if ((code !== 412 && code !== 409) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private item(tenantId: string, questionId: string, teamId: string | undefined): Item {
    return this.container.item(aggregateId(questionId, teamId), [tenantId, questionId]);
  }

  private async readMany(
    tenantId: string,
    questionIds: readonly string[],
    teamId?: string,
  ): Promise<Map<string, AggregateDoc | undefined>> {
    const result = new Map<string, AggregateDoc | undefined>();
    await Promise.all(
      questionIds.map(async (questionId) =>
        result.set(questionId, (await this.item(tenantId, questionId, teamId).read<Stored>()).resource),
      ),
    );
    return result;
  }

  /** Publishes a whole batch, as `doc` holds it. */
  private async publish(item: Item, doc: Stored, personKey: string): Promise<void> {
    // Refused when another publication or a removal came first, or failed: then a later batch publishes (nothing is
    // lost), and the caller's change, already applied, is never reported as failed (a retry would apply it twice).
    await sendFollowUp(item, publication(doc, personKey)).catch(() => undefined);
  }

  /**
   * One patch; creates the document on a question's first answer (undefined: created, with the change's statements).
   * `missing`: the document did not exist when last looked at, so the patch is not even tried.
   */
  private async patch(
    tenantId: string,
    item: Item,
    operations: PatchOperation[],
    change: AggregateChange,
    missing: boolean,
  ): Promise<Stored | undefined> {
    if (!missing) {
      try {
        return (await item.patch<Stored>(operations)).resource;
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw error;
      }
    }
    // First answer to this question in the tenant: create the counters with this change already in them.
    const key = `${tenantId}|${item.id}`;
    const inFlight = this.creating.get(key);
    if (inFlight) {
      await inFlight.catch(() => false);
      return (await item.patch<Stored>(operations)).resource;
    }
    // Kept once settled, so a turn that was told the document was missing patches it rather than creating it again.
    const creation = createAggregateWith(this.container, tenantId, operations, change).catch((error: unknown) => {
      this.creating.delete(key);
      throw error;
    });
    this.creating.set(key, creation);
    if (await creation) return undefined;
    return (await item.patch<Stored>(operations)).resource;
  }

  /**
   * Once per document and process: a document from before publication lacks the parts a change writes into (servers
   * differ in what they then do), so it is first given them, publishing what summaries showed until then. Says
   * whether the document was there.
   */
  private checkOnce(tenantId: string, item: Item): Promise<'current' | 'missing'> {
    const key = `${tenantId}|${item.id}`;
    let check = this.checked.get(key);
    if (!check) {
      check = upgradeToCurrent(item).catch((error: unknown) => {
        this.checked.delete(key);
        throw error;
      });
      this.checked.set(key, check);
    }
    return check;
  }
}
