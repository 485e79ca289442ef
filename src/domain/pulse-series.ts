import { createHash } from 'node:crypto';
import { addLocalDays, addLocalMonths } from './time-zones';
import type { PulseOrigin, PulseQuestion } from './pulse-docs';

/** How often a pulse repeats; `never` is a one-off pulse (no series). */
export const REPEATS = ['never', 'weekly', 'fortnightly', 'monthly', 'quarterly'] as const;
export type Repeat = (typeof REPEATS)[number];

/** What the setup card and the cards say for each choice. */
export const REPEAT_LABELS: Record<Repeat, string> = {
  never: 'Never',
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
  quarterly: 'Every quarter',
};

/** Whether a card's value is one of the choices (a forged value is not). */
export function isRepeat(value: unknown): value is Repeat {
  return typeof value === 'string' && (REPEATS as readonly string[]).includes(value);
}

/**
 * A recurring pulse: what every run asks and where it goes, and when the next run is due. Stored in the `pulses`
 * container in the partition of its first run (`pulseId` = `seriesId` = the first run's pulse id).
 */
export interface SeriesDoc {
  id: string;
  type: 'series';
  tenantId: string;
  pulseId: string;
  seriesId: string;
  repeat: Exclude<Repeat, 'never'>;
  /** The sender's IANA zone: every run goes out at the first run's wall-clock time in it. */
  timeZone: string;
  /** When the first run was sent; run k is due k periods later, same local time. */
  anchorAt: string;
  /** The first run's deadline and reminder; run k's are these shifted by k periods (same local time). */
  firstDeadline: string;
  firstReminderAt?: string;
  title: string;
  templateId?: string;
  questions: PulseQuestion[];
  allowComment: boolean;
  threshold: number;
  commentThreshold: number;
  origin: PulseOrigin;
  createdBy: string;
  status: 'active' | 'stopped';
  stoppedAt?: string;
  /** The next period index to run (the first run is 0) and when it is due. */
  nextIndex: number;
  nextRunAt: string;
  /** A run claimed (the series advanced) whose pulse may not have been created yet: created on the next tick. */
  pendingRun: { index: number; pulseId: string } | null;
}

export const seriesDocId = (seriesId: string): string => `series|${seriesId}`;

/** The pulse id of a series' run k: the same on every instance, so creating it twice conflicts instead. */
export function runPulseId(tenantId: string, seriesId: string, index: number): string {
  return createHash('sha256').update(`${tenantId}|${seriesId}|run|${index}`).digest('hex').slice(0, 32);
}

/** The pulse id of the run a sender started with Run again from `fromPulseId`'s results card (once per card). */
export function againPulseId(tenantId: string, fromPulseId: string): string {
  return createHash('sha256').update(`${tenantId}|${fromPulseId}|again`).digest('hex').slice(0, 32);
}

/** `instant` moved on by `periods` repeats in `zone`, keeping its wall-clock time across daylight-saving changes. */
export function shiftByPeriods(instant: Date, repeat: Exclude<Repeat, 'never'>, periods: number, zone: string): Date {
  if (repeat === 'weekly') return addLocalDays(instant, 7 * periods, zone);
  if (repeat === 'fortnightly') return addLocalDays(instant, 14 * periods, zone);
  return addLocalMonths(instant, (repeat === 'monthly' ? 1 : 3) * periods, zone);
}

/** When run `index` of the series is due. */
export function runDueAt(series: Pick<SeriesDoc, 'anchorAt' | 'repeat' | 'timeZone'>, index: number): Date {
  return shiftByPeriods(new Date(series.anchorAt), series.repeat, index, series.timeZone);
}
