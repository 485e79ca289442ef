import type { Counters } from '../../src/aggregation/contributions';
import { OverlapGuard } from '../../src/leadership/overlap-guard';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';

/** The guard on published counters given in memory (the real counters are read in dashboard-overlap.test.ts). */
function guardOver(organisation: Record<string, Counters>, team: Record<string, Counters>) {
  return new OverlapGuard({
    publishedCounters: async (_tenantId, teamId) => new Map(Object.entries(teamId ? team : organisation)),
    thresholds: DEFAULT_THRESHOLDS,
  });
}
const metric = (n: number, pairPeople: number): Counters => ({
  'employee:n': n,
  'employee:pairPeople:revenue>win-rate': pairPeople,
});

describe('the overlap guard on counters (k = 5)', () => {
  it('withholds when a success metric the team shows has a few more people behind it in the organisation', async () => {
    const guard = guardOver({ 'sm-metrics': metric(10, 6) }, { 'sm-metrics': metric(5, 5) });
    await expect(guard.summaryRevealsOutsiders('t', 'team')).resolves.toBe(true);
  });

  it('passes when that metric has none or at least 5 more', async () => {
    for (const outside of [0, 5]) {
      const guard = guardOver({ 'sm-metrics': metric(10, 5 + outside) }, { 'sm-metrics': metric(5, 5) });
      await expect(guard.summaryRevealsOutsiders('t', 'team')).resolves.toBe(false);
    }
  });

  it('compares only what the team shows: a few outsiders on a question the team has under 5 on is not a difference', async () => {
    const guard = guardOver(
      { 'lb-commitment': { 'leader:n': 3, 'leader:rating:rated': 3 } },
      { 'lb-commitment': { 'leader:n': 0 } },
    );
    await expect(guard.summaryRevealsOutsiders('t', 'team')).resolves.toBe(false);
  });

  it('counts a difference either way (the team’s batch published before the organisation’s)', async () => {
    const guard = guardOver(
      { 'rd-skills': { 'employee:n': 10, 'employee:rating:rated': 10 } },
      { 'rd-skills': { 'employee:n': 11, 'employee:rating:rated': 11 } },
    );
    await expect(guard.summaryRevealsOutsiders('t', 'team')).resolves.toBe(true);
  });
});
