import { performance } from 'node:perf_hooks';
import type { Container } from '@azure/cosmos';

/** Client-side latencies of single Cosmos calls, one at a time, through the app's own client settings. */
export interface RoundTrips {
  upsert: number[];
  patch: number[];
}

const PROBE_ID = 'bench-probe';

/**
 * How long one Cosmos call takes from the SDK to the embedded server and back when nothing else runs: the floor
 * under a turn that makes three of them in a row. Writes one scratch document in its own partition.
 */
export async function probeRoundTrips(container: Container, calls = 200, warmUp = 50): Promise<RoundTrips> {
  const result: RoundTrips = { upsert: [], patch: [] };
  const item = container.item(PROBE_ID, PROBE_ID);
  for (let call = 0; call < warmUp + calls; call += 1) {
    let started = performance.now();
    await container.items.upsert({ id: PROBE_ID, tenantId: PROBE_ID, n: call });
    const upsert = performance.now() - started;
    started = performance.now();
    await item.patch([{ op: 'incr', path: '/n', value: 1 }]);
    const patch = performance.now() - started;
    if (call < warmUp) continue;
    result.upsert.push(upsert);
    result.patch.push(patch);
  }
  return result;
}
