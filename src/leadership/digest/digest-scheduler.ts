import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { Telemetry } from '../../telemetry/telemetry';
import type { DigestDoc, DigestStore } from '../../storage/ports';
import { timeZoneOrUtc } from '../../domain/time-zones';
import { nextDigestAt } from './digest-schedule';
import { PeriodicPass } from '../../periodic-pass';

/** Sends one digest; false when the subscriber may no longer have it (no longer a leader). */
export type DigestSend = (subscription: DigestDoc) => Promise<boolean>;

export interface DigestSchedulerOptions {
  store: DigestStore;
  /** The tenants to look at: the allowed tenants, plus those that subscribed in this process (local mode). */
  tenants: () => Iterable<string>;
  send: DigestSend;
  clock: () => Date;
  logger: Logger;
  /** Told of each digest that went out (nothing by default). */
  telemetry?: Telemetry;
  intervalMs?: number;
}

const LEASE_MS = 5 * 60 * 1000;

/**
 * Sends due digests. Subscriptions and their next due time live in Cosmos, so a restart picks up where it was; a lease
 * per tenant makes one instance the sender. A digest is marked sent after it went out (a crash in between can send
 * it once more, never lose it).
 */
export class DigestScheduler {
  private readonly holder = randomUUID();
  private readonly passes = new PeriodicPass(() => this.pass());

  constructor(private readonly options: DigestSchedulerOptions) {}

  start(): void {
    this.passes.start(this.options.intervalMs ?? 60_000);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over the tenants; returns how many digests were sent. Overlapping calls share the pass. */
  tick(): Promise<number> {
    return this.passes.run();
  }

  private async pass(): Promise<number> {
    const { store, clock, logger } = this.options;
    let sent = 0;
    for (const tenantId of new Set(this.options.tenants())) {
      try {
        const now = clock();
        if (!(await store.acquireLease(tenantId, this.holder, now, new Date(now.getTime() + LEASE_MS)))) continue;
        for (const due of await store.due(tenantId, now)) {
          const subscription = due.doc;
          // One failed send (a leader who blocked the bot, say) must not hold up the others or repeat every minute.
          const delivered = await this.options.send(subscription).catch((error: unknown) => {
            logger.error('digest.send-failed', { tenantId, error: (error as Error).name });
            return false;
          });
          await store.markSent(due, now, nextAfter(subscription, now));
          if (delivered) {
            sent++;
            this.options.telemetry?.digestSent();
          }
        }
      } catch (error) {
        logger.error('digest.failed', { tenantId, error: (error as Error).name });
      }
    }
    return sent;
  }
}

/** The next due time after `now` (a process that was down for weeks sends one digest, not one per missed period). */
function nextAfter(subscription: DigestDoc, now: Date): Date {
  const zone = timeZoneOrUtc(subscription.timeZone);
  let next = nextDigestAt(new Date(subscription.nextDueAt), subscription.frequency, zone);
  while (next <= now) next = nextDigestAt(next, subscription.frequency, zone);
  return next;
}
