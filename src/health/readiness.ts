import type { Logger } from '../logging/logger';

/** Cosmos gets this long to answer the readiness read; the platform's probe must not hang on a stalled database. */
export const COSMOS_READY_TIMEOUT_MS = 2_000;

export interface ReadinessDeps {
  /** One cheap Cosmos read; rejects when Cosmos cannot be reached or `signal` aborts it. */
  readCosmos(signal: AbortSignal): Promise<unknown>;
  /** The content pack the dialogs run on, once loaded. */
  pack(): { id: string; version: string } | undefined;
  /** The app's version (package.json). */
  version: string;
  logger: Logger;
  timeoutMs?: number;
}

export type ReadinessCheck = 'cosmos' | 'content-pack';

export type ReadinessReport =
  | { status: 200; body: { status: 'ready'; version: string; pack: { id: string; version: string } } }
  | { status: 503; body: { status: 'not ready'; failed: ReadinessCheck[]; message: string } };

const FAILURE_MESSAGES: Record<ReadinessCheck, string> = {
  cosmos: 'Cosmos DB cannot be reached right now.',
  'content-pack': 'The content pack is not loaded.',
};

/**
 * GET /readyz: ready when Cosmos answers a cheap read in time and the content pack is loaded. Requests arriving while a
 * check runs share it, so a flood of probes costs one Cosmos read at a time.
 */
export class Readiness {
  private running?: Promise<ReadinessReport>;

  constructor(private readonly deps: ReadinessDeps) {}

  check(): Promise<ReadinessReport> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<ReadinessReport> {
    const failed: ReadinessCheck[] = [];
    if (!(await this.cosmosAnswers())) failed.push('cosmos');
    const pack = this.deps.pack();
    if (!pack) failed.push('content-pack');
    if (failed.length > 0 || !pack) {
      this.deps.logger.warn('readiness.failed', { failed: failed.join(',') });
      return {
        status: 503,
        body: { status: 'not ready', failed, message: failed.map((check) => FAILURE_MESSAGES[check]).join(' ') },
      };
    }
    return { status: 200, body: { status: 'ready', version: this.deps.version, pack } };
  }

  private async cosmosAnswers(): Promise<boolean> {
    try {
      await this.deps.readCosmos(AbortSignal.timeout(this.deps.timeoutMs ?? COSMOS_READY_TIMEOUT_MS));
      return true;
    } catch (error) {
      this.deps.logger.warn('readiness.cosmos', { error: (error as Error).name });
      return false;
    }
  }
}
