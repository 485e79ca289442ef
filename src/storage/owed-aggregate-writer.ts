import type { Container } from '@azure/cosmos';
import type { OwedItem } from '../aggregation/owed-changes';
import { aggregateId, newAggregate, upgraded, withOwed } from './aggregate-doc';
import type { Stored } from './aggregate-writes';
import { withoutSystemFields } from './system-fields';

/** Documents whose latest version this instance keeps, so applying owed changes needs no read in the steady state. */
const DOCUMENTS_KEPT = 2_000;
/** Other instances write the same documents: a lost race reads again, a few times. */
const ATTEMPTS = 5;

/**
 * Applies owed changes to a counters document with one conditional replace (or a create on a question's first
 * answer): the whole change, its pending marks and the instance's high-water mark land together or not at all, so a
 * change applied twice (by its instance and by the sweeper after a crash) counts once.
 */
export class OwedAggregateWriter {
  private readonly latest = new Map<string, Stored>();

  constructor(
    private readonly container: Container,
    private readonly publishAfter: number,
    private readonly clock: () => Date,
  ) {}

  async apply(tenantId: string, questionId: string, teamId: string | undefined, items: readonly OwedItem[]) {
    const item = this.container.item(aggregateId(questionId, teamId), [tenantId, questionId]);
    const key = `${tenantId}|${item.id}`;
    for (let attempt = 1; ; attempt++) {
      const current = this.latest.get(key) ?? (await item.read<Stored>()).resource;
      const base = current
        ? upgraded(withoutSystemFields(current))
        : newAggregate(tenantId, questionId, teamId, { counters: {}, quotes: {}, pending: {} });
      const next = withOwed(base, items, Math.floor(this.clock().getTime() / 1000), this.publishAfter);
      if (!next) return;
      try {
        const { resource } = current
          ? await item.replace<Stored>(next, { accessCondition: { type: 'IfMatch', condition: current._etag ?? '' } })
          : await this.container.items.create<Stored>(next);
        this.remember(key, resource);
        return;
      } catch (error) {
        this.latest.delete(key);
        const code = (error as { code?: number }).code;
        if ((code !== 412 && code !== 409) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Another write of this document (a patch) makes the kept version stale. */
  forget(tenantId: string, questionId: string, teamId: string | undefined): void {
    this.latest.delete(`${tenantId}|${aggregateId(questionId, teamId)}`);
  }

  private remember(key: string, doc: Stored | undefined): void {
    this.latest.delete(key);
    if (!doc) return;
    this.latest.set(key, doc);
    if (this.latest.size > DOCUMENTS_KEPT) this.latest.delete(this.latest.keys().next().value as string);
  }
}
