/**
 * Time zones without a date library: IANA names checked with Intl, wall-clock times in a zone turned into UTC instants
 * (and back) across daylight-saving changes, and instants written the way a person reads them
 * ("Wed 9 Dec, 17:00 Berlin time").
 */

/** A date and time on a wall clock, without a zone; `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** What an unknown, missing or forged zone falls back to. */
export const UTC = 'UTC';

const DAY_MS = 86_400_000;
/** Real IANA names are short and plain; anything else is not worth handing to Intl. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
const UTC_NAMES = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Greenwich|Universal|Zulu)$/i;

/** The IANA zone named by `value` (e.g. an activity's `localTimezone`), or undefined when it is missing or unknown. */
export function knownTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ZONE_NAME.test(value)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat(undefined, { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // Older ICU swaps some names for older aliases (Asia/Kolkata → Asia/Calcutta): keep the client's unless only case differs.
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/** The IANA zone named by `value`, or "UTC" when it is missing, forged or unknown. */
export function timeZoneOrUtc(value: unknown): string {
  return knownTimeZone(value) ?? UTC;
}

/** The wall-clock date and time in `zone` at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, zone: string): WallTime {
  const { year, month, day, hour, minute } = partsAt(instant, zone);
  return { year, month, day, hour, minute };
}

/**
 * The instant at which the wall clock in `zone` shows `wall`. A time that happens twice (clocks going back) is the
 * first of the two; a time that never happens (clocks going forward) moves on by the length of the gap, so 02:30 on
 * the spring change in Berlin is 03:30 summer time. (These are Temporal's "compatible" choices.)
 */
export function wallTimeToInstant(wall: WallTime, zone: string): Date {
  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Offsets a day either side: a change between them is the only way the wall time can be ambiguous or missing.
  const withEarlierOffset = asIfUtc - offsetMs(new Date(asIfUtc - DAY_MS), zone);
  const withLaterOffset = asIfUtc - offsetMs(new Date(asIfUtc + DAY_MS), zone);
  const shows = (candidate: number) => sameWallTime(wallTimeAt(new Date(candidate), zone), wall);
  if (shows(withEarlierOffset)) return new Date(withEarlierOffset);
  if (shows(withLaterOffset)) return new Date(withLaterOffset);
  return new Date(withEarlierOffset);
}

/** The same wall-clock time `days` calendar days later (or earlier) in `zone`, whatever the clocks did in between. */
export function addLocalDays(instant: Date, days: number, zone: string): Date {
  const wall = wallTimeAt(instant, zone);
  return wallTimeToInstant(normalised({ ...wall, day: wall.day + days }), zone);
}

/** The same wall-clock time and day `months` later in `zone`; a day the month lacks becomes its last day. */
export function addLocalMonths(instant: Date, months: number, zone: string): Date {
  const wall = wallTimeAt(instant, zone);
  const first = normalised({ ...wall, month: wall.month + months, day: 1 });
  return wallTimeToInstant({ ...first, day: Math.min(wall.day, daysInMonth(first.year, first.month)) }, zone);
}

/** A checked wall time from a card's "YYYY-MM-DD" and "HH:MM" (seconds ignored), or undefined for anything else. */
export function parseWallTime(date: string, time: string): WallTime | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!day || !clock) return undefined;
  const [year, month, dayOfMonth, hour, minute] = [day[1], day[2], day[3], clock[1], clock[2]].map(Number);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  return { year, month, day: dayOfMonth, hour, minute };
}

/** "2026-12-09": the calendar date of a wall time, as a card's Input.Date holds it. */
export function isoDate(wall: WallTime): string {
  return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}`;
}

/** "Wed 9 Dec, 17:00 Berlin time" (or "…, 17:00 UTC"): the instant on the wall clock of `zone`. */
export function formatInZone(instant: Date, zone: string): string {
  const parts = partsAt(instant, zone);
  return `${parts.weekday} ${parts.day} ${parts.monthName}, ${two(parts.hour)}:${two(parts.minute)} ${zoneLabel(zone, instant)}`;
}

/**
 * How a zone is named to a person: "Berlin time", "New York time" (the city of the IANA name), "UTC", or an offset
 * such as "GMT-5" for names without a city (Etc/GMT+5, EST5EDT).
 */
export function zoneLabel(zone: string, at: Date): string {
  if (UTC_NAMES.test(zone)) return UTC;
  const segments = zone.split('/');
  if (segments.length > 1 && segments[0] !== 'Etc') return `${segments.at(-1)?.replace(/_/g, ' ')} time`;
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return !offset || offset === 'GMT' ? UTC : offset;
}

interface ZonedParts extends WallTime {
  second: number;
  weekday: string;
  monthName: string;
}

function partsAt(instant: Date, zone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(instant);
  const names = new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short' }).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes, from = parts) => from.find((part) => part.type === type)?.value;
  return {
    year: Number(value('year')),
    month: Number(value('month')),
    day: Number(value('day')),
    hour: Number(value('hour')),
    minute: Number(value('minute')),
    second: Number(value('second')),
    weekday: value('weekday') ?? '',
    monthName: value('month', names) ?? '',
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date, zone: string): number {
  const parts = partsAt(instant, zone);
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallAsUtc - (instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000));
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** Carries an out-of-range day or month over, as Date.UTC does. */
function normalised(wall: WallTime): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
