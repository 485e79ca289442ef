import { createHash } from 'node:crypto';
import type { Container, PatchOperation } from '@azure/cosmos';
import type { Counters } from '../aggregation/contributions';
import type { Quote, QuoteSet, QuoteSlots } from '../aggregation/quotes';
import { withoutSystemFields } from './system-fields';

/** Counters of one question in one tenant, kept up to date as answers arrive. */
export interface AggregateDoc {
  id: string;
  type: 'aggregate';
  tenantId: string;
  questionId: string;
  /** Set on a team's counters; absent on the organisation's. */
  teamId?: string;
  counters: Counters;
  /** Example statements for the leadership card (src/aggregation/quotes.ts); absent on documents from before them. */
  quotes?: QuoteSlots;
}

/** Cosmos accepts at most 10 operations in one patch. */
const PATCH_LIMIT = 10;

/** Per-tenant, per-question counters; summaries read these with point reads. */
export class AggregateStore {
  /** Creations in flight, so turns racing to a question's first answer wait for one create instead of each trying. */
  private readonly creating = new Map<string, Promise<boolean>>();

  constructor(private readonly container: Container) {}

  /**
   * Adds the delta to the question's counters with atomic increments (no read, no lost update), and fills quote slots
   * in the same patch (so a statement costs no extra request).
   */
  async apply(
    tenantId: string,
    questionId: string,
    delta: Counters,
    teamId?: string,
    quoteSets: readonly QuoteSet[] = [],
  ): Promise<void> {
    const operations: PatchOperation[] = [
      ...Object.entries(delta).map(([name, amount]): PatchOperation => ({
        op: 'incr',
        path: `/counters/${name}`,
        value: amount,
      })),
      ...quoteSets.map(({ slot, quote }): PatchOperation => ({ op: 'set', path: `/quotes/${slot}`, value: quote })),
    ];
    for (let start = 0; start < operations.length; start += PATCH_LIMIT) {
      await this.patch(tenantId, questionId, operations.slice(start, start + PATCH_LIMIT), teamId);
    }
  }

  /** Empties a quote slot only while it still holds the statement with this key (edits and deletions). */
  async clearQuote(tenantId: string, questionId: string, slot: string, key: string, teamId?: string): Promise<void> {
    try {
      await this.container.item(aggregateId(questionId, teamId), [tenantId, questionId]).patch({
        condition: `FROM c WHERE c.quotes["${slot}"].k = "${key}"`,
        operations: [{ op: 'set', path: `/quotes/${slot}`, value: null }],
      });
    } catch (error) {
      const code = (error as { code?: number }).code;
      // 412: the slot holds another statement by now; 404: no document; 400: a document without quotes.
      if (code !== 412 && code !== 404 && code !== 400) throw error;
    }
  }

  /** The counters of the given questions (missing ones are empty), one point read each; a team's with `teamId`. */
  async read(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<Map<string, Counters>> {
    const docs = await this.readDocs(tenantId, questionIds, teamId);
    return new Map([...docs].map(([questionId, doc]) => [questionId, doc.counters]));
  }

  /** Counters and quote slots of the given questions, one point read each. */
  async readDocs(
    tenantId: string,
    questionIds: readonly string[],
    teamId?: string,
  ): Promise<Map<string, { counters: Counters; quotes: QuoteSlots }>> {
    const result = new Map<string, { counters: Counters; quotes: QuoteSlots }>();
    await Promise.all(
      questionIds.map(async (questionId) => {
        const { resource } = await this.container
          .item(aggregateId(questionId, teamId), [tenantId, questionId])
          .read<AggregateDoc>();
        result.set(questionId, { counters: resource?.counters ?? {}, quotes: resource?.quotes ?? {} });
      }),
    );
    return result;
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

  /** Overwrites a counters document and its quote slots (the rebuild's repair). */
  async replaceCounters(
    tenantId: string,
    questionId: string,
    counters: Counters,
    teamId?: string,
    quotes: QuoteSlots = {},
  ): Promise<void> {
    await this.container.items.upsert(document(tenantId, questionId, teamId, counters, quotes));
  }

  private async patch(
    tenantId: string,
    questionId: string,
    operations: PatchOperation[],
    teamId: string | undefined,
  ): Promise<void> {
    const item = this.container.item(aggregateId(questionId, teamId), [tenantId, questionId]);
    try {
      await item.patch(operations);
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      // First answer to this question in the tenant: create the counters with this change already in them.
      const key = `${tenantId}|${aggregateId(questionId, teamId)}`;
      const inFlight = this.creating.get(key);
      if (inFlight) {
        await inFlight.catch(() => false);
        await item.patch(operations);
        return;
      }
      const creation = this.createWith(tenantId, questionId, operations, teamId).finally(() =>
        this.creating.delete(key),
      );
      this.creating.set(key, creation);
      if (!(await creation)) await item.patch(operations);
    }
  }

  /** Creates the counters document holding `operations`' amounts and quotes; false if another turn created it first. */
  private async createWith(
    tenantId: string,
    questionId: string,
    operations: PatchOperation[],
    teamId: string | undefined,
  ): Promise<boolean> {
    const valued = operations as Array<{ op: string; path: string; value: unknown }>;
    const counters = Object.fromEntries(
      valued
        .filter((operation) => operation.path.startsWith('/counters/'))
        .map((operation) => [operation.path.slice('/counters/'.length), Number(operation.value)]),
    );
    const quotes = Object.fromEntries(
      valued
        .filter((operation) => operation.path.startsWith('/quotes/'))
        .map((operation) => [operation.path.slice('/quotes/'.length), operation.value as Quote]),
    );
    try {
      await this.container.items.create(document(tenantId, questionId, teamId, counters, quotes));
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      return false;
    }
  }
}

function document(
  tenantId: string,
  questionId: string,
  teamId: string | undefined,
  counters: Counters,
  quotes: QuoteSlots,
): AggregateDoc {
  return {
    id: aggregateId(questionId, teamId),
    type: 'aggregate',
    tenantId,
    questionId,
    ...(teamId === undefined ? {} : { teamId }),
    counters,
    quotes,
  };
}

/** `aggregate|<question>` for the organisation; a team's adds a hash of its id (Teams ids hold characters ids may not). */
export function aggregateId(questionId: string, teamId?: string): string {
  if (teamId === undefined) return `aggregate|${questionId}`;
  return `aggregate|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}|${questionId}`;
}
