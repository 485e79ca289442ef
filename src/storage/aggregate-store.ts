import { createHash } from 'node:crypto';
import type { Container, PatchOperation } from '@azure/cosmos';
import type { Counters } from '../aggregation/contributions';
import { QuoteStore } from './quote-store';
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
}

/** Cosmos accepts at most 10 operations in one patch. */
const PATCH_LIMIT = 10;

/** Per-tenant, per-question counters; summaries read these with point reads. */
export class AggregateStore {
  /** Creations in flight, so turns racing to a question's first answer wait for one create instead of each trying. */
  private readonly creating = new Map<string, Promise<boolean>>();

  /** The example statements kept beside the counters (leadership card). */
  readonly quotes: QuoteStore;

  constructor(private readonly container: Container) {
    this.quotes = new QuoteStore(container);
  }

  /** Adds the delta to the question's counters with atomic increments (no read, no lost update). */
  async apply(tenantId: string, questionId: string, delta: Counters, teamId?: string): Promise<void> {
    const operations: PatchOperation[] = Object.entries(delta).map(([name, amount]) => ({
      op: 'incr',
      path: `/counters/${name}`,
      value: amount,
    }));
    for (let start = 0; start < operations.length; start += PATCH_LIMIT) {
      await this.patch(tenantId, questionId, operations.slice(start, start + PATCH_LIMIT), teamId);
    }
  }

  /** The counters of the given questions (missing ones are empty), one point read each; a team's with `teamId`. */
  async read(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<Map<string, Counters>> {
    const result = new Map<string, Counters>();
    await Promise.all(
      questionIds.map(async (questionId) => {
        const { resource } = await this.container
          .item(aggregateId(questionId, teamId), [tenantId, questionId])
          .read<AggregateDoc>();
        result.set(questionId, resource ? withoutSystemFields(resource).counters : {});
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

  /** Overwrites a counters document (the rebuild's repair). */
  async replaceCounters(tenantId: string, questionId: string, counters: Counters, teamId?: string): Promise<void> {
    const doc: AggregateDoc = {
      id: aggregateId(questionId, teamId),
      type: 'aggregate',
      tenantId,
      questionId,
      ...(teamId === undefined ? {} : { teamId }),
      counters,
    };
    await this.container.items.upsert(doc);
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

  /** Creates the counters document holding `operations`' amounts; false if another turn created it first. */
  private async createWith(
    tenantId: string,
    questionId: string,
    operations: PatchOperation[],
    teamId: string | undefined,
  ): Promise<boolean> {
    const counters = Object.fromEntries(
      operations.map((operation) => [
        operation.path.slice('/counters/'.length),
        Number((operation as { value: number }).value),
      ]),
    );
    const doc: AggregateDoc = {
      id: aggregateId(questionId, teamId),
      type: 'aggregate',
      tenantId,
      questionId,
      ...(teamId === undefined ? {} : { teamId }),
      counters,
    };
    try {
      await this.container.items.create(doc);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      return false;
    }
  }
}

/** `aggregate|<question>` for the organisation; a team's adds a hash of its id (Teams ids hold characters ids may not). */
export function aggregateId(questionId: string, teamId?: string): string {
  if (teamId === undefined) return `aggregate|${questionId}`;
  return `aggregate|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}|${questionId}`;
}
