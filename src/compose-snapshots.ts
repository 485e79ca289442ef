import { OverlapGuard } from './leadership/overlap-guard';
import type { Logger } from './logging/logger';
import { ReadinessSnapshots, SNAPSHOT_TEAMS } from './leadership/snapshots/readiness-snapshots';
import { SnapshotScheduler } from './leadership/snapshots/snapshot-scheduler';
import type { SummaryService } from './leadership/summary-service';
import type { TenantLeases } from './storage/ports';
import type { Containers } from './storage/cosmos';
import { CosmosReadinessHistory } from './storage/readiness-history-store';
import { recentTeamIds } from './storage/recent-teams';

export interface SnapshotParts {
  snapshots: ReadinessSnapshots;
  scheduler: SnapshotScheduler;
}

/** Monthly readiness snapshots: the service (series for the dashboard, the digest's line) and its leased scheduler. */
export function composeSnapshots(options: {
  containers: Pick<Containers, 'tenants' | 'pulses'>;
  summaries: SummaryService;
  leases: TenantLeases;
  tenants: () => Iterable<string>;
  logger: Logger;
  clock: () => Date;
}): SnapshotParts {
  const { summaries, containers, clock } = options;
  const overlap = new OverlapGuard(summaries);
  const snapshots = new ReadinessSnapshots({
    summaries,
    history: new CosmosReadinessHistory(containers.tenants),
    // The teams a pulse or campaign was started in: the ones the dashboard's team scopes know.
    teamsOf: (tenantId) => recentTeamIds(containers.pulses, tenantId, SNAPSHOT_TEAMS),
    withheld: (tenantId, teamId) => overlap.summaryRevealsOutsiders(tenantId, teamId),
    clock,
  });
  const scheduler = new SnapshotScheduler({ ...options, snapshots });
  return { snapshots, scheduler };
}
