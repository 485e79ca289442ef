import { AggregateQueue } from './aggregation/aggregate-queue';
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
  sweepEveryMs?: number;
  deadAfterMs?: number;
}

export interface CountersParts {
  queue: AggregateQueue;
  /**
   * Registers this instance (before its first turn, so no sweep takes it for a stopped one) and starts sweeping. A
   * Cosmos DB that cannot be reached yet does not stop the start (readiness says so); the next round registers it.
   */
  start(): Promise<void>;
  /** Stops sweeping and writes what is owed within `timeoutMs`; what is left, another instance applies. */
  close(timeoutMs: number): Promise<void>;
}

const FLUSH_MS = 50;
const SWEEP_EVERY_MS = 15_000;
const DEAD_AFTER_MS = 60_000;

/** The counters behind the turns: the queue that applies them and the sweep that finishes what stopped instances owed. */
export function composeCounters(options: CountersOptions): CountersParts {
  const { stores, logger, clock } = options;
  const queue = new AggregateQueue({
    store: stores.aggregates,
    flushMs: options.flushMs ?? FLUSH_MS,
    onFailure: (tenantId, questionId, error) =>
      logger.error('aggregate.failed', { tenantId, questionId, error: (error as Error).name }),
    clock,
  });
  const sweeper = new OwedSweeper({
    queue,
    instances: stores.instances,
    people: stores.owedPeople,
    aggregates: stores.aggregates,
    clock,
    deadAfterMs: options.deadAfterMs ?? DEAD_AFTER_MS,
  });
  return {
    queue,
    async start() {
      await sweeper.beat().catch((error: unknown) => logger.warn('owed.beat-failed', { error: (error as Error).name }));
      sweeper.start(options.sweepEveryMs ?? SWEEP_EVERY_MS, (outcome) => {
        if ('error' in outcome) logger.warn('owed.sweep-failed', { error: (outcome.error as Error).name });
        else if (outcome.applied + outcome.dropped > 0) logger.info('owed.swept', { ...outcome });
      });
    },
    async close(timeoutMs) {
      await sweeper.stop();
      if (!(await queue.close(timeoutMs))) logger.warn('aggregate.owed-left', { backlog: queue.backlog });
    },
  };
}
