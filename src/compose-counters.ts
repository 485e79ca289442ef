import { AggregateQueue } from './aggregation/aggregate-queue';
import type { OwedChanges } from './aggregation/owed-changes';
import { OwedHeld } from './aggregation/owed-held';
import { OwedSweeper } from './aggregation/owed-sweeper';
import type { Logger } from './logging/logger';
import type { Stores } from './storage/ports';

export interface CountersOptions {
  stores: Pick<Stores, 'aggregates' | 'instances' | 'owedPeople'>;
  logger: Logger;
  clock: () => Date;
  /** How long a counter change waits for others to the same document before they are written together. */
  flushMs?: number;
  /** How often this instance beats and sweeps, and after how long without a heartbeat an instance counts as stopped. */
  beatEveryMs?: number;
  sweepEveryMs?: number;
  deadAfterMs?: number;
}

export interface CountersParts {
  queue: AggregateQueue;
  /** After writing what this instance owes (2 s at most): whether the counters hold all these owed changes. */
  owedHeld(tenantId: string, owed: readonly OwedChanges[]): Promise<boolean>;
  /** The same for every change owed in the tenant (before a rebuild overwrites the counters). */
  tenantOwedHeld(tenantId: string): Promise<boolean>;
  /**
   * Registers this instance (before its first turn, so no sweep takes it for a stopped one) and starts sweeping. A
   * Cosmos DB that cannot be reached yet does not stop the start (readiness says so); the next round registers it.
   */
  start(): Promise<void>;
  /** Stops sweeping and writes what is owed (COUNTERS_CLOSE_MS each at most); what is left, another instance applies. */
  close(): Promise<void>;
}

const FLUSH_MS = 50;
const BEAT_EVERY_MS = 15_000;
const SWEEP_EVERY_MS = 30_000;
const DEAD_AFTER_MS = 60_000;
/** How long a check of owed changes first waits for this instance's own to be written. */
const SETTLE_BEFORE_CHECK_MS = 2_000;
/** Shutdown waits this long at most for a sweep under way and for the counters still owed (each). */
export const COUNTERS_CLOSE_MS = 2_500;

/** The counters behind the turns: the queue that applies them and the sweep that finishes what stopped instances owed. */
export function composeCounters(options: CountersOptions): CountersParts {
  const { stores, logger, clock } = options;
  const queue = new AggregateQueue({
    store: stores.aggregates,
    flushMs: options.flushMs ?? FLUSH_MS,
    onFailure: (tenantId, questionId, error) =>
      logger.warn('aggregate.retrying', { tenantId, questionId, error: errorName(error) }),
    clock,
  });
  const sweeper = new OwedSweeper({
    queue,
    instances: stores.instances,
    people: stores.owedPeople,
    aggregates: stores.aggregates,
    deadAfterMs: options.deadAfterMs ?? DEAD_AFTER_MS,
  });
  const owedHeld = async (tenantId: string, owed: readonly OwedChanges[]) => {
    await queue.settle(SETTLE_BEFORE_CHECK_MS);
    return new OwedHeld(queue, stores.aggregates).allHeld(tenantId, owed);
  };
  return {
    queue,
    owedHeld,
    async tenantOwedHeld(tenantId) {
      const people = await stores.owedPeople.inTenant(tenantId);
      return owedHeld(
        tenantId,
        people.flatMap((person) => person.owed),
      );
    },
    async start() {
      await sweeper.beat().catch((error: unknown) => logger.warn('owed.beat-failed', { error: errorName(error) }));
      sweeper.start(options.beatEveryMs ?? BEAT_EVERY_MS, options.sweepEveryMs ?? SWEEP_EVERY_MS, (outcome) => {
        if ('error' in outcome) logger.warn('owed.sweep-failed', { error: errorName(outcome.error) });
        else if (outcome.applied + outcome.dropped + outcome.failed > 0) logger.info('owed.swept', { ...outcome });
      });
    },
    async close() {
      await sweeper.stop(COUNTERS_CLOSE_MS);
      if (!(await queue.close(COUNTERS_CLOSE_MS))) logger.warn('aggregate.owed-left', { backlog: queue.backlog });
      // Said at once, so another instance's next sweep applies what is left, rather than a minute from now.
      await stores.instances
        .markStopped(queue.instanceId)
        .catch((error: unknown) => logger.warn('owed.beat-failed', { error: errorName(error) }));
    },
  };
}

/** The error's name for the log, whatever was thrown (never its message: it could quote a document). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
