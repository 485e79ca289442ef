import type { Logger } from './logging/logger';
import { ReadinessSnapshots } from './leadership/snapshots/readiness-snapshots';
import { SnapshotScheduler } from './leadership/snapshots/snapshot-scheduler';
import type { SummaryService } from './leadership/summary-service';
import type { CampaignStore, TenantLeases } from './storage/ports';
import type { Containers } from './storage/cosmos';
import { CosmosReadinessHistory } from './storage/readiness-history-store';

export interface SnapshotParts {
  snapshots: ReadinessSnapshots;
  scheduler: SnapshotScheduler;
}

/** Monthly readiness snapshots: the service (series for the dashboard, the digest's line) and its leased scheduler. */
export function composeSnapshots(options: {
  containers: Pick<Containers, 'tenants'>;
  summaries: SummaryService;
  campaigns: CampaignStore;
  leases: TenantLeases;
  tenants: () => Iterable<string>;
  logger: Logger;
  clock: () => Date;
}): SnapshotParts {
  const { summaries, campaigns, clock } = options;
  const snapshots = new ReadinessSnapshots({
    summaries,
    history: new CosmosReadinessHistory(options.containers.tenants),
    // The teams a pulse or campaign was started in: the ones the dashboard's team scopes know.
    teamsOf: async (tenantId) => [
      ...new Set((await campaigns.knownTeams(tenantId, 200)).map((team) => team.origin.rosterId)),
    ],
    clock,
  });
  const scheduler = new SnapshotScheduler({ ...options, snapshots });
  return { snapshots, scheduler };
}
