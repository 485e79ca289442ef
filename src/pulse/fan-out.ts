import type { Logger } from '../logging/logger';
import { noTelemetry, type Telemetry } from '../telemetry/telemetry';
import type { DeliveryLedger, PulseStore, Versioned } from '../storage/ports';
import { isRecipient } from './audience';
import { failureReason, newDelivery, requeueInFlight } from './delivery-ledger';
import { runPagedPool } from './paged-pool';
import { RateLimitedChannel } from './rate-limited-channel';
import type { TenantRateLimiters } from './rate-limiter';
import { DEFAULT_RETRY, withRetries, type Attempted, type RetryPolicy } from './retry';
import type { HeldLease, SendLeases } from './send-lease';
import type { OutgoingCard, TeamsChannel } from './teams-channel';
import { minimumAudience } from './thresholds';
import type { DeliveryDoc, PulseDoc } from '../domain/pulse-docs';

/** The cards a fan-out sends, built by the caller (the card renderer lives outside this module). */
export interface FanOutCards {
  /** The 1:1 card with the pulse's questions. */
  response(pulse: PulseDoc, delivery: DeliveryDoc): OutgoingCard;
  /** The same card with a reminder at the top. */
  reminder(pulse: PulseDoc, delivery: DeliveryDoc): OutgoingCard;
  /** The channel's pulse card with the live response count. */
  channel(pulse: PulseDoc): OutgoingCard;
}

export interface FanOutOptions {
  /** Recipients handled at once; the rate limiter, not this, sets the pace. */
  concurrency: number;
  rosterPageSize: number;
  ledgerPageSize: number;
  retry: RetryPolicy;
}

/** Passes over the ledger in one run: the first, and the ones after it that found entries to send again. */
const SEND_PASSES = 3;

export const DEFAULT_FAN_OUT: FanOutOptions = {
  concurrency: 16,
  rosterPageSize: 500,
  ledgerPageSize: 200,
  retry: DEFAULT_RETRY,
};

export interface FanOutDeps {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  leases: SendLeases;
  cards: FanOutCards;
  logger: Logger;
  clock: () => Date;
  /** Told of each person a pulse or reminder did not reach (nothing by default). */
  telemetry?: Telemetry;
  sleep?: (ms: number) => Promise<void>;
  options?: Partial<FanOutOptions>;
}

/**
 * `busy`: another instance holds the lease; `lost-lease`: it was taken over mid-run; `closed`: nothing to send;
 * `stopped`: this instance is shutting down (the ledger holds the progress for whoever carries on).
 */
export type FanOutOutcome = 'done' | 'busy' | 'lost-lease' | 'closed' | 'missing' | 'stopped';

class LeaseLost extends Error {
  override name = 'LeaseLost';
}

class Stopping extends Error {
  override name = 'Stopping';
}

/**
 * Sends a pulse to every member of the roster, one 1:1 message each, resumable from the ledger in Cosmos:
 * roster pages → `queued` entries → for each, `sending` (conditional on its ETag) → create conversation → send →
 * `sent` or `failed` with the reason. Only the holder of the pulse's lease sends.
 */
export class FanOut {
  private readonly options: FanOutOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly telemetry: Telemetry;
  private stopping = false;

  constructor(private readonly deps: FanOutDeps) {
    this.options = { ...DEFAULT_FAN_OUT, ...deps.options };
    // So that each re-read of `queued` finds new entries on its first page, past the ones still under way.
    if (this.options.ledgerPageSize <= 2 * this.options.concurrency)
      throw new RangeError('a ledger page must hold more than twice the fan-out concurrency');
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.telemetry = deps.telemetry ?? noTelemetry;
  }

  /**
   * Shutdown: no new recipient is started and no new page read; sends under way finish, each run releases its lease
   * and resolves `stopped`, and another instance (or this one restarted) carries on from the ledger. A crash (no
   * shutdown) leaves the lease to expire and the sends under way `sending`: the next run sends those again.
   */
  stop(): void {
    this.stopping = true;
  }

  /** Sends (or continues sending) a pulse. Safe to call on several instances at once, and again after a crash. */
  run(tenantId: string, pulseId: string): Promise<FanOutOutcome> {
    return this.withOpenPulse(tenantId, pulseId, async (pulse, channel, lease) => {
      await this.postChannelCard(pulse, channel);
      const audience = await this.readRoster(pulse, channel, lease);
      if (!(await this.audienceLargeEnough(pulse, audience, channel))) return;
      // What a sender that died left `sending` goes out again; so, after a pass, does an entry whose `sending` write
      // landed but was reported lost (a dropped connection).
      const requeue = () => requeueInFlight(this.deps.ledger, pulse, this.deps.clock, this.deps.logger);
      await requeue();
      await this.sendQueued(pulse, channel, lease);
      for (let pass = 1; pass < SEND_PASSES && (await requeue()) > 0; pass++)
        await this.sendQueued(pulse, channel, lease);
      await this.deps.pulses.markFanOutDone(tenantId, pulseId);
      this.deps.logger.info('pulse.fan-out.done', { tenantId, pulseId });
    });
  }

  /**
   * Sends the reminder card to everyone who got the pulse (or, marked by an earlier version, may have: `interrupted`)
   * and has not answered. Each person is marked reminded before their send, so a round cut short (a crash, a shutdown)
   * can simply be run again: the scheduler does so until the round is recorded as done, and nobody is reminded twice.
   */
  remind(tenantId: string, pulseId: string): Promise<FanOutOutcome> {
    return this.withOpenPulse(tenantId, pulseId, async (pulse, channel, lease) => {
      await this.forEachLedgerPage(pulse, ['sent', 'interrupted'], lease, (entry) =>
        entry.doc.respondedAt || entry.doc.remindedAt ? undefined : this.remindOne(pulse, entry, channel),
      );
      await this.deps.pulses.markReminderRoundDone(tenantId, pulseId);
    });
  }

  /** Holds the pulse's send lease while `work` runs on it, if the pulse is still open. */
  private async withOpenPulse(
    tenantId: string,
    pulseId: string,
    work: (pulse: PulseDoc, channel: TeamsChannel, lease: HeldLease) => Promise<void>,
  ): Promise<FanOutOutcome> {
    const lease = await this.deps.leases.acquire(tenantId, pulseId);
    if (!lease) return 'busy';
    try {
      const pulse = await this.deps.pulses.readPulse(tenantId, pulseId);
      if (!pulse) return 'missing';
      if (pulse.doc.status !== 'open') return 'closed';
      await work(pulse.doc, this.channelFor(tenantId), lease);
      return 'done';
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.deps.logger.warn('pulse.fan-out.lease-lost', { tenantId, pulseId });
        return 'lost-lease';
      }
      if (error instanceof Stopping) {
        this.deps.logger.info('pulse.fan-out.stopped', { tenantId, pulseId });
        return 'stopped';
      }
      throw error;
    } finally {
      await lease.release();
    }
  }

  private channelFor(tenantId: string): TeamsChannel {
    return new RateLimitedChannel(this.deps.channel, this.deps.limiters.for(tenantId));
  }

  private async postChannelCard(pulse: PulseDoc, channel: TeamsChannel): Promise<void> {
    if (pulse.channelActivityId) return;
    const sent = await this.retrying(() =>
      channel.send(pulse.origin.serviceUrl, pulse.origin.conversationId, this.deps.cards.channel(pulse)),
    );
    if (!sent.ok) {
      // The pulse still goes out; only the live count in the channel is missing.
      this.deps.logger.warn('pulse.channel-card.failed', {
        tenantId: pulse.tenantId,
        pulseId: pulse.pulseId,
        status: sent.error.status,
      });
      return;
    }
    pulse.channelActivityId = sent.value;
    await this.deps.pulses.recordChannelCard(pulse.tenantId, pulse.pulseId, sent.value);
  }

  /**
   * Reads roster pages into the ledger, remembering the next page on the pulse so a restart goes on from there; returns
   * how many recipients the ledger holds.
   */
  private async readRoster(pulse: PulseDoc, channel: TeamsChannel, lease: HeldLease): Promise<number> {
    const { tenantId, pulseId, origin } = pulse;
    let continuation = pulse.fanOut.rosterContinuation;
    let recipients = pulse.fanOut.recipients;
    if (pulse.fanOut.phase !== 'roster') return recipients;
    for (;;) {
      this.checkStillSending(lease);
      const page = await this.retrying(() =>
        channel.rosterPage(origin.serviceUrl, origin.rosterId, this.options.rosterPageSize, continuation),
      );
      if (!page.ok) throw page.error;
      const now = this.deps.clock().toISOString();
      const deliveries = page.value.members
        .filter((member) => isRecipient(member, origin, pulse.createdBy))
        .map((member) => newDelivery(tenantId, pulseId, member, now));
      const added = deliveries.length > 0 ? await this.deps.ledger.queueDeliveries(deliveries) : 0;
      recipients += added;
      continuation = page.value.continuationToken;
      await this.deps.pulses.recordRosterPage(tenantId, pulseId, added, continuation);
      if (!continuation) return recipients;
    }
  }

  /**
   * The roster as read, against the threshold: a pulse whose audience (everyone but the bot and its sender) is below
   * threshold + 2 goes to nobody. It is cancelled and the channel card says so. The set-up checked this too, but the
   * roster can change in between.
   */
  private async audienceLargeEnough(pulse: PulseDoc, audience: number, channel: TeamsChannel): Promise<boolean> {
    const { pulses, clock, logger } = this.deps;
    if (audience >= minimumAudience(pulse.threshold)) return true;
    const cancelled = await pulses.cancelPulse(pulse.tenantId, pulse.pulseId, clock().toISOString());
    logger.warn('pulse.fan-out.too-few', { tenantId: pulse.tenantId, pulseId: pulse.pulseId, audience });
    if (cancelled?.channelActivityId) {
      const { serviceUrl, conversationId } = pulse.origin;
      const card = this.deps.cards.channel(cancelled);
      await this.retrying(() => channel.update(serviceUrl, conversationId, cancelled.channelActivityId ?? '', card));
    }
    return false;
  }

  /** Passes over the `queued` entries until a pass finds none: one can end early when the ledger shifts under it. */
  private async sendQueued(pulse: PulseDoc, channel: TeamsChannel, lease: HeldLease): Promise<void> {
    const send = (entry: Versioned<DeliveryDoc>) => this.sendOne(pulse, entry, channel, lease);
    while ((await this.forEachLedgerPage(pulse, ['queued'], lease, send)) > 0);
  }

  /** A pulse closed while it was being sent gets no more recipients (one read per ledger page). */
  private async stillOpen(pulse: PulseDoc): Promise<boolean> {
    const current = await this.deps.pulses.readPulse(pulse.tenantId, pulse.pulseId);
    return current?.doc.status === 'open';
  }

  /**
   * Runs `work` over ledger entries in the given states, reading the next page while the current one is finished off;
   * returns how many entries it gave to `work`. Sending moves entries out of `queued`, so there each read starts again
   * from the first page and skips what is already under way; other states are read once through.
   */
  private async forEachLedgerPage(
    pulse: PulseDoc,
    states: DeliveryDoc['state'][],
    lease: HeldLease,
    work: (entry: Versioned<DeliveryDoc>) => Promise<void> | undefined,
  ): Promise<number> {
    const restartEachRead = states.includes('queued');
    let continuation: string | undefined;
    let lastPage = false;
    let closed = false;
    let worked = 0;
    const seen = new Set<string>();
    const readPage = async (): Promise<Versioned<DeliveryDoc>[] | undefined> => {
      this.checkStillSending(lease);
      if (lastPage) return undefined;
      if (!(await this.stillOpen(pulse))) {
        closed = true;
        return undefined;
      }
      for (;;) {
        const page = await this.deps.ledger.deliveriesIn(
          pulse.tenantId,
          pulse.pulseId,
          states,
          this.options.ledgerPageSize,
          continuation,
        );
        const fresh = page.deliveries.filter((entry) => !seen.has(entry.doc.id));
        fresh.forEach((entry) => seen.add(entry.doc.id));
        // A page can hold fewer entries than asked for, or only ones under way: then the next page is read.
        continuation = page.continuation;
        lastPage = !continuation;
        if (fresh.length > 0) {
          if (restartEachRead) [continuation, lastPage] = [undefined, false];
          return fresh;
        }
        if (lastPage) return undefined;
      }
    };
    await runPagedPool(readPage, this.options.concurrency, async (entry) => {
      this.checkStillSending(lease);
      // Entries read ahead of a close stay as they are.
      if (closed) return;
      worked++;
      await work(entry);
    });
    return worked;
  }

  private checkStillSending(lease: HeldLease): void {
    if (lease.lost) throw new LeaseLost();
    if (this.stopping) throw new Stopping();
  }

  private async sendOne(
    pulse: PulseDoc,
    entry: Versioned<DeliveryDoc>,
    channel: TeamsChannel,
    lease: HeldLease,
  ): Promise<void> {
    const { ledger, clock } = this.deps;
    const sending = await ledger.markSending(entry, clock().toISOString());
    if (!sending) return; // Someone else changed this entry since it was read: it is theirs.
    if (lease.lost) throw new LeaseLost();
    const { serviceUrl } = pulse.origin;
    const conversation = await this.retrying(() =>
      channel.createPersonalConversation(
        serviceUrl,
        pulse.tenantId,
        { id: pulse.origin.botId, name: pulse.origin.botName },
        entry.doc.memberId,
      ),
    );
    let outcome: Attempted<string> = conversation;
    if (conversation.ok)
      outcome = await this.retrying(() =>
        channel.send(serviceUrl, conversation.value, this.deps.cards.response(pulse, sending.doc)),
      );
    const at = clock().toISOString();
    const conversationId = conversation.ok ? conversation.value : undefined;
    const settled = outcome.ok
      ? await ledger.markSent(sending, { conversationId, activityId: outcome.value, at })
      : await ledger.markFailed(sending, {
          conversationId,
          reason: failureReason(outcome.error, outcome.attempts),
          at,
        });
    // Counted only by the instance whose write settled the entry, so a person is not counted twice.
    if (!settled)
      this.deps.logger.warn('pulse.delivery.settled-elsewhere', { tenantId: pulse.tenantId, pulseId: pulse.pulseId });
    else if (!outcome.ok) this.telemetry.pulseDeliveryFailed();
  }

  private async remindOne(pulse: PulseDoc, entry: Versioned<DeliveryDoc>, channel: TeamsChannel): Promise<void> {
    const { ledger, clock } = this.deps;
    const marked = await ledger.markReminded(entry, clock().toISOString());
    if (!marked) return;
    const { serviceUrl } = pulse.origin;
    let conversationId = entry.doc.conversationId;
    if (!conversationId) {
      const created = await this.retrying(() =>
        channel.createPersonalConversation(
          serviceUrl,
          pulse.tenantId,
          { id: pulse.origin.botId, name: pulse.origin.botName },
          entry.doc.memberId,
        ),
      );
      if (!created.ok) {
        this.telemetry.pulseDeliveryFailed();
        return;
      }
      conversationId = created.value;
    }
    const target = conversationId;
    const sent = await this.retrying(() =>
      channel.send(serviceUrl, target, this.deps.cards.reminder(pulse, marked.doc)),
    );
    if (sent.ok) return;
    this.telemetry.pulseDeliveryFailed();
    this.deps.logger.warn('pulse.reminder.failed', {
      tenantId: pulse.tenantId,
      pulseId: pulse.pulseId,
      status: sent.error.status,
    });
  }

  private retrying<T>(call: () => Promise<T>): Promise<Attempted<T>> {
    return withRetries(call, this.options.retry, this.sleep);
  }
}
