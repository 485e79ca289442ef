import { isoDate, wallTimeAt } from '../domain/time-zones';
import { isWorkingTime } from '../invitations/working-hours';
import type { TenantLeases } from '../storage/ports';
import type { ActionDeps } from './action-deps';
import type { ActionOwner } from './action-owner';
import { PeriodicPass } from '../periodic-pass';

const LEASE = 'action-reminders';
/** Reminders looked at per tenant and pass; the rest wait for the next pass. */
const BATCH = 50;

export interface ActionReminderDeps extends ActionDeps {
  leases: TenantLeases;
  /** This instance's name on the lease. */
  owner: string;
  /** The tenants to look in; empty (local mode) means every tenant with a reminder due. */
  tenants: ReadonlySet<string>;
  leaseMs: number;
}

/**
 * The day-before reminders of open actions, in the owner's working hours (the action's zone), at most once each: one
 * instance per tenant (a lease), and each reminder claimed on its document before it is sent, so a crash between the
 * claim and the send loses that reminder rather than sending it twice.
 */
export class ActionReminders {
  private readonly loop = new PeriodicPass(() => this.pass());

  constructor(
    private readonly deps: ActionReminderDeps,
    private readonly sender: ActionOwner,
  ) {}

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
    const { deps } = this;
    try {
      const tenants =
        deps.tenants.size > 0 ? [...deps.tenants] : await deps.actions.tenantsWithDueReminders(deps.clock());
      for (const tenantId of tenants)
        await this.inTenant(tenantId).catch((error: unknown) =>
          deps.logger.error('action.reminders.failed', { tenantId, error: (error as Error).name }),
        );
    } catch (error) {
      deps.logger.error('action.reminders.failed', { error: (error as Error).name });
    }
  }

  private async inTenant(tenantId: string): Promise<void> {
    const { leases, owner, clock, leaseMs, actions } = this.deps;
    const now = clock();
    if (!(await leases.acquire(tenantId, LEASE, owner, now, new Date(now.getTime() + leaseMs)))) return;
    try {
      for (const due of await actions.dueReminders(tenantId, now, BATCH)) {
        // Past its due day (the bot was down, or out of working hours since): a reminder would come too late; it is
        // claimed without a send so it no longer holds the batch.
        if (due.dueDate < isoDate(wallTimeAt(now, due.timeZone)))
          await this.remind(tenantId, due.pulseId, due.actionId, false);
        else if (isWorkingTime(now, due.timeZone)) await this.remind(tenantId, due.pulseId, due.actionId, true);
      }
    } finally {
      await leases.release(tenantId, LEASE, owner);
    }
  }

  private async remind(tenantId: string, pulseId: string, actionId: string, send: boolean): Promise<void> {
    const { actions, clock, logger } = this.deps;
    const stored = await actions.readAction(tenantId, pulseId, actionId);
    if (!stored || stored.doc.status !== 'open' || stored.doc.remindedAt) return;
    const claimed = { ...stored.doc, remindedAt: clock().toISOString() };
    if (!(await actions.replaceAction(claimed, stored.etag)) || !send) return;
    try {
      if (await this.sender.send(claimed, true)) logger.info('action.reminded', { tenantId, pulseId, actionId });
    } catch (error) {
      logger.warn('action.remind.failed', { tenantId, pulseId, status: (error as { status?: number }).status });
    }
  }
}
