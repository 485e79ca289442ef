import type { PulseStore } from '../storage/pulse-store';
import { computeResults } from './results';
import { pulseIds, type PulseDoc, type ResultsDoc } from './types';

/** Bytes of comments a stored result keeps: far more than a card shows, and well inside a 2 MB document. */
const STORED_COMMENT_BYTES = 1_000_000;

/**
 * The results of a closed pulse, computed once and stored with it, so that showing them again (a second close, the
 * results posted at the deadline, another instance) always shows the same figures. No response can land after the
 * close (see response-batch.ts); a crash between closing and storing only means the next look computes them.
 */
export async function finalResults(store: PulseStore, pulse: PulseDoc, clock: () => Date): Promise<ResultsDoc> {
  const stored = await store.readResults(pulse.tenantId, pulse.pulseId);
  if (stored) return stored;
  const [responses, counts] = await Promise.all([
    store.anonymousResponses(pulse.tenantId, pulse.pulseId),
    store.deliveryCounts(pulse.tenantId, pulse.pulseId),
  ]);
  const results = computeResults(pulse, responses, counts.sent + counts.interrupted);
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
  if (await store.createResults(doc)) return doc;
  return (await store.readResults(pulse.tenantId, pulse.pulseId)) ?? doc;
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
