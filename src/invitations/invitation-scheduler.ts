import type { Logger } from '../logging/logger';
import type { CampaignStore, ParticipationStore, TenantLeases } from '../storage/ports';
import type { CampaignUpkeep } from './campaign-upkeep';
import type { NudgeSender } from './nudge-sender';
import { PeriodicPass } from '../periodic-pass';

export interface InvitationSchedulerDeps {
  campaigns: CampaignStore;
  participation: ParticipationStore;
  upkeep: CampaignUpkeep;
  nudges: NudgeSender;
  leases: TenantLeases;
  /** This instance's name on the reminder lease. */
  owner: string;
  /** The tenants to look after; empty (local mode) means every tenant with an open campaign or someone waiting. */
  tenants: ReadonlySet<string>;
  logger: Logger;
  clock: () => Date;
  leaseMs: number;
  /** Reminders are looked for once per slot of this length (default five minutes), not on every tick. */
  nudgeEveryMs?: number;
}

const NUDGE_LEASE = 'nudges';
const NUDGE_EVERY_MS = 5 * 60_000;

/**
 * Open campaigns (fan-outs resumed, channel cards updated, closing) and reminders, driven from Cosmos so they survive
 * restarts. Reminders run under a per-tenant lease, so two instances ticking at once never both send them; each
 * reminder is also claimed on the person's document, so a later tick elsewhere finds it sent.
 */
export class InvitationScheduler {
  private readonly loop = new PeriodicPass(() => this.pass());
  /** Per tenant, the slot (of `nudgeEveryMs`, on the injected clock) whose reminder pass this instance ran. */
  private readonly nudgedInSlot = new Map<string, number>();

  constructor(private readonly deps: InvitationSchedulerDeps) {}

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; overlapping calls share the pass under way. */
  tick(): Promise<void> {
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    const { logger } = this.deps;
    try {
      for (const tenantId of await this.tenants()) {
        await this.campaigns(tenantId);
        await this.nudges(tenantId).catch((error: unknown) =>
          logger.error('nudge.schedule.failed', { tenantId, error: (error as Error).name }),
        );
      }
    } catch (error) {
      logger.error('invitation.schedule.failed', { error: (error as Error).name });
    }
  }

  private async tenants(): Promise<string[]> {
    if (this.deps.tenants.size > 0) return [...this.deps.tenants];
    const [withCampaigns, waiting] = await Promise.all([
      this.deps.campaigns.tenantsWithOpenCampaigns(),
      this.deps.participation.tenantsWaiting(),
    ]);
    return [...new Set([...withCampaigns, ...waiting])];
  }

  private async campaigns(tenantId: string): Promise<void> {
    for (const campaign of await this.deps.campaigns.openCampaigns(tenantId))
      await this.deps.upkeep.look(campaign).catch((error: unknown) =>
        this.deps.logger.error('invitation.schedule.failed', {
          tenantId,
          pulseId: campaign.pulseId,
          error: (error as Error).name,
        }),
      );
  }

  private async nudges(tenantId: string): Promise<void> {
    const { leases, owner, clock, leaseMs } = this.deps;
    const now = clock();
    const slot = Math.floor(now.getTime() / (this.deps.nudgeEveryMs ?? NUDGE_EVERY_MS));
    if (this.nudgedInSlot.get(tenantId) === slot) return;
    this.nudgedInSlot.set(tenantId, slot);
    if (!(await leases.acquire(tenantId, NUDGE_LEASE, owner, now, new Date(now.getTime() + leaseMs)))) return;
    try {
      await this.deps.nudges.run(tenantId);
    } finally {
      await leases.release(tenantId, NUDGE_LEASE, owner);
    }
  }
}
