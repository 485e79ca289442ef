import type { DeliveryDoc, PulseDoc } from '../../domain/pulse-docs';
import type { Versioned } from '../../storage/ports';
import { rateLimitedChannel } from '../../teams/rate-limited-channel';
import { withRetries, type Attempted } from '../../teams/retry';
import type { TeamsChannel } from '../../teams/teams-channel';
import { noTelemetry, type Telemetry } from '../../telemetry/telemetry';
import { isRecipient } from '../audience';
import { minimumAudience } from '../thresholds';
import { newDelivery, requeueInFlight } from './delivery-ledger';
import {
  DEFAULT_FAN_OUT,
  SEND_PASSES,
  type FanOutDeps,
  type FanOutOptions,
  type FanOutOutcome,
} from './fan-out-options';
import { forEachLedgerPage, type LedgerPass } from './ledger-pages';
import { remindRecipient, sendToRecipient, type RecipientSends } from './recipient-sends';
import type { HeldLease } from './send-lease';
import { checkLease, checkStillSending, LeaseLost, Stopping } from './still-sending';

export {
  DEFAULT_FAN_OUT,
  type FanOutCards,
  type FanOutDeps,
  type FanOutOptions,
  type FanOutOutcome,
} from './fan-out-options';

/**
 * Sends a pulse to every member of the roster, one 1:1 message each, resumable from the ledger in Cosmos:
 * roster pages → `queued` entries → for each, `sending` (conditional on its ETag) → create conversation → send →
 * `sent` or `failed` with the reason. Only the holder of the pulse's lease sends.
 */
export class FanOut {
  private readonly options: FanOutOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly telemetry: Telemetry;
  private readonly sends: RecipientSends;
  private stopping = false;

  constructor(private readonly deps: FanOutDeps) {
    this.options = { ...DEFAULT_FAN_OUT, ...deps.options };
    // So that each re-read of `queued` finds new entries on its first page, past the ones still under way.
    if (this.options.ledgerPageSize <= 2 * this.options.concurrency)
      throw new RangeError('a ledger page must hold more than twice the fan-out concurrency');
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.telemetry = deps.telemetry ?? noTelemetry;
    const { ledger, cards, logger, clock } = deps;
    this.sends = { ledger, cards, logger, clock, telemetry: this.telemetry, retrying: (call) => this.retrying(call) };
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
        entry.doc.respondedAt || entry.doc.remindedAt ? undefined : remindRecipient(this.sends, pulse, entry, channel),
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
      await work(pulse.doc, rateLimitedChannel(this.deps, tenantId), lease);
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
      checkStillSending(lease, this.stopping);
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
    const send = (entry: Versioned<DeliveryDoc>) =>
      sendToRecipient(this.sends, pulse, entry, channel, () => checkLease(lease));
    while ((await this.forEachLedgerPage(pulse, ['queued'], lease, send)) > 0);
  }

  private forEachLedgerPage(
    pulse: PulseDoc,
    states: DeliveryDoc['state'][],
    lease: HeldLease,
    work: (entry: Versioned<DeliveryDoc>) => Promise<void> | undefined,
  ): Promise<number> {
    const pass: LedgerPass = {
      pulses: this.deps.pulses,
      ledger: this.deps.ledger,
      pageSize: this.options.ledgerPageSize,
      concurrency: this.options.concurrency,
      checkStillSending: () => checkStillSending(lease, this.stopping),
    };
    return forEachLedgerPage(pass, pulse, states, work);
  }

  private retrying<T>(call: () => Promise<T>): Promise<Attempted<T>> {
    return withRetries(call, this.options.retry, this.sleep);
  }
}
