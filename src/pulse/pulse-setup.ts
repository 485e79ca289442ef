import { createHash, randomBytes } from 'node:crypto';
import type { CardAttachment } from '../cards/card-renderer';
import type { PulseSetupView } from '../cards/pulse-view-models';
import { countAudience } from './audience';
import { mayStartPulse } from './pulse-policy';
import { audienceRefusal, NOT_ALLOWED_TO_START } from './pulse-replies';
import { logChannelFailure, type PulseReply, type PulseServiceDeps } from './pulse-service-deps';
import { rateLimitedChannel } from '../teams/rate-limited-channel';
import { formatDeadline, setupView } from './pulse-views';
import { checkSetup, defaultSetupValues } from './setup-input';
import { commentThresholdFor, minimumAudience } from './thresholds';
import { newSeries } from './series/series-runs';
import { REPEAT_LABELS } from '../domain/pulse-series';
import type { Person } from '../domain/person';
import { pulseIds, type PulseDoc, type PulseOrigin } from '../domain/pulse-docs';

/** Starting a pulse: the setup card, its checks, and the pulse created from it. */
export class PulseSetup {
  constructor(private readonly deps: PulseServiceDeps) {}

  /** The setup card (its deadline in the sender's IANA `timeZone`), or a refusal for someone the policy does not allow. */
  async setupCard(person: Person, placeKind: string, timeZone: string): Promise<PulseReply[]> {
    const { index, clock, defaultThreshold } = this.deps;
    if (!(await this.mayStart(person))) return [NOT_ALLOWED_TO_START];
    const token = randomBytes(16).toString('base64url');
    return [this.setupForm(placeKind, token, timeZone, defaultSetupValues(index, clock(), timeZone, defaultThreshold))];
  }

  /**
   * Creates the pulse from the setup card and starts sending it; the setup card comes back when something is wrong.
   * The card's day and time are wall-clock ones in `timeZone` (the sender's IANA zone), which the pulse keeps.
   */
  async create(
    person: Person,
    origin: PulseOrigin,
    placeKind: string,
    value: Record<string, unknown>,
    timeZone: string,
  ): Promise<PulseReply[]> {
    const { index, clock, minThreshold, defaultThreshold, pulses } = this.deps;
    if (!(await this.mayStart(person))) return [NOT_ALLOWED_TO_START];
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
    const tooSmall = await this.audienceProblem(person, origin, placeKind, setup.threshold);
    if (tooSmall) return [this.setupForm(placeKind, token, timeZone, checked.values, tooSmall)];
    // The same card submitted twice (a double click, a redelivery) names the same pulse.
    const pulseId = createHash('sha256')
      .update(`${person.tenantId}|${origin.conversationId}|${token}`)
      .digest('hex')
      .slice(0, 32);
    const pulse: PulseDoc = {
      id: pulseIds.pulse(pulseId),
      type: 'pulse',
      tenantId: person.tenantId,
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
      createdBy: person.userId,
      createdAt: now.toISOString(),
      status: 'open',
      origin,
      fanOut: { phase: 'roster', recipients: 0 },
      responses: 0,
    };
    // The series first, with this run pending: a crash before the pulse exists leaves the scheduler to create it.
    const series = setup.repeat === 'never' ? undefined : newSeries(pulse, setup.repeat);
    if (series) Object.assign(pulse, { seriesId: pulseId, runIndex: 0 });
    const seriesCreated = series ? await this.deps.series.createSeries(series) : false;
    try {
      await pulses.createPulse(pulse);
    } catch (error) {
      if ((error as { code?: number }).code !== 409) {
        // Told it failed, the sender must not find it sent later by the scheduler: no pending run is left behind.
        if (seriesCreated) await this.deps.series.deleteSeries(person.tenantId, pulseId);
        throw error;
      }
      // The scheduler created the pending first run of the series this very click created: that is this pulse.
      const existing = seriesCreated ? await pulses.readPulse(person.tenantId, pulseId) : undefined;
      if (existing?.doc.seriesId !== pulseId) return ['That pulse has already been started.'];
    }
    if (series) await this.deps.series.clearPendingRun(person.tenantId, pulseId, pulseId);
    this.deps.logger.info('pulse.created', { tenantId: person.tenantId, pulseId, questions: pulse.questions.length });
    this.deps.jobs.send(person.tenantId, pulseId);
    const repeats = series
      ? ` It repeats ${REPEAT_LABELS[series.repeat].toLowerCase()} at the same time; the next run goes out ${formatDeadline(series.nextRunAt, timeZone)}.`
      : '';
    return [
      `Your pulse "${pulse.title}" is on its way: everyone here but you gets it in a 1:1 chat with me. It closes ${formatDeadline(pulse.deadline, timeZone)}.${repeats}`,
    ];
  }

  /** Why this pulse cannot go out here (too few people besides the sender), or undefined. */
  private async audienceProblem(
    person: Person,
    origin: PulseOrigin,
    placeKind: string,
    threshold: number,
  ): Promise<string | undefined> {
    try {
      const channel = rateLimitedChannel(this.deps, person.tenantId);
      const audience = await countAudience(channel, origin, person.userId, minimumAudience(threshold));
      return audienceRefusal({ audience, threshold, minThreshold: this.deps.minThreshold, placeKind });
    } catch (error) {
      logChannelFailure(this.deps, 'pulse.audience.failed', { tenantId: person.tenantId, pulseId: '' }, error);
      return `I couldn't check who is in this ${placeKind} just now, so I haven't started the pulse. Please send it again in a moment.`;
    }
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

  private mayStart(person: Person): Promise<boolean> {
    return mayStartPulse(this.deps.policy, () => this.deps.accessOf(person));
  }
}
