import type { Container } from '@azure/cosmos';
import type { PulseDoc } from '../domain/pulse-docs';
import { seriesDocId, type SeriesDoc } from '../domain/pulse-series';
import type { SeriesStore, Versioned } from './ports';
import { createIfAbsent, readInPulse, replaceInPulse } from './pulse-partition';
import { withoutSystemFields } from './system-fields';
import { deleteIfPresent } from './delete-if-present';

const DUE = '((c.status = "active" AND c.nextRunAt <= @now) OR IS_OBJECT(c.pendingRun))';

/** Series documents in their first run's partition of the `pulses` container; queries stay inside one tenant. */
export class CosmosSeriesStore implements SeriesStore {
  constructor(private readonly container: Container) {}

  createSeries(series: SeriesDoc): Promise<boolean> {
    return createIfAbsent(this.container, series);
  }

  readSeries(tenantId: string, seriesId: string): Promise<Versioned<SeriesDoc> | undefined> {
    return readInPulse<SeriesDoc>(this.container, seriesDocId(seriesId), tenantId, seriesId);
  }

  replaceSeries(series: SeriesDoc, etag: string): Promise<string | undefined> {
    return replaceInPulse(this.container, series, etag);
  }

  /** Conditional on the claimed run still being the pending one (an ETag-checked replace), so a later claim is kept. */
  async clearPendingRun(tenantId: string, seriesId: string, pulseId: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.readSeries(tenantId, seriesId);
      if (current?.doc.pendingRun?.pulseId !== pulseId) return;
      if (await this.replaceSeries({ ...current.doc, pendingRun: null }, current.etag)) return;
    }
  }

  deleteSeries(tenantId: string, seriesId: string): Promise<boolean> {
    return deleteIfPresent(this.container.item(seriesDocId(seriesId), [tenantId, seriesId]));
  }

  async stopSeries(tenantId: string, seriesId: string, stoppedAt: Date): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.readSeries(tenantId, seriesId);
      if (!current || (current.doc.status === 'stopped' && !current.doc.pendingRun)) return false;
      const stopped: SeriesDoc = {
        ...current.doc,
        status: 'stopped',
        stoppedAt: current.doc.stoppedAt ?? stoppedAt.toISOString(),
        pendingRun: null,
      };
      if (await this.replaceSeries(stopped, current.etag)) return true;
    }
    return false;
  }

  async seriesStartedBy(tenantId: string, userId: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>({
        query:
          'SELECT TOP @limit VALUE c.seriesId FROM c WHERE c.tenantId = @tenantId AND c.type = "series" AND LOWER(c.createdBy) = @userId AND (c.status = "active" OR IS_OBJECT(c.pendingRun))',
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@userId', value: userId.toLowerCase() },
        ],
      })
      .fetchAll();
    return resources;
  }

  async dueSeries(tenantId: string, now: Date, limit: number): Promise<SeriesDoc[]> {
    const { resources } = await this.container.items
      .query<SeriesDoc>({
        query: `SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "series" AND ${DUE}`,
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@now', value: now.toISOString() },
        ],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  async tenantsWithDueSeries(now: Date): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>({
        query: `SELECT VALUE c.tenantId FROM c WHERE c.type = "series" AND ${DUE}`,
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return [...new Set(resources)];
  }

  async closedRunsBefore(tenantId: string, seriesId: string, before: string, limit: number): Promise<PulseDoc[]> {
    const { resources } = await this.container.items
      .query<PulseDoc>({
        query:
          'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse" AND c.seriesId = @seriesId AND c.status = "closed" AND c.createdAt < @before ORDER BY c.createdAt DESC',
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@seriesId', value: seriesId },
          { name: '@before', value: before },
        ],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }
}
