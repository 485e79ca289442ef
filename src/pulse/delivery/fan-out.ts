import type { DeliveryDoc, PulseDoc } from '../../domain/pulse-docs';
import type { Versioned } from '../../storage/ports';
import { rateLimitedChannel } from '../../teams/rate-limited-channel';
import { withRetries, type Attempted } from '../../teams/retry';
import type { TeamsChannel } from '../../teams/teams-channel';
import { noTelemetry, type Telemetry } from '../../telemetry/telemetry';
import { requeueInFlight } from './delivery-ledger';
import {
  DEFAULT_FAN_OUT,
  SEND_PASSES,
  type FanOutDeps,
  type FanOutOptions,
  type FanOutOutcome,
} from './fan-out-options';
import { forEachLedgerPage, type LedgerPass } from './ledger-pages';
import { pulseSendKind } from './pulse-send-kind';
import { remindRecipient, sendToRecipient, type RecipientSends } from './recipient-sends';
import type { SendJob, SendJobKind } from './send-job';
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
 * Sends a job (a pulse, an invitation campaign) to every member of the roster, one 1:1 message each, resumable from
 * the ledger in Cosmos: roster pages → `queued` entries → for each, `sending` (conditional on its ETag) → create
 * conversation → send → `sent` or `failed` with the reason. Only the holder of the job's lease sends. Every kind shares
 * this instance's rate limiters, concurrency and shutdown.
 */
export class FanOut {
  private readonly options: FanOutOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly telemetry: Telemetry;
  private readonly sends: RecipientSends;
  private readonly pulseKind: SendJobKind<PulseDoc>;
  private stopping = false;

  constructor(private readonly deps: FanOutDeps) {
    this.options = { ...DEFAULT_FAN_OUT, ...deps.options };
    // So that each re-read of `queued` finds new entries on its first page, past the ones still under way.
    if (this.options.ledgerPageSize <= 2 * this.options.concurrency)
      throw new RangeError('a ledger page must hold more than twice the fan-out concurrency');
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.telemetry = deps.telemetry ?? noTelemetry;
    const { ledger, logger, clock } = deps;
    const retrying = <T>(call: () => Promise<T>) => this.retrying(call);
    this.sends = { ledger, logger, clock, telemetry: this.telemetry, retrying };
    this.pulseKind = pulseSendKind({ pulses: deps.pulses, cards: deps.cards, logger, clock, retrying });
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
    return this.runJob(this.pulseKind, tenantId, pulseId);
  }

  /** Sends (or continues sending) any kind of job, with the same guarantees as a pulse. */
  runJob<J extends SendJob>(kind: SendJobKind<J>, tenantId: string, jobId: string): Promise<FanOutOutcome> {
    return this.withOpenJob(kind, tenantId, jobId, async (job, channel, lease) => {
      await this.postChannelCard(kind, job, channel);
      const audience = await this.readRoster(kind, job, channel, lease);
      if (kind.enoughRecipients && !(await kind.enoughRecipients(job, audience, channel))) return;
      // What a sender that died left `sending` goes out again; so, after a pass, does an entry whose `sending` write
      // landed but was reported lost (a dropped connection).
      const requeue = () => requeueInFlight(this.deps.ledger, job, this.deps.clock, this.deps.logger, kind.name);
      await requeue();
      await this.sendQueued(kind, job, channel, lease);
      for (let pass = 1; pass < SEND_PASSES && (await requeue()) > 0; pass++)
        await this.sendQueued(kind, job, channel, lease);
      await kind.jobs.markFanOutDone(tenantId, jobId);
      this.deps.logger.info(`${kind.name}.fan-out.done`, { tenantId, pulseId: jobId });
    });
  }

  /**
   * Sends the reminder card to everyone who got the pulse (or, marked by an earlier version, may have: `interrupted`)
   * and has not answered. Each person is marked reminded before their send, so a round cut short (a crash, a shutdown)
   * can simply be run again: the scheduler does so until the round is recorded as done, and nobody is reminded twice.
   */
  remind(tenantId: string, pulseId: string): Promise<FanOutOutcome> {
    return this.withOpenJob(this.pulseKind, tenantId, pulseId, async (pulse, channel, lease) => {
      const card = (delivery: DeliveryDoc) => this.deps.cards.reminder(pulse, delivery);
      await this.forEachLedgerPage(this.pulseKind, pulse, ['sent', 'interrupted'], lease, (entry) =>
        entry.doc.respondedAt || entry.doc.remindedAt
          ? undefined
          : remindRecipient(this.sends, pulse, entry, channel, card),
      );
      await this.deps.pulses.markReminderRoundDone(tenantId, pulseId);
    });
  }

  /** Holds the job's send lease while `work` runs on it, if the job is still open. */
  private async withOpenJob<J extends SendJob>(
    kind: SendJobKind<J>,
    tenantId: string,
    jobId: string,
    work: (job: J, channel: TeamsChannel, lease: HeldLease) => Promise<void>,
  ): Promise<FanOutOutcome> {
    const lease = await this.deps.leases.acquire(tenantId, jobId);
    if (!lease) return 'busy';
    try {
      const job = await kind.jobs.readJob(tenantId, jobId);
      if (!job) return 'missing';
      if (job.status !== 'open') return 'closed';
      await work(job, rateLimitedChannel(this.deps, tenantId), lease);
      return 'done';
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.deps.logger.warn(`${kind.name}.fan-out.lease-lost`, { tenantId, pulseId: jobId });
        return 'lost-lease';
      }
      if (error instanceof Stopping) {
        this.deps.logger.info(`${kind.name}.fan-out.stopped`, { tenantId, pulseId: jobId });
        return 'stopped';
      }
      throw error;
    } finally {
      await lease.release();
    }
  }

  private async postChannelCard<J extends SendJob>(kind: SendJobKind<J>, job: J, channel: TeamsChannel) {
    if (job.channelActivityId) return;
    const sent = await this.retrying(() =>
      channel.send(job.origin.serviceUrl, job.origin.conversationId, kind.channelCard(job)),
    );
    if (!sent.ok) {
      // The job still goes out; only the live count in the channel is missing.
      this.deps.logger.warn(`${kind.name}.channel-card.failed`, {
        tenantId: job.tenantId,
        pulseId: job.pulseId,
        status: sent.error.status,
      });
      return;
    }
    job.channelActivityId = sent.value;
    await kind.jobs.recordChannelCard(job.tenantId, job.pulseId, sent.value);
  }

  /**
   * Reads roster pages into the ledger, remembering the next page on the job so a restart goes on from there; returns
   * how many recipients the ledger holds.
   */
  private async readRoster<J extends SendJob>(
    kind: SendJobKind<J>,
    job: J,
    channel: TeamsChannel,
    lease: HeldLease,
  ): Promise<number> {
    const { tenantId, pulseId, origin } = job;
    let continuation = job.fanOut.rosterContinuation;
    let recipients = job.fanOut.recipients;
    if (job.fanOut.phase !== 'roster') return recipients;
    for (;;) {
      checkStillSending(lease, this.stopping);
      const page = await this.retrying(() =>
        channel.rosterPage(origin.serviceUrl, origin.rosterId, this.options.rosterPageSize, continuation),
      );
      if (!page.ok) throw page.error;
      const deliveries = await kind.deliveries(job, page.value.members, this.deps.clock().toISOString());
      const added = deliveries.length > 0 ? await this.deps.ledger.queueDeliveries(deliveries) : 0;
      recipients += added;
      continuation = page.value.continuationToken;
      await kind.jobs.recordRosterPage(tenantId, pulseId, added, continuation);
      if (!continuation) return recipients;
    }
  }

  /** Passes over the `queued` entries until a pass finds none: one can end early when the ledger shifts under it. */
  private async sendQueued<J extends SendJob>(kind: SendJobKind<J>, job: J, channel: TeamsChannel, lease: HeldLease) {
    const card = (delivery: DeliveryDoc) => kind.personalCard(job, delivery);
    const how = {
      card,
      checkLease: () => checkLease(lease),
      kind: kind.name,
      stillWanted: kind.stillWanted?.bind(kind, job),
    };
    const send = (entry: Versioned<DeliveryDoc>) => sendToRecipient(this.sends, job, entry, channel, how);
    while ((await this.forEachLedgerPage(kind, job, ['queued'], lease, send)) > 0);
  }

  private forEachLedgerPage<J extends SendJob>(
    kind: SendJobKind<J>,
    job: J,
    states: DeliveryDoc['state'][],
    lease: HeldLease,
    work: (entry: Versioned<DeliveryDoc>) => Promise<void> | undefined,
  ): Promise<number> {
    const pass: LedgerPass = {
      ledger: this.deps.ledger,
      stillOpen: async () => (await kind.jobs.readJob(job.tenantId, job.pulseId))?.status === 'open',
      pageSize: this.options.ledgerPageSize,
      concurrency: this.options.concurrency,
      checkStillSending: () => checkStillSending(lease, this.stopping),
    };
    return forEachLedgerPage(pass, job, states, work);
  }

  private retrying<T>(call: () => Promise<T>): Promise<Attempted<T>> {
    return withRetries(call, this.options.retry, this.sleep);
  }
}
