import type { ActionStore, DeliveryLedger, PulseResponses, PulseStore, SeriesStore } from '../storage/ports';
import { actionLines } from '../actions/action-lines';
import { seriesView } from './series/series-view';
import type { PulseResultsView } from '../cards/pulse-view-models';
import { computeResults } from './results';
import { resultsView } from './pulse-views';
import { pulseIds, type PulseDoc, type ResultsDoc } from '../domain/pulse-docs';

/** Bytes of comments a stored result keeps: far more than a card shows, and well inside a 2 MB document. */
const STORED_COMMENT_BYTES = 1_000_000;

/** The stores the results are read from and kept in. */
export interface ResultStores {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  responses: PulseResponses;
  /** With it, the view carries the series part (Run again, Stop the series, the trend). */
  series?: SeriesStore;
  /** With it, the view lists the actions planned from the pulse. */
  actions?: ActionStore;
}

/**
 * The results of a closed pulse, computed once and stored with it, so that showing them again (a second close, the
 * results posted at the deadline, another instance) always shows the same figures. No response can land after the
 * close (see response-batch.ts); a crash between closing and storing only means the next look computes them.
 */
export async function finalResults(stores: ResultStores, pulse: PulseDoc, clock: () => Date): Promise<ResultsDoc> {
  const { pulses, ledger, responses } = stores;
  const stored = await pulses.readResults(pulse.tenantId, pulse.pulseId);
  if (stored) return stored;
  const [given, counts] = await Promise.all([
    responses.anonymousResponses(pulse.tenantId, pulse.pulseId),
    ledger.deliveryCounts(pulse.tenantId, pulse.pulseId),
  ]);
  const results = computeResults(pulse, given, counts.sent + counts.interrupted);
  const doc: ResultsDoc = {
    id: pulseIds.results(pulse.pulseId),
    type: 'results',
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    results: { ...results, comments: results.comments && withinBytes(results.comments, STORED_COMMENT_BYTES) },
    unreachable: counts.failed,
    computedAt: clock().toISOString(),
  };
  // Another instance may have stored them a moment ago: theirs are the final ones.
  if (await pulses.createResults(doc)) return doc;
  return (await pulses.readResults(pulse.tenantId, pulse.pulseId)) ?? doc;
}

/** The results card's view of a pulse's final results (the card's and the dashboard's one source). */
export async function finalResultsView(
  stores: ResultStores,
  pulse: PulseDoc,
  clock: () => Date,
): Promise<PulseResultsView> {
  const { results, unreachable } = await finalResults(stores, pulse, clock);
  const view = { ...resultsView(pulse, results, unreachable), ...(await actionLines(stores.actions, pulse)) };
  const { series } = stores;
  return series ? { ...view, series: await seriesView({ pulses: stores.pulses, series }, pulse, results) } : view;
}

function withinBytes(lines: string[], budget: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    used += Buffer.byteLength(line, 'utf8');
    if (used > budget) break;
    kept.push(line);
  }
  return kept;
}
