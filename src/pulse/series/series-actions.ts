import { formatDeadline, pulseTimeZone } from '../pulse-views';
import type { PulseReply, PulseServiceDeps } from '../pulse-service-deps';
import { pulseOnCard } from '../pulse-on-card';
import type { Person } from '../../domain/person';
import { pulseIds, type PulseDoc } from '../../domain/pulse-docs';
import { againPulseId } from '../../domain/pulse-series';
import { mayClosePulse, mayStartPulse } from '../pulse-policy';
import { NOT_ALLOWED_TO_START } from '../pulse-replies';

const UNKNOWN = "I don't recognise that pulse, so I haven't changed anything.";
const SENDER_ONLY = 'Only the person who started this pulse can do that, so nothing has changed.';
const SENDER_OR_ADMIN =
  'Only the person who started this pulse, or an admin, can stop its series, so nothing has changed.';
/** How long before a series' next run a Run again of it closes at the latest. */
const NEXT_RUN_GAP_MS = 60_000;
/** Attempts at stopping a series whose document another instance is changing at the same moment. */
const STOP_ATTEMPTS = 5;

/** The results card's series buttons: Stop the series (the sender or an admin) and Run again (the sender). */
export class SeriesActions {
  constructor(private readonly deps: PulseServiceDeps) {}

  /** Stops the series of the pulse on the card: no run is claimed after this (one already claimed still goes out). */
  async stop(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    const pulse = await this.cardsPulse(person, value, rosterId);
    if (typeof pulse === 'string') return [pulse];
    if (!pulse.seriesId) return ['This pulse does not repeat, so there is no series to stop.'];
    for (let attempt = 0; attempt < STOP_ATTEMPTS; attempt++) {
      const series = await this.deps.series.readSeries(person.tenantId, pulse.seriesId);
      if (!series) return ['This pulse does not repeat, so there is no series to stop.'];
      // As with closing a pulse early: its sender, or an admin.
      if (!(await mayClosePulse(person.userId, series.doc.createdBy, () => this.deps.accessOf(person))))
        return [SENDER_OR_ADMIN];
      if (series.doc.status === 'stopped') return ['This series is already stopped: no more runs will go out.'];
      const stopped = { ...series.doc, status: 'stopped' as const, stoppedAt: this.deps.clock().toISOString() };
      if (await this.deps.series.replaceSeries(stopped, series.etag)) {
        this.deps.logger.info('pulse.series.stopped', { tenantId: person.tenantId, seriesId: pulse.seriesId });
        return [`Stopped: "${pulse.title}" will not run again. Its past results stay as they are.`];
      }
    }
    return ["I couldn't stop the series just now. Please press Stop the series again in a moment."];
  }

  /**
   * Starts a new run now: the same questions, audience and threshold, open as long as the pulse on the card was. A run
   * of a series joins it (its results compare with the run before; the schedule does not move); a one-off pulse gets
   * another one-off. One Run again per results card: its id derives from the pulse on the card.
   */
  async runAgain(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    const source = await this.sendersPulse(person, value, rosterId);
    if (typeof source === 'string') return [source];
    if (source.status !== 'closed')
      return ['Run again is for a pulse that has closed: this one has not, so nothing has changed.'];
    // Sending a run is starting a pulse: someone no longer allowed to (a demoted manager) may not.
    if (!(await mayStartPulse(this.deps.policy, () => this.deps.accessOf(person)))) return [NOT_ALLOWED_TO_START];
    const now = this.deps.clock();
    const pulseId = againPulseId(person.tenantId, source.pulseId);
    const openFor = Date.parse(source.deadline) - Date.parse(source.createdAt);
    const remindBefore = source.reminderAt ? Date.parse(source.deadline) - Date.parse(source.reminderAt) : undefined;
    const deadline = await this.deadlineBeforeNextRun(source, new Date(now.getTime() + openFor));
    if (deadline.getTime() - now.getTime() < openFor / 2)
      return [
        `The next run of "${source.title}" goes out too soon for another one to be open long enough now, so I haven't started one.`,
      ];
    const reminder = remindBefore === undefined ? undefined : new Date(deadline.getTime() - remindBefore);
    const pulse: PulseDoc = {
      ...source,
      id: pulseIds.pulse(pulseId),
      pulseId,
      deadline: deadline.toISOString(),
      reminderAt: reminder && reminder > now ? reminder.toISOString() : undefined,
      createdAt: now.toISOString(),
      status: 'open',
      fanOut: { phase: 'roster', recipients: 0 },
      responses: 0,
      runIndex: undefined,
      ...cleared,
    };
    try {
      await this.deps.pulses.createPulse(pulse);
    } catch (error) {
      if ((error as { code?: number }).code === 409) return ['That run has already been started.'];
      throw error;
    }
    this.deps.logger.info('pulse.run-again', { tenantId: person.tenantId, pulseId, seriesId: source.seriesId });
    this.deps.jobs.send(person.tenantId, pulseId);
    return [
      `A new run of "${pulse.title}" is on its way to everyone here but you. It closes ${formatDeadline(pulse.deadline, pulseTimeZone(pulse))}.`,
    ];
  }

  /**
   * Two runs of a series are never open at once: a run started now closes a minute before the series' next scheduled
   * run at the latest (the caller refuses when that leaves it less than half its usual time).
   */
  private async deadlineBeforeNextRun(source: PulseDoc, deadline: Date): Promise<Date> {
    if (!source.seriesId) return deadline;
    const series = await this.deps.series.readSeries(source.tenantId, source.seriesId);
    if (series?.doc.status !== 'active') return deadline;
    const latest = Date.parse(series.doc.nextRunAt) - NEXT_RUN_GAP_MS;
    return deadline.getTime() <= latest ? deadline : new Date(latest);
  }

  /** The pulse on the card if `person` sent it; otherwise what to say (nothing is changed). */
  private async sendersPulse(
    person: Person,
    value: Record<string, unknown>,
    rosterId: string,
  ): Promise<PulseDoc | string> {
    const pulse = await this.cardsPulse(person, value, rosterId);
    if (typeof pulse !== 'string' && pulse.createdBy !== person.userId) return SENDER_ONLY;
    return pulse;
  }

  /** The pulse on the card (only where it was asked, see pulseOnCard), or what to say about a forged or unknown id. */
  private async cardsPulse(
    person: Person,
    value: Record<string, unknown>,
    rosterId: string,
  ): Promise<PulseDoc | string> {
    return (await pulseOnCard(this.deps.pulses, person.tenantId, value, rosterId)) ?? UNKNOWN;
  }
}

/** What a new run does not inherit from the pulse it copies. */
const cleared: Partial<PulseDoc> = {
  remindedAt: undefined,
  reminderRound: undefined,
  closedAt: undefined,
  closedBy: undefined,
  resultsDue: undefined,
  resultsAttemptAt: undefined,
  resultsPostedAt: undefined,
  channelActivityId: undefined,
  shownResponses: undefined,
  shownAt: undefined,
};
