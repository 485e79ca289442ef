import type { Container, PatchOperation } from '@azure/cosmos';
import type { Counters } from '../aggregation/contributions';
import { withoutSystemFields } from './system-fields';

/** Counters of one question in one tenant, kept up to date as answers arrive. */
export interface AggregateDoc {
  id: string;
  type: 'aggregate';
  tenantId: string;
  questionId: string;
  counters: Counters;
}

/** Cosmos accepts at most 10 operations in one patch. */
const PATCH_LIMIT = 10;

/** Per-tenant, per-question counters; summaries read these with point reads. */
export class AggregateStore {
  constructor(private readonly container: Container) {}

  /** Adds the delta to the question's counters with atomic increments (no read, no lost update). */
  async apply(tenantId: string, questionId: string, delta: Counters): Promise<void> {
    const operations: PatchOperation[] = Object.entries(delta).map(([name, amount]) => ({ op: 'incr', path: `/counters/${name}`, value: amount }));
    for (let start = 0; start < operations.length; start += PATCH_LIMIT) {
      await this.patch(tenantId, questionId, operations.slice(start, start + PATCH_LIMIT));
    }
  }

  /** The counters of the given questions (missing ones are empty), one point read each. */
  async read(tenantId: string, questionIds: readonly string[]): Promise<Map<string, Counters>> {
    const result = new Map<string, Counters>();
    await Promise.all(
      questionIds.map(async (questionId) => {
        const { resource } = await this.container.item(aggregateId(questionId), [tenantId, questionId]).read<AggregateDoc>();
        result.set(questionId, resource ? withoutSystemFields(resource).counters : {});
      }),
    );
    return result;
  }

  private async patch(tenantId: string, questionId: string, operations: PatchOperation[]): Promise<void> {
    const item = this.container.item(aggregateId(questionId), [tenantId, questionId]);
    try {
      await item.patch(operations);
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      await this.createEmpty(tenantId, questionId);
      await item.patch(operations);
    }
  }

  private async createEmpty(tenantId: string, questionId: string): Promise<void> {
    const doc: AggregateDoc = { id: aggregateId(questionId), type: 'aggregate', tenantId, questionId, counters: {} };
    try {
      await this.container.items.create(doc);
    } catch (error) {
      // Another turn created it first: fine, the patch that follows still applies.
      if ((error as { code?: number }).code !== 409) throw error;
    }
  }
}

export function aggregateId(questionId: string): string {
  return `aggregate|${questionId}`;
}
