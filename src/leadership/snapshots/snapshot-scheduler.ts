import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { TenantLeases } from '../../storage/ports';
import type { ReadinessSnapshots } from './readiness-snapshots';
import { PeriodicPass } from '../../periodic-pass';

export interface SnapshotSchedulerOptions {
  snapshots: ReadinessSnapshots;
  leases: TenantLeases;
  tenants: () => Iterable<string>;
  clock: () => Date;
  logger: Logger;
  /** How long after start the first tick runs (default 30 s): a restart does not wait a whole interval. */
  firstTickMs?: number;
}

const LEASE_MS = 10 * 60 * 1000;
const LEASE_NAME = 'readiness-snapshot';
const FIRST_TICK_MS = 30_000;

/**
 * Takes each tenant's monthly readiness snapshots: every tick, the holder of the tenant's `readiness-snapshot` lease
 * (kept and renewed; another instance takes it over once it expires) adds the current month's point to each scope that
 * lacks one (one conditional write per scope and month): the first tick of a month takes them, later ones only read.
 */
export class SnapshotScheduler {
  private readonly holder = randomUUID();
  private readonly passes = new PeriodicPass(() => this.pass());

  constructor(private readonly options: SnapshotSchedulerOptions) {}

  /** Ticks every `intervalMs`, and once shortly after start. */
  start(intervalMs: number): void {
    this.passes.start(intervalMs, this.options.firstTickMs ?? FIRST_TICK_MS);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over the tenants; returns how many snapshots were added. Overlapping calls share the pass. */
  tick(): Promise<number> {
    return this.passes.run();
  }

  private async pass(): Promise<number> {
    const { leases, clock, logger, snapshots } = this.options;
    let added = 0;
    for (const tenantId of new Set(this.options.tenants())) {
      try {
        const now = clock();
        if (!(await leases.acquire(tenantId, LEASE_NAME, this.holder, now, new Date(now.getTime() + LEASE_MS))))
          continue;
        added += await snapshots.takeMonthly(tenantId);
      } catch (error) {
        logger.error('snapshot.failed', { tenantId, error: (error as Error).name });
      }
    }
    if (added > 0) logger.info('snapshot.taken', { added });
    return added;
  }
}
