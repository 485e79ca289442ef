import type { PulseSeriesView } from '../../cards/pulse-view-models';
import type { PulseDoc, PulseResults } from '../../domain/pulse-docs';
import { REPEAT_LABELS } from '../../domain/pulse-series';
import type { PulseStore, SeriesStore } from '../../storage/ports';
import { pulseTimeZone } from '../pulse-views';
import { seriesTrend, TREND_RUNS, type RunResults } from './trend';

/**
 * The results card's series part of a closed pulse: bounded reads (the series document, one query for at most five
 * earlier closed runs, and their stored results by point read).
 */
export async function seriesView(
  stores: { pulses: PulseStore; series: SeriesStore },
  pulse: PulseDoc,
  results: PulseResults,
): Promise<PulseSeriesView> {
  const none: PulseSeriesView = { pulseId: pulse.pulseId, repeatLabel: null, changes: null, caution: null, lines: [] };
  if (!pulse.seriesId) return none;
  const [series, earlier] = await Promise.all([
    stores.series.readSeries(pulse.tenantId, pulse.seriesId),
    stores.series.closedRunsBefore(pulse.tenantId, pulse.seriesId, pulse.createdAt, TREND_RUNS - 1),
  ]);
  const previous: RunResults[] = [];
  for (const run of earlier) {
    // A run whose results were never stored (closed moments ago on another instance) is left out, not computed here.
    const stored = await stores.pulses.readResults(run.tenantId, run.pulseId);
    if (stored) previous.push({ createdAt: run.createdAt, results: stored.results });
  }
  return {
    ...none,
    repeatLabel: series?.doc.status === 'active' ? REPEAT_LABELS[series.doc.repeat] : null,
    ...seriesTrend({ createdAt: pulse.createdAt, results }, previous, pulseTimeZone(pulse)),
  };
}
