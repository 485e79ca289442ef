import type { Container } from '@azure/cosmos';
import { cosmosSafe } from './cosmos-id';
import type { HistoryPoint, ParticipationHistoryStore } from './ports';

/** One document per tenant and scope in the `tenants` container: the points of a bounded daily series. */
interface HistoryDoc {
  id: string;
  type: 'history';
  tenantId: string;
  series: 'participation';
  scope: string;
  points: HistoryPoint[];
}

const historyId = (scope: string) => `history|participation|${cosmosSafe(scope)}`;

/**
 * Participation over time, one point per day: read with one point read, extended with one conditional write the first
 * time a day's figures differ from the stored ones. A write that loses a race is dropped: the other writer recorded
 * the same day's figures, and the next read records them again if they moved.
 */
export class CosmosParticipationHistory implements ParticipationHistoryStore {
  constructor(private readonly container: Container) {}

  async read(tenantId: string, scope: string): Promise<HistoryPoint[]> {
    const { resource } = await this.container.item(historyId(scope), tenantId).read<HistoryDoc>();
    return resource?.points ?? [];
  }

  async record(tenantId: string, scope: string, point: HistoryPoint, maxPoints: number): Promise<HistoryPoint[]> {
    const item = this.container.item(historyId(scope), tenantId);
    const { resource, etag } = await item.read<HistoryDoc>();
    const points = resource?.points ?? [];
    const last = points.at(-1);
    if (last && JSON.stringify(last) === JSON.stringify(point)) return points;
    const kept = [...points.filter((entry) => entry.day < point.day), point].slice(-maxPoints);
    const doc: HistoryDoc = {
      id: historyId(scope),
      type: 'history',
      tenantId,
      series: 'participation',
      scope,
      points: kept,
    };
    try {
      if (resource) await item.replace(doc, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } });
      else await this.container.items.create(doc);
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code !== 412 && code !== 409) throw error;
    }
    return kept;
  }
}
