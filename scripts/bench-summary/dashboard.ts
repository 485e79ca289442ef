import { performance } from 'node:perf_hooks';
import type { DashboardOverview } from '../../src/dashboard/api-types';
import { summarize, type LatencySummary } from '../bench/stats';

/**
 * `repeats` GETs of the dashboard's organisation overview as `leader` (local mode: the identity in the query), each
 * checked for figures: their latencies.
 */
export async function measureOverview(
  baseUrl: string,
  tenantId: string,
  leader: string,
  repeats: number,
): Promise<LatencySummary> {
  const url = `${baseUrl}/api/dashboard/overview?${new URLSearchParams({ tenant: tenantId, user: leader })}`;
  const latencies: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const response = await fetch(url);
    const body = (await response.json()) as DashboardOverview;
    latencies.push(performance.now() - started);
    if (response.status !== 200 || body.figures.participation.people === null)
      throw new Error(`dashboard overview failed (${response.status})`);
  }
  return summarize(latencies);
}
