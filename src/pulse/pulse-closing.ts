import type { CardAttachment } from '../cards/card-renderer';
import { finalResults, finalResultsView } from './final-results';
import { asMessage } from './pulse-cards';
import { mayClosePulse } from './pulse-policy';
import { NEVER_SENT } from './pulse-replies';
import { logChannelFailure, type PulseReply, type PulseServiceDeps } from './pulse-service-deps';
import { pulseOnCard } from './pulse-on-card';
import { rateLimitedChannel } from '../teams/rate-limited-channel';
import { channelView } from './pulse-views';
import { ChannelError } from '../teams/teams-channel';
import type { Person } from '../domain/person';
import type { PulseDoc } from '../domain/pulse-docs';

const RESULTS_RETRY_MS = 60_000;
const RESULTS_GIVE_UP_MS = 86_400_000;
/** The bot was removed from the team or the channel is gone: posting again will not help. */
const GONE = [403, 404];

/** Closing pulses (by the sender or at the deadline), their results card and the channel card's live count. */
export class PulseClosing {
  constructor(private readonly deps: PulseServiceDeps) {}

  /** The sender closes the pulse early: the channel card shows it closed and the results card is the reply. */
  async closeBySender(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    // Its results are answered where the button was pressed: only in the team (or chat) the pulse was asked of.
    const pulse = await pulseOnCard(this.deps.pulses, person.tenantId, value, rosterId);
    if (!pulse) return ["I don't recognise that pulse."];
    const { pulseId } = pulse;
    if (!(await mayClosePulse(person.userId, pulse.createdBy, () => this.deps.accessOf(person))))
      return [
        'Only the person who started this pulse (or an admin) can close it early. It closes by itself at its deadline.',
      ];
    if (pulse.status === 'cancelled') return [NEVER_SENT];
    const closed = await this.close(person.tenantId, pulseId, 'sender');
    if (closed === 'missing') return ["I don't recognise that pulse."];
    // Asking again shows the results again, so a reply that never arrived is not lost.
    if (closed.already)
      return ['This pulse is already closed. Here are its results.', await this.resultsCard(closed.pulse)];
    return [await this.resultsCard(closed.pulse)];
  }

  /** Closes a pulse whose deadline has passed; its results go to the channel (see postDueResults). */
  async closeAtDeadline(tenantId: string, pulseId: string): Promise<void> {
    const closed = await this.close(tenantId, pulseId, 'deadline');
    if (closed === 'missing' || closed.already) return;
    await this.postDueResults(tenantId, pulseId);
  }

  /**
   * Posts the results card of a pulse closed at its deadline to its channel. Each try is claimed with an
   * ETag-conditional write (one instance at a time, at most once a minute) and `resultsDue` is cleared only once the
   * card landed, so the scheduler tries again after a failure; a 403 or 404 (the bot removed, the channel gone) or a
   * day of failures ends it with an error in the log. At least once: a send whose answer was lost may post it twice.
   */
  async postDueResults(tenantId: string, pulseId: string): Promise<void> {
    const { pulses, clock } = this.deps;
    const current = await pulses.readPulse(tenantId, pulseId);
    if (!current?.doc.resultsDue) return;
    const now = clock();
    const pulse = current.doc;
    if (now.getTime() - Date.parse(pulse.closedAt ?? pulse.deadline) > RESULTS_GIVE_UP_MS) {
      await this.giveUpResults(pulse, current.etag);
      return;
    }
    if (pulse.resultsAttemptAt && now.getTime() - Date.parse(pulse.resultsAttemptAt) < RESULTS_RETRY_MS) return;
    const claimed: PulseDoc = { ...pulse, resultsAttemptAt: now.toISOString() };
    const etag = await pulses.replacePulse(claimed, current.etag);
    if (!etag) return;
    const card = asMessage(await this.resultsCard(claimed));
    try {
      await rateLimitedChannel(this.deps, tenantId).send(pulse.origin.serviceUrl, pulse.origin.conversationId, card);
    } catch (error) {
      if (error instanceof ChannelError && GONE.includes(error.status))
        await this.giveUpResults(claimed, etag, error.status);
      else logChannelFailure(this.deps, 'pulse.results.failed', claimed, error);
      return;
    }
    await pulses.markResultsPosted(tenantId, pulseId, clock().toISOString());
  }

  private async giveUpResults(pulse: PulseDoc, etag: string, status?: number): Promise<void> {
    if (await this.deps.pulses.replacePulse({ ...pulse, resultsDue: false }, etag))
      this.deps.logger.error('pulse.results.gave-up', { tenantId: pulse.tenantId, pulseId: pulse.pulseId, status });
  }

  /** Shows the current response count on the channel card (the scheduler throttles how often). */
  async refreshChannelCard(pulse: PulseDoc): Promise<void> {
    if (!pulse.channelActivityId) return;
    const { serviceUrl, conversationId } = pulse.origin;
    await rateLimitedChannel(this.deps, pulse.tenantId)
      .update(
        serviceUrl,
        conversationId,
        pulse.channelActivityId,
        asMessage(this.deps.cards.pulseChannel(channelView(pulse))),
      )
      .catch((error: unknown) => logChannelFailure(this.deps, 'pulse.channel-card.failed', pulse, error));
  }

  /**
   * Closes the pulse (a conditional patch, so one closer wins and no response lands after it) and stores its results,
   * which are final from then on; `already` when it was closed before.
   */
  private async close(
    tenantId: string,
    pulseId: string,
    by: 'sender' | 'deadline',
  ): Promise<{ pulse: PulseDoc; already: boolean } | 'missing'> {
    const { pulses, clock } = this.deps;
    const closed = await pulses.closePulse(tenantId, pulseId, {
      closedAt: clock().toISOString(),
      closedBy: by,
      // The sender's results card is the reply to their turn; the deadline's goes to the channel.
      resultsDue: by === 'deadline',
    });
    if (!closed) {
      const current = await pulses.readPulse(tenantId, pulseId);
      return current ? { pulse: current.doc, already: true } : 'missing';
    }
    this.deps.logger.info('pulse.closed', { tenantId, pulseId, by, responses: closed.responses });
    await finalResults(this.deps, closed, clock);
    await this.refreshChannelCard(closed);
    return { pulse: closed, already: false };
  }

  /** Per question the distribution, mean and favourability, or only the count below the threshold: as stored at close. */
  private async resultsCard(pulse: PulseDoc): Promise<CardAttachment> {
    return this.deps.cards.pulseResults(await finalResultsView(this.deps, pulse, this.deps.clock));
  }
}
