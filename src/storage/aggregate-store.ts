import type { Container, Item, PatchOperation } from '@azure/cosmos';
import type { AggregateChange } from '../aggregation/aggregate-changes';
import type { Counters } from '../aggregation/contributions';
import type { QuoteSlots } from '../aggregation/quotes';
import {
  aggregateId,
  isCurrent,
  newAggregate,
  pendingKey,
  publishedView,
  rebuilt,
  settled,
  upgraded,
  type AggregateDoc,
} from './aggregate-doc';
import { withoutSystemFields } from './system-fields';

export { aggregateId, type AggregateDoc } from './aggregate-doc';

/** Cosmos accepts at most 10 operations in one patch. */
const PATCH_LIMIT = 10;
/** Replacing a document after a change (emptying slots, publishing) is conditional; a busy document may need a few tries. */
const REPLACE_ATTEMPTS = 4;

type Stored = AggregateDoc & { _etag?: string };

/** Publish once this many different people changed a document: the default summary threshold (the app passes its own). */
const DEFAULT_PUBLISH_AFTER = 5;

/** Per-tenant, per-question counters; summaries read their published copies with point reads (see AggregateDoc). */
export class AggregateStore {
  /** Creations in flight, so turns racing to a question's first answer wait for one create instead of each trying. */
  private readonly creating = new Map<string, Promise<boolean>>();
  /** Documents (by tenant and id) known to have the live, pending and published parts, or not to exist yet. */
  private readonly current = new Set<string>();

  /** `publishAfter`: how many different people must have changed a document before it is published (the group threshold). */
  constructor(
    private readonly container: Container,
    private readonly publishAfter = DEFAULT_PUBLISH_AFTER,
  ) {}

  /**
   * One person's change to one document: counters moved with atomic increments (no read, no lost update) and the person
   * marked pending, in one patch. The patch answers with the document, so offering statements to the quote slots,
   * emptying removed ones and publishing a full batch cost one more (conditional) write only when one of them changes
   * something.
   */
  async apply(tenantId: string, personId: string, change: AggregateChange): Promise<void> {
    const { questionId, teamId, delta } = change;
    const operations: PatchOperation[] = Object.entries(delta).map(([name, amount]) => ({
      op: 'incr',
      path: `/counters/${name}`,
      value: amount,
    }));
    // Last, so that it lands with the last part of the change and its answer sees the whole change.
    if (operations.length > 0) operations.push({ op: 'set', path: `/pending/${pendingKey(personId)}`, value: 1 });
    await this.upgradeOnce(tenantId, questionId, teamId);
    let doc: Stored | undefined;
    for (let start = 0; start < operations.length; start += PATCH_LIMIT)
      doc = await this.patch(tenantId, questionId, operations.slice(start, start + PATCH_LIMIT), teamId, change);
    if (operations.length === 0 && change.quoteSets.length + change.quoteRemovals.length > 0)
      doc = await this.readStored(tenantId, questionId, teamId);
    if (doc)
      await this.replaceWith(this.item(tenantId, questionId, teamId), doc, (current) =>
        settled(current, change, this.publishAfter),
      );
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
    const stored = await this.readStored(tenantId, questionId, teamId);
    return stored && withoutSystemFields(stored);
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
    statementExists: (key: string) => boolean,
  ): Promise<void> {
    const item = this.item(tenantId, questionId, teamId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.readStored(tenantId, questionId, teamId);
      const next = rebuilt(
        current ?? newAggregate(tenantId, questionId, teamId, { counters: {}, quotes: {}, pending: {} }),
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
        if ((code !== 412 && code !== 409) || attempt >= REPLACE_ATTEMPTS) throw error;
      }
    }
  }

  private item(tenantId: string, questionId: string, teamId: string | undefined): Item {
    return this.container.item(aggregateId(questionId, teamId), [tenantId, questionId]);
  }

  private async readStored(tenantId: string, questionId: string, teamId?: string): Promise<Stored | undefined> {
    const { resource } = await this.item(tenantId, questionId, teamId).read<Stored>();
    return resource;
  }

  private async readMany(
    tenantId: string,
    questionIds: readonly string[],
    teamId?: string,
  ): Promise<Map<string, AggregateDoc | undefined>> {
    const result = new Map<string, AggregateDoc | undefined>();
    await Promise.all(
      questionIds.map(async (questionId) =>
        result.set(questionId, await this.readStored(tenantId, questionId, teamId)),
      ),
    );
    return result;
  }

  /** Writes `next(doc)` conditional on the ETag, reading again after a conflict; nothing when it says nothing is needed. */
  private async replaceWith(
    item: Item,
    doc: Stored,
    next: (current: AggregateDoc) => AggregateDoc | undefined,
  ): Promise<void> {
    let current: Stored | undefined = doc;
    for (let attempt = 1; current; attempt++) {
      const wanted = next(withoutSystemFields(current));
      if (!wanted) return;
      try {
        await item.replace(wanted, { accessCondition: { type: 'IfMatch', condition: current._etag ?? '' } });
        return;
      } catch (error) {
        if ((error as { code?: number }).code !== 412 || attempt >= REPLACE_ATTEMPTS) throw error;
        current = (await item.read<Stored>()).resource;
      }
    }
  }

  /** One patch; creates the document on a question's first answer (undefined: created, with the change's statements). */
  private async patch(
    tenantId: string,
    questionId: string,
    operations: PatchOperation[],
    teamId: string | undefined,
    change: AggregateChange,
  ): Promise<Stored | undefined> {
    const item = this.item(tenantId, questionId, teamId);
    try {
      return (await item.patch<Stored>(operations)).resource;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code !== 404) throw error;
      // First answer to this question in the tenant: create the counters with this change already in them.
      const key = `${tenantId}|${aggregateId(questionId, teamId)}`;
      const inFlight = this.creating.get(key);
      if (inFlight) {
        await inFlight.catch(() => false);
        return (await item.patch<Stored>(operations)).resource;
      }
      const creation = this.createWith(tenantId, questionId, operations, teamId, change).finally(() =>
        this.creating.delete(key),
      );
      this.creating.set(key, creation);
      if (await creation) return undefined;
      return (await item.patch<Stored>(operations)).resource;
    }
  }

  /**
   * Once per document and process: a document from before publication lacks the maps a patch sets into (servers differ
   * in what they then do), so it is first given them, publishing what summaries showed until then.
   */
  private async upgradeOnce(tenantId: string, questionId: string, teamId: string | undefined): Promise<void> {
    const key = `${tenantId}|${aggregateId(questionId, teamId)}`;
    if (this.current.has(key)) return;
    const item = this.item(tenantId, questionId, teamId);
    const { resource } = await item.read<Stored>();
    if (resource && !isCurrent(resource))
      await this.replaceWith(item, resource, (doc) => (isCurrent(doc) ? undefined : upgraded(doc)));
    this.current.add(key);
  }

  /** Creates the counters document holding `operations`' amounts and pending mark and the change's statements; false if another turn created it first. */
  private async createWith(
    tenantId: string,
    questionId: string,
    operations: PatchOperation[],
    teamId: string | undefined,
    change: AggregateChange,
  ): Promise<boolean> {
    const valued = operations as Array<{ op: string; path: string; value: unknown }>;
    const under = <T>(prefix: string) =>
      Object.fromEntries(
        valued
          .filter((operation) => operation.path.startsWith(prefix))
          .map((operation) => [operation.path.slice(prefix.length), operation.value as T]),
      );
    const counters = Object.fromEntries(
      Object.entries(under<number>('/counters/')).map(([name, amount]) => [name, Number(amount)]),
    );
    const created = newAggregate(tenantId, questionId, teamId, {
      counters,
      quotes: {},
      pending: under<1>('/pending/'),
    });
    try {
      await this.container.items.create(settled(created, change, this.publishAfter) ?? created);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      return false;
    }
  }
}
