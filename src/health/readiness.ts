import type { Logger } from '../logging/logger';

/** Cosmos gets this long to answer the readiness read; the platform's probe must not hang on a stalled database. */
export const COSMOS_READY_TIMEOUT_MS = 2_000;
/** How long a result is reused: the platform and load balancers probe often, and each check is a Cosmos read. */
export const READY_CACHE_MS = 10_000;
/** Shorter when not ready, so an instance returns to rotation soon after Cosmos is back. */
export const NOT_READY_CACHE_MS = 2_000;

export interface ReadinessDeps {
  /** One cheap Cosmos read; rejects when Cosmos cannot be reached or `signal` aborts it. */
  readCosmos(signal: AbortSignal): Promise<unknown>;
  /** The content pack the dialogs run on (the app does not start without one). */
  pack: { id: string; version: string };
  /** The app's version (package.json). */
  version: string;
  logger: Logger;
  timeoutMs?: number;
  /** Milliseconds now (the app's clock), for how long a result is reused. */
  now?: () => number;
}

export type ReadinessCheck = 'cosmos';

export type ReadinessReport =
  | { status: 200; body: { status: 'ready'; version: string; pack: { id: string; version: string } } }
  | { status: 503; body: { status: 'not ready'; failed: ReadinessCheck[]; message: string } };

const FAILURE_MESSAGES: Record<ReadinessCheck, string> = {
  cosmos: 'Cosmos DB cannot be reached right now.',
};

/**
 * GET /readyz: ready when Cosmos answers a cheap read in time (a bad content pack stops start-up, so the pack is not
 * checked here; the report names it). Requests arriving while a check runs share it, and its result is reused for
 * 10 s (2 s when not ready), so probes cost at most one Cosmos read per interval. `readiness.failed` is logged when
 * the instance becomes not ready, `readiness.restored` when it is back.
 */
export class Readiness {
  private running?: Promise<ReadinessReport>;
  private last?: { report: ReadinessReport; at: number };

  constructor(private readonly deps: ReadinessDeps) {}

  check(): Promise<ReadinessReport> {
    const now = this.now();
    if (this.last && now - this.last.at < (this.last.report.status === 200 ? READY_CACHE_MS : NOT_READY_CACHE_MS))
      return Promise.resolve(this.last.report);
    this.running ??= this.run()
      .then((report) => this.remember(report))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private remember(report: ReadinessReport): ReadinessReport {
    const previous = this.last?.report.status;
    this.last = { report, at: this.now() };
    if (report.status === 503 && previous !== 503)
      this.deps.logger.warn('readiness.failed', { failed: report.body.failed.join(',') });
    if (report.status === 200 && previous === 503) this.deps.logger.info('readiness.restored');
    return report;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async run(): Promise<ReadinessReport> {
    if (!(await this.cosmosAnswers())) {
      const failed: ReadinessCheck[] = ['cosmos'];
      return {
        status: 503,
        body: { status: 'not ready', failed, message: failed.map((check) => FAILURE_MESSAGES[check]).join(' ') },
      };
    }
    return { status: 200, body: { status: 'ready', version: this.deps.version, pack: this.deps.pack } };
  }

  private async cosmosAnswers(): Promise<boolean> {
    try {
      await this.deps.readCosmos(AbortSignal.timeout(this.deps.timeoutMs ?? COSMOS_READY_TIMEOUT_MS));
      return true;
    } catch (error) {
      if (this.last?.report.status !== 503) this.deps.logger.warn('readiness.cosmos', { error: (error as Error).name });
      return false;
    }
  }
}
