import type { Container } from '@azure/cosmos';
import { cosmosSafe } from './cosmos-id';
import type { ReadinessHistoryStore, ReadinessPoint } from './ports';

/** The participation history's document shape (participation-history-store.ts), with the `readiness` series. */
interface ReadinessHistoryDoc {
  id: string;
  type: 'history';
  tenantId: string;
  series: 'readiness';
  scope: string;
  points: ReadinessPoint[];
}

const historyId = (scope: string) => `history|readiness|${cosmosSafe(scope)}`;
/** A write that lost a race is read again and tried once more (the other writer may have added another month). */
const ATTEMPTS = 3;

/**
 * Readiness snapshots, one point per month, in the `tenants` container: a month's point is written once, with a
 * conditional create or an ETag-conditional replace, so two instances (or a retried tick) add it exactly once.
 */
export class CosmosReadinessHistory implements ReadinessHistoryStore {
  constructor(private readonly container: Container) {}

  async read(tenantId: string, scope: string): Promise<ReadinessPoint[]> {
    const { resource } = await this.container.item(historyId(scope), tenantId).read<ReadinessHistoryDoc>();
    return resource?.points ?? [];
  }

  async recordMonth(tenantId: string, scope: string, point: ReadinessPoint, maxPoints: number): Promise<boolean> {
    const item = this.container.item(historyId(scope), tenantId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { resource, etag } = await item.read<ReadinessHistoryDoc>();
      const points = resource?.points ?? [];
      if (points.some((entry) => entry.month === point.month)) return false;
      const doc: ReadinessHistoryDoc = {
        id: historyId(scope),
        type: 'history',
        tenantId,
        series: 'readiness',
        scope,
        points: [...points, point].sort((a, b) => a.month.localeCompare(b.month)).slice(-maxPoints),
      };
      try {
        if (resource) await item.replace(doc, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } });
        else await this.container.items.create(doc);
        return true;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code !== 412 && code !== 409) throw error;
      }
    }
    return false;
  }
}
