import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { TenantLeases } from '../../storage/ports';
import type { ReadinessSnapshots } from './readiness-snapshots';

export interface SnapshotSchedulerOptions {
  snapshots: ReadinessSnapshots;
  leases: TenantLeases;
  tenants: () => Iterable<string>;
  clock: () => Date;
  logger: Logger;
}

const LEASE_MS = 10 * 60 * 1000;
const LEASE_NAME = 'readiness-snapshot';

/**
 * Takes each tenant's monthly readiness snapshots: every tick, the holder of the tenant's `readiness-snapshot` lease
 * (kept and renewed; another instance takes it over once it expires) adds the current month's point to each scope that
 * lacks one (one conditional write per scope and month): the first tick of a month takes them, later ones only read.
 */
export class SnapshotScheduler {
  private readonly holder = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly options: SnapshotSchedulerOptions) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over the tenants; returns how many snapshots were added. Overlapping calls share the pass. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
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
