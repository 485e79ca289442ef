import type { Logger } from '../logging/logger';
import type { PulseStore } from '../storage/ports';
import type { PulseJobs } from './delivery/pulse-jobs';
import type { PulseService } from './pulse-service';
import type { SeriesRuns } from './series/series-runs';
import type { PulseDoc } from '../domain/pulse-docs';
import { PeriodicPass } from '../periodic-pass';

export interface PulseSchedulerDeps {
  pulses: PulseStore;
  service: PulseService;
  jobs: PulseJobs;
  /** Creates recurring pulses' runs when due. */
  seriesRuns: SeriesRuns;
  /** The tenants to look after; empty (local mode) means every tenant with a scheduled pulse. */
  tenants: ReadonlySet<string>;
  logger: Logger;
  clock: () => Date;
  /** How often the channel card may be updated with a new count. */
  channelCardIntervalMs: number;
}

/**
 * Recurring pulses' runs, deadlines, reminders, results still to post, resumed fan-outs and the channel card's live count, all driven from
 * the pulse documents in Cosmos, so they survive restarts. Every action is claimed with an ETag-conditional write (or
 * the send lease), so when several instances tick at once exactly one acts.
 */
export class PulseScheduler {
  private readonly loop = new PeriodicPass(() => this.pass());

  constructor(private readonly deps: PulseSchedulerDeps) {}

  /** Ticks every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass over the scheduled pulses; overlapping calls share the pass under way. */
  tick(): Promise<void> {
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    const { pulses, logger } = this.deps;
    try {
      const tenants =
        this.deps.tenants.size > 0
          ? [...this.deps.tenants]
          : [...new Set([...(await pulses.tenantsWithScheduledPulses()), ...(await this.deps.seriesRuns.tenants())])];
      // One tenant's failure (a query that fails) must not hold up the others.
      for (const tenantId of tenants)
        await this.tenantPass(tenantId).catch((error: unknown) =>
          logger.error('pulse.schedule.failed', { tenantId, error: (error as Error).name }),
        );
    } catch (error) {
      logger.error('pulse.schedule.failed', { error: (error as Error).name });
    }
  }

  private async tenantPass(tenantId: string): Promise<void> {
    await this.deps.seriesRuns.runDue(tenantId);
    for (const pulse of await this.deps.pulses.scheduledPulses(tenantId)) {
      await this.look(pulse).catch((error: unknown) =>
        this.deps.logger.error('pulse.schedule.failed', {
          tenantId,
          pulseId: pulse.pulseId,
          error: (error as Error).name,
        }),
      );
    }
  }

  private async look(pulse: PulseDoc): Promise<void> {
    const { service, jobs, clock } = this.deps;
    const now = clock().getTime();
    if (pulse.status === 'closed') {
      await service.postDueResults(pulse.tenantId, pulse.pulseId);
      return;
    }
    if (Date.parse(pulse.deadline) <= now) {
      await service.closeAtDeadline(pulse.tenantId, pulse.pulseId);
      return;
    }
    if (pulse.fanOut.phase !== 'done') {
      jobs.send(pulse.tenantId, pulse.pulseId);
      return;
    }
    if (pulse.reminderAt && !pulse.remindedAt && Date.parse(pulse.reminderAt) <= now) {
      if (await this.claim(pulse, { remindedAt: new Date(now).toISOString(), reminderRound: 'sending' }))
        jobs.remind(pulse.tenantId, pulse.pulseId);
      return;
    }
    // A round cut short by a crash or a shutdown; the send lease keeps it to one instance.
    if (pulse.reminderRound === 'sending') jobs.remind(pulse.tenantId, pulse.pulseId);
    const shownAt = pulse.shownAt ? Date.parse(pulse.shownAt) : 0;
    if (pulse.responses !== (pulse.shownResponses ?? 0) && now - shownAt >= this.deps.channelCardIntervalMs) {
      const claimed = await this.claim(pulse, {
        shownResponses: pulse.responses,
        shownAt: new Date(now).toISOString(),
      });
      if (claimed) await service.refreshChannelCard(claimed);
    }
  }

  /** Writes the change only if nobody changed the pulse since it was read; the updated pulse, or undefined. */
  private async claim(pulse: PulseDoc, change: Partial<PulseDoc>): Promise<PulseDoc | undefined> {
    const current = await this.deps.pulses.readPulse(pulse.tenantId, pulse.pulseId);
    if (!current || current.doc.status !== 'open') return undefined;
    const next = { ...current.doc, ...change };
    return (await this.deps.pulses.replacePulse(next, current.etag)) ? next : undefined;
  }
}
