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
  /** Deletes the series (a setup whose first run could not be created); false when it was gone already. */
  deleteSeries(tenantId: string, seriesId: string): Promise<boolean>;
  /**
   * Stops the series for good (no run claimed after it; a claimed run not yet created is dropped too): an ETag-checked
   * replace, tried again if another write came between. False when it is missing or was stopped already.
   */
  stopSeries(tenantId: string, seriesId: string, stoppedAt: Date): Promise<boolean>;
  /** The ids of the active series (or ones with a claimed run) `userId` started (TOP-bounded). */
  seriesStartedBy(tenantId: string, userId: string, limit: number): Promise<string[]>;
  /** Active series whose next run is due by `now`, and series with a claimed run still to create (TOP-bounded). */
  dueSeries(tenantId: string, now: Date, limit: number): Promise<SeriesDoc[]>;
  /** Local mode only: tenants with an active series or a claimed run. */
  tenantsWithDueSeries(now: Date): Promise<string[]>;
  /** Closed runs of a series created before `before`, newest first (TOP-bounded). */
  closedRunsBefore(tenantId: string, seriesId: string, before: string, limit: number): Promise<PulseDoc[]>;
}
