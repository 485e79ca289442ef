import type { Logger } from '../../logging/logger';
import type { PulseStore, SeriesStore } from '../../storage/ports';
import type { PulseJobs } from '../delivery/pulse-jobs';
import type { PulsePolicy } from '../../config';
import type { AccessResolver } from '../../leadership/access';
import type { TenantRateLimiters } from '../../teams/rate-limiter';
import { rateLimitedChannel } from '../../teams/rate-limited-channel';
import { ChannelError, type TeamsChannel } from '../../teams/teams-channel';
import { mayStartPulse } from '../pulse-policy';
import { pulseIds, type PulseDoc } from '../../domain/pulse-docs';
import {
  runDueAt,
  runPulseId,
  seriesDocId,
  shiftByPeriods,
  type Repeat,
  type SeriesDoc,
} from '../../domain/pulse-series';

/** Series looked at per tenant and tick. */
const DUE_LIMIT = 100;

export interface SeriesRunsDeps {
  pulses: PulseStore;
  series: SeriesStore;
  jobs: PulseJobs;
  logger: Logger;
  clock: () => Date;
  /** Whether the sender may still start a pulse, checked at every claim (a series outlives no demotion). */
  policy: PulsePolicy;
  accessOf: AccessResolver;
  /** One roster page read at every claim: a team or chat that is gone (403/404) stops the series. */
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  /** Questions a run adds to the series' own (the action plans' "Has this improved?"). */
  followUps?: (series: SeriesDoc, now: Date) => Promise<PulseDoc['questions']>;
}

/** The smallest roster page Teams serves; the claim only needs to know the roster is still there. */
const ROSTER_PROBE_SIZE = 50;

/** The series a one-off pulse becomes when its setup card chose a repeat: run 0 is the pulse itself, claimed here. */
export function newSeries(pulse: PulseDoc, repeat: Exclude<Repeat, 'never'>): SeriesDoc {
  const timeZone = pulse.timeZone ?? 'UTC';
  const series: SeriesDoc = {
    id: seriesDocId(pulse.pulseId),
    type: 'series',
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    seriesId: pulse.pulseId,
    repeat,
    timeZone,
    anchorAt: pulse.createdAt,
    firstDeadline: pulse.deadline,
    firstReminderAt: pulse.reminderAt,
    title: pulse.title,
    templateId: pulse.templateId,
    questions: pulse.questions,
    allowComment: pulse.allowComment,
    threshold: pulse.threshold,
    commentThreshold: pulse.commentThreshold,
    origin: pulse.origin,
    createdBy: pulse.createdBy,
    status: 'active',
    nextIndex: 1,
    nextRunAt: '',
    pendingRun: { index: 0, pulseId: pulse.pulseId },
  };
  return { ...series, nextRunAt: runDueAt(series, 1).toISOString() };
}

/** Run `index` of the series as a new pulse: the same questions, audience and threshold, its times shifted by periods. */
export function runOf(series: SeriesDoc, index: number, pulseId: string, now: Date): PulseDoc {
  const shift = (iso: string) => shiftByPeriods(new Date(iso), series.repeat, index, series.timeZone);
  const reminder = series.firstReminderAt ? shift(series.firstReminderAt) : undefined;
  return {
    id: pulseIds.pulse(pulseId),
    type: 'pulse',
    tenantId: series.tenantId,
    pulseId,
    title: series.title,
    templateId: series.templateId,
    questions: series.questions,
    allowComment: series.allowComment,
    threshold: series.threshold,
    commentThreshold: series.commentThreshold,
    deadline: shift(series.firstDeadline).toISOString(),
    timeZone: series.timeZone,
    reminderAt: reminder && reminder > now ? reminder.toISOString() : undefined,
    createdBy: series.createdBy,
    createdAt: now.toISOString(),
    status: 'open',
    origin: series.origin,
    fanOut: { phase: 'roster', recipients: 0 },
    responses: 0,
    seriesId: series.seriesId,
    runIndex: index,
  };
}

/**
 * Creates the runs of recurring pulses, exactly once per period: a run is first claimed on the series document (an
 * ETag-conditional write that moves `nextIndex` on and names the run as pending), then its pulse is created under an id
 * derived from the series and the period index (a conditional create). Two instances: one claim wins; a crash between
 * claim and create: the pending run is created at the next tick. A stopped series claims nothing more.
 */
export class SeriesRuns {
  constructor(private readonly deps: SeriesRunsDeps) {}

  /** Local mode: the tenants with a due series. */
  tenants(): Promise<string[]> {
    return this.deps.series.tenantsWithDueSeries(this.deps.clock());
  }

  /** Creates the due runs of one tenant's series. */
  async runDue(tenantId: string): Promise<void> {
    const { series, logger, clock } = this.deps;
    for (const due of await series.dueSeries(tenantId, clock(), DUE_LIMIT)) {
      await this.advance(due).catch((error: unknown) =>
        logger.error('pulse.series.failed', { tenantId, seriesId: due.seriesId, error: (error as Error).name }),
      );
    }
  }

  /** Creates a claimed run's pulse (if missing) and starts sending it. */
  async createRun(series: SeriesDoc, pending: { index: number; pulseId: string }): Promise<void> {
    const { pulses, jobs, logger, clock } = this.deps;
    const now = clock();
    const pulse = runOf(series, pending.index, pending.pulseId, now);
    pulse.questions = [...pulse.questions, ...((await this.deps.followUps?.(series, now)) ?? [])];
    // A run sent late (a scheduler long down) keeps its deadline: with less than half its open window left, it is skipped.
    const deadline = Date.parse(pulse.deadline);
    const window = deadline - runDueAt(series, pending.index).getTime();
    if (deadline - now.getTime() < window / 2) {
      logger.warn('pulse.series.run-skipped', {
        tenantId: series.tenantId,
        seriesId: series.seriesId,
        run: pending.index,
        hoursLeft: Math.max(0, Math.floor((deadline - now.getTime()) / 3_600_000)),
      });
    } else {
      try {
        await pulses.createPulse(pulse);
        logger.info('pulse.series.run', { tenantId: series.tenantId, seriesId: series.seriesId, run: pending.index });
      } catch (error) {
        if ((error as { code?: number }).code !== 409) throw error;
      }
      jobs.send(series.tenantId, pending.pulseId);
    }
    await this.deps.series.clearPendingRun(series.tenantId, series.seriesId, pending.pulseId);
  }

  private async advance(due: SeriesDoc): Promise<void> {
    const current = await this.deps.series.readSeries(due.tenantId, due.seriesId);
    if (!current) return;
    if (current.doc.pendingRun) await this.createRun(current.doc, current.doc.pendingRun);
    const doc = current.doc;
    const now = this.deps.clock();
    if (doc.status !== 'active' || Date.parse(doc.nextRunAt) > now.getTime()) return;
    // Periods missed while no instance ran are not made up: only the latest due one runs.
    let index = doc.nextIndex;
    while (runDueAt(doc, index + 1) <= now) index++;
    const pending = { index, pulseId: runPulseId(doc.tenantId, doc.seriesId, index) };
    const claimed: SeriesDoc = {
      ...doc,
      nextIndex: index + 1,
      nextRunAt: runDueAt(doc, index + 1).toISOString(),
      pendingRun: pending,
    };
    const reread = await this.deps.series.readSeries(doc.tenantId, doc.seriesId);
    if (!reread || reread.doc.status !== 'active' || reread.doc.nextIndex !== doc.nextIndex) return;
    const reason = await this.endOf(doc);
    if (reason) {
      if (await this.deps.series.stopSeries(doc.tenantId, doc.seriesId, now))
        this.deps.logger.info('pulse.series.stopped', { tenantId: doc.tenantId, seriesId: doc.seriesId, reason });
      return;
    }
    if (!(await this.deps.series.replaceSeries(claimed, reread.etag))) return;
    await this.createRun(claimed, pending);
  }

  /** Why the series must end instead of running: its sender may no longer start a pulse, or its audience is gone. */
  private async endOf(doc: SeriesDoc): Promise<string | undefined> {
    const { policy, accessOf } = this.deps;
    if (!(await mayStartPulse(policy, () => accessOf({ tenantId: doc.tenantId, userId: doc.createdBy }))))
      return 'sender-may-not-start';
    try {
      await rateLimitedChannel(this.deps, doc.tenantId).rosterPage(
        doc.origin.serviceUrl,
        doc.origin.rosterId,
        ROSTER_PROBE_SIZE,
      );
      return undefined;
    } catch (error) {
      // Anything else (throttled, a network error) is tried again at the next tick; the run is not claimed yet.
      if (error instanceof ChannelError && (error.status === 403 || error.status === 404)) return 'audience-gone';
      throw error;
    }
  }
}
