import type { ParticipationDoc } from '../domain/invitation-docs';
import { addLocalDays, wallTimeAt, wallTimeToInstant } from '../domain/time-zones';
import { isWorkingTime, WORKING_HOURS } from './working-hours';

/** Reminder days when a tenant has set none: three and ten days after the person's last progress. */
export const DEFAULT_NUDGE_DAYS: [number, number] = [3, 10];

/**
 * Due: fewer than two so far, not opted out or finished, the n-th reminder's days passed since their last progress
 * (local days in their zone, whatever the clocks did) and since the first reminder, and now is working time there.
 */
export function due(doc: ParticipationDoc, days: [number, number], now: Date): boolean {
  const earliest = earliestReminder(doc, days);
  return earliest !== undefined && earliest <= now && isWorkingTime(now, doc.timeZone ?? 'UTC');
}

/**
 * The instant the person's next reminder is due — not before `now`, moved into their working hours — or undefined
 * when none is (two sent, opted out, finished, not started, or no 1:1 chat to send it to). Stored as `nextNudgeAt`:
 * the reminder query reads only those due, soonest first.
 */
export function nextNudgeAt(doc: ParticipationDoc, days: [number, number], now: Date): string | undefined {
  const earliest = doc.chat ? earliestReminder(doc, days) : undefined;
  if (!earliest) return undefined;
  const from = earliest > now ? earliest : now;
  return nextWorkingTime(from, doc.timeZone ?? 'UTC').toISOString();
}

/** The document with `nextNudgeAt` set to `at`, or without it. */
export function scheduled(doc: ParticipationDoc, at: string | undefined): ParticipationDoc {
  const next = { ...doc };
  delete next.nextNudgeAt;
  return at ? { ...next, nextNudgeAt: at } : next;
}

function earliestReminder(doc: ParticipationDoc, days: [number, number]): Date | undefined {
  if (doc.nudgeCount >= 2 || doc.noReminders || doc.noInvitations || doc.finishedAt || !doc.startedAt) return undefined;
  if (!doc.lastActiveAt) return undefined;
  const zone = doc.timeZone ?? 'UTC';
  const afterActivity = addLocalDays(new Date(doc.lastActiveAt), days[doc.nudgeCount], zone);
  const first = doc.nudgedAt?.[0];
  const afterFirst = first ? addLocalDays(new Date(first), days[1] - days[0], zone) : afterActivity;
  return afterActivity > afterFirst ? afterActivity : afterFirst;
}

/** `instant` if it is working time in `zone`, else the start of the next working day's hours there. */
export function nextWorkingTime(instant: Date, zone: string): Date {
  let at = instant;
  for (let step = 0; step < 8 && !isWorkingTime(at, zone); step++) {
    const wall = wallTimeAt(at, zone);
    const opening = wallTimeToInstant({ ...wall, hour: WORKING_HOURS.from, minute: 0 }, zone);
    at = opening > at ? opening : addLocalDays(opening, 1, zone);
  }
  return at;
}
