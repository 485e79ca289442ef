import { createHash, randomBytes } from 'node:crypto';
import type { CardAttachment, CardRenderer } from '../cards/card-renderer';
import type { PulseSetupView } from '../cards/pulse-view-models';
import type { PulsePolicy } from '../config';
import type { ContentIndex } from '../content/content-index';
import type { Access } from '../leadership/access';
import type { Logger } from '../logging/logger';
import type { DeliveryLedger, PulseResponses, PulseStore } from '../storage/ports';
import type { PulseJobs } from './pulse-jobs';
import { mayClosePulse, mayStartPulse } from './pulse-policy';
import { asMessage } from './pulse-cards';
import { channelView, formatDeadline, pulseTimeZone, resultsView, setupView } from './pulse-views';
import { RateLimitedChannel } from './rate-limited-channel';
import type { TenantRateLimiters } from './rate-limiter';
import { countAudience } from './audience';
import { finalResults } from './final-results';
import { checkResponse } from './response-input';
import { audienceRefusal, closedMessage, NEVER_SENT, responseReply } from './pulse-replies';
import { checkSetup, defaultSetupValues } from './setup-input';
import { ChannelError, type TeamsChannel } from './teams-channel';
import { commentThresholdFor, minimumAudience } from './thresholds';
import { pulseIds, type PulseDoc, type PulseOrigin } from '../domain/pulse-docs';

/** What the bot says back: a line of text or a card. */
export type PulseReply = string | CardAttachment;

/** Who is acting, from the activity (never from card data). */
export interface Actor {
  tenantId: string;
  userId: string;
}

export interface PulseServiceDeps {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  responses: PulseResponses;
  index: ContentIndex;
  cards: CardRenderer;
  jobs: PulseJobs;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  policy: PulsePolicy;
  /** The person's roles, configured or granted in chat (checked on every privileged action). */
  accessOf: (tenantId: string, userId: string) => Promise<Access>;
  minThreshold: number;
  /** What the setup card proposes, and what an empty threshold means. */
  defaultThreshold: number;
  commentThreshold: number;
  logger: Logger;
  clock: () => Date;
}

const PULSE_ID = /^[0-9a-f]{32}$/;
const RESULTS_RETRY_MS = 60_000;
const RESULTS_GIVE_UP_MS = 86_400_000;
/** The bot was removed from the team or the channel is gone: posting again will not help. */
const GONE = [403, 404];
const NOT_RECOGNISED = "I don't recognise that pulse, so I haven't saved anything. Please use the card I sent you.";
const NOT_ALLOWED_TO_START =
  "Only managers can start a pulse here. If you think you should be able to, ask your Teams admin to add you to the bot's managers.";

/** Starting, answering and closing pulses (botbuilder-free: the dialog layer passes the activity's facts in). */
export class PulseService {
  constructor(private readonly deps: PulseServiceDeps) {}

  /** The setup card (its deadline in the sender's IANA `timeZone`), or a refusal for someone the policy does not allow. */
  async setupCard(actor: Actor, placeKind: string, timeZone: string): Promise<PulseReply[]> {
    const { index, clock, defaultThreshold } = this.deps;
    if (!(await this.mayStart(actor))) return [NOT_ALLOWED_TO_START];
    const token = randomBytes(16).toString('base64url');
    return [this.setupForm(placeKind, token, timeZone, defaultSetupValues(index, clock(), timeZone, defaultThreshold))];
  }

  /**
   * Creates the pulse from the setup card and starts sending it; the setup card comes back when something is wrong.
   * The card's day and time are wall-clock ones in `timeZone` (the sender's IANA zone), which the pulse keeps.
   */
  async create(
    actor: Actor,
    origin: PulseOrigin,
    placeKind: string,
    value: Record<string, unknown>,
    timeZone: string,
  ): Promise<PulseReply[]> {
    const { index, clock, minThreshold, defaultThreshold, pulses } = this.deps;
    if (!(await this.mayStart(actor))) return [NOT_ALLOWED_TO_START];
    const token = typeof value.token === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value.token) ? value.token : '';
    if (!token)
      return ["That card looks incomplete, so I haven't started anything. Mention me with **pulse** to begin."];
    const now = clock();
    const checked = checkSetup(value, index, now, timeZone, {
      minimum: minThreshold,
      fallback: defaultThreshold,
    });
    if (!checked.ok) return [this.setupForm(placeKind, token, timeZone, checked.values, checked.error)];
    const { setup } = checked;
    // The fan-out checks again against the whole roster before anyone gets it.
    const tooSmall = await this.audienceProblem(actor, origin, placeKind, setup.threshold);
    if (tooSmall) return [this.setupForm(placeKind, token, timeZone, checked.values, tooSmall)];
    // The same card submitted twice (a double click, a redelivery) names the same pulse.
    const pulseId = createHash('sha256')
      .update(`${actor.tenantId}|${origin.conversationId}|${token}`)
      .digest('hex')
      .slice(0, 32);
    const pulse: PulseDoc = {
      id: pulseIds.pulse(pulseId),
      type: 'pulse',
      tenantId: actor.tenantId,
      pulseId,
      title: setup.title,
      templateId: setup.templateId,
      questions: setup.questions,
      allowComment: setup.allowComment,
      threshold: setup.threshold,
      commentThreshold: commentThresholdFor(setup.threshold, this.deps.commentThreshold),
      deadline: setup.deadline.toISOString(),
      timeZone,
      reminderAt: setup.reminderAt?.toISOString(),
      createdBy: actor.userId,
      createdAt: now.toISOString(),
      status: 'open',
      origin,
      fanOut: { phase: 'roster', recipients: 0 },
      responses: 0,
    };
    try {
      await pulses.createPulse(pulse);
    } catch (error) {
      if ((error as { code?: number }).code === 409) return ['That pulse has already been started.'];
      throw error;
    }
    this.deps.logger.info('pulse.created', { tenantId: actor.tenantId, pulseId, questions: pulse.questions.length });
    this.deps.jobs.send(actor.tenantId, pulseId);
    return [
      `Your pulse "${pulse.title}" is on its way: everyone here but you gets it in a 1:1 chat with me. It closes ${formatDeadline(pulse.deadline, timeZone)}.`,
    ];
  }

  /** Why this pulse cannot go out here (too few people besides the sender), or undefined. */
  private async audienceProblem(
    actor: Actor,
    origin: PulseOrigin,
    placeKind: string,
    threshold: number,
  ): Promise<string | undefined> {
    try {
      const channel = this.channelFor(actor.tenantId);
      const audience = await countAudience(channel, origin, actor.userId, minimumAudience(threshold));
      return audienceRefusal({ audience, threshold, minThreshold: this.deps.minThreshold, placeKind });
    } catch (error) {
      this.logChannelFailure('pulse.audience.failed', { tenantId: actor.tenantId, pulseId: '' }, error);
      return `I couldn't check who is in this ${placeKind} just now, so I haven't started the pulse. Please send it again in a moment.`;
    }
  }

  /**
   * Stores a person's answers from their 1:1 card, after checking the card is the one sent to them. Times in the reply
   * are in `timeZone`, the person's own IANA zone; without one, in the pulse's.
   */
  async respond(actor: Actor, value: Record<string, unknown>, timeZone?: string): Promise<PulseReply[]> {
    const { pulses, clock } = this.deps;
    const pulseId = typeof value.pulseId === 'string' ? value.pulseId : '';
    if (!PULSE_ID.test(pulseId)) return [NOT_RECOGNISED];
    const pulse = await pulses.readPulse(actor.tenantId, pulseId);
    if (!pulse) return [NOT_RECOGNISED];
    const delivery = await this.deps.ledger.readDelivery(actor.tenantId, pulseId, actor.userId);
    if (!delivery) return ["This pulse wasn't sent to you, so I can't take answers for it."];
    if (typeof value.token !== 'string' || value.token !== delivery.doc.token) return [NOT_RECOGNISED];
    const now = clock();
    const zone = timeZone ?? pulseTimeZone(pulse.doc);
    if (pulse.doc.status !== 'open' || Date.parse(pulse.doc.deadline) <= now.getTime())
      return [closedMessage(pulse.doc, zone)];
    const checked = checkResponse(value, pulse.doc, this.deps.index.pack.limits.longText);
    if (!checked.ok) return [checked.message];
    const outcome = await this.deps.responses.saveResponse(
      {
        id: pulseIds.response(pulseId, actor.userId),
        type: 'response',
        tenantId: actor.tenantId,
        pulseId,
        userId: actor.userId,
        answers: checked.answers,
        ...(checked.comment === undefined ? {} : { comment: checked.comment }),
        submittedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
      delivery,
      pulse,
    );
    this.deps.logger.info('pulse.response', { tenantId: actor.tenantId, pulseId, outcome });
    if (outcome !== 'closed') return [responseReply(outcome, pulse.doc.deadline, zone)];
    // It closed while this answer was on its way: the results are final and do not include it.
    return [closedMessage((await pulses.readPulse(actor.tenantId, pulseId))?.doc ?? pulse.doc, zone)];
  }

  /** The sender closes the pulse early: the channel card shows it closed and the results card is the reply. */
  async closeBySender(actor: Actor, value: Record<string, unknown>): Promise<PulseReply[]> {
    const pulseId = typeof value.pulseId === 'string' ? value.pulseId : '';
    if (!PULSE_ID.test(pulseId)) return ["I don't recognise that pulse."];
    const pulse = await this.deps.pulses.readPulse(actor.tenantId, pulseId);
    if (!pulse) return ["I don't recognise that pulse."];
    if (!(await mayClosePulse(actor.userId, pulse.doc.createdBy, () => this.accessOf(actor))))
      return [
        'Only the person who started this pulse (or an admin) can close it early. It closes by itself at its deadline.',
      ];
    if (pulse.doc.status === 'cancelled') return [NEVER_SENT];
    const closed = await this.close(actor.tenantId, pulseId, 'sender');
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
      await this.channelFor(tenantId).send(pulse.origin.serviceUrl, pulse.origin.conversationId, card);
    } catch (error) {
      if (error instanceof ChannelError && GONE.includes(error.status))
        await this.giveUpResults(claimed, etag, error.status);
      else this.logChannelFailure('pulse.results.failed', claimed, error);
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
    await this.channelFor(pulse.tenantId)
      .update(
        serviceUrl,
        conversationId,
        pulse.channelActivityId,
        asMessage(this.deps.cards.pulseChannel(channelView(pulse))),
      )
      .catch((error: unknown) => this.logChannelFailure('pulse.channel-card.failed', pulse, error));
  }

  private setupForm(
    placeKind: string,
    token: string,
    timeZone: string,
    values: PulseSetupView['values'],
    error?: string,
  ): CardAttachment {
    const { index, cards, clock, minThreshold } = this.deps;
    return cards.pulseSetup(
      setupView(index, placeKind, token, minThreshold, { timeZone, now: clock() }, values, error),
    );
  }

  private mayStart(actor: Actor): Promise<boolean> {
    return mayStartPulse(this.deps.policy, () => this.accessOf(actor));
  }

  private accessOf(actor: Actor): Promise<Access> {
    return this.deps.accessOf(actor.tenantId, actor.userId);
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
    const { results, unreachable } = await finalResults(this.deps, pulse, this.deps.clock);
    return this.deps.cards.pulseResults(resultsView(pulse, results, unreachable));
  }

  private channelFor(tenantId: string): TeamsChannel {
    return new RateLimitedChannel(this.deps.channel, this.deps.limiters.for(tenantId));
  }

  private logChannelFailure(event: string, pulse: Pick<PulseDoc, 'tenantId' | 'pulseId'>, error: unknown): void {
    this.deps.logger.warn(event, {
      tenantId: pulse.tenantId,
      pulseId: pulse.pulseId,
      status: (error as { status?: number }).status,
    });
  }
}
