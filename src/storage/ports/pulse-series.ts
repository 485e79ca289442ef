import type { PulseDoc } from '../../domain/pulse-docs';
import type { SeriesDoc } from '../../domain/pulse-series';
import type { Versioned } from './versioned';

/** Recurring pulses' series documents, and the runs of a series, one tenant at a time. */
export interface SeriesStore {
  /** Creates the series; false when it exists already. */
  createSeries(series: SeriesDoc): Promise<boolean>;
  readSeries(tenantId: string, seriesId: string): Promise<Versioned<SeriesDoc> | undefined>;
  /** Replaces the series if nobody changed it since `etag`: the new ETag, or undefined when somebody did. */
  replaceSeries(series: SeriesDoc, etag: string): Promise<string | undefined>;
  /** Clears the claimed run `pulseId` once its pulse exists (nothing if another run is pending by then). */
  clearPendingRun(tenantId: string, seriesId: string, pulseId: string): Promise<void>;
  /** Active series whose next run is due by `now`, and series with a claimed run still to create (TOP-bounded). */
  dueSeries(tenantId: string, now: Date, limit: number): Promise<SeriesDoc[]>;
  /** Local mode only: tenants with an active series or a claimed run. */
  tenantsWithDueSeries(now: Date): Promise<string[]>;
  /** Closed runs of a series created before `before`, newest first (TOP-bounded). */
  closedRunsBefore(tenantId: string, seriesId: string, before: string, limit: number): Promise<PulseDoc[]>;
}
