import type { Logger } from '../../logging/logger';
import type { FanOut, FanOutOutcome } from './fan-out';
import type { SendJob, SendJobKind } from './send-job';

/**
 * Runs fan-outs (of pulses and invitation campaigns) and reminder rounds in the background of this instance, at most
 * one per job at a time here; the send lease keeps other instances out.
 */
export class PulseJobs {
  private readonly running = new Map<string, Promise<FanOutOutcome | undefined>>();
  private stopping = false;

  constructor(
    private readonly fanOut: FanOut,
    private readonly logger: Logger,
  ) {}

  /** Starts (or resumes) sending a pulse unless this instance is already at it. */
  send(tenantId: string, pulseId: string): void {
    this.start(tenantId, pulseId, 'send', () => this.fanOut.run(tenantId, pulseId));
  }

  /** Starts a reminder round. */
  remind(tenantId: string, pulseId: string): void {
    this.start(tenantId, pulseId, 'remind', () => this.fanOut.remind(tenantId, pulseId));
  }

  /** Starts (or resumes) sending any other kind of job, e.g. an invitation campaign. */
  sendJob<J extends SendJob>(kind: SendJobKind<J>, tenantId: string, jobId: string): void {
    this.start(tenantId, jobId, kind.name, () => this.fanOut.runJob(kind, tenantId, jobId));
  }

  /** Resolves when every job started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Shutdown: starts nothing more and lets the jobs under way stop after their current sends (see FanOut.stop). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.fanOut.stop();
    await this.idle();
  }

  private start(tenantId: string, pulseId: string, kind: string, job: () => Promise<FanOutOutcome>): void {
    const key = `${tenantId}|${pulseId}`;
    if (this.running.has(key)) return;
    if (this.stopping) {
      this.logger.info('pulse.job.not-started', { tenantId, pulseId, kind, reason: 'shutting down' });
      return;
    }
    const run = job()
      .then((outcome) => {
        this.logger.info('pulse.job.finished', { tenantId, pulseId, kind, outcome });
        return outcome;
      })
      .catch((error: unknown) => {
        // The ledger keeps the progress: the scheduler's next tick resumes from it.
        this.logger.error('pulse.job.failed', { tenantId, pulseId, kind, error: (error as Error).name });
        return undefined;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }
}
