import { WORKING_HOURS } from '../invitations/working-hours';
import { wallTimeToInstant } from '../domain/time-zones';

const DAY_MS = 86_400_000;

/**
 * When the owner is reminded: the start of working hours on the last weekday before the due day, in `zone`; undefined
 * when that moment has passed already (an action due tomorrow planned this afternoon gets no reminder).
 */
export function reminderAt(dueDate: string, zone: string, now: Date): Date | undefined {
  let day = Date.parse(`${dueDate}T00:00:00Z`) - DAY_MS;
  while ([0, 6].includes(new Date(day).getUTCDay())) day -= DAY_MS;
  const date = new Date(day);
  const at = wallTimeToInstant(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: WORKING_HOURS.from,
      minute: 0,
    },
    zone,
  );
  return at > now ? at : undefined;
}

/** "Wed 9 Dec 2026": a due day as people read it (a day, not an instant: no zone). */
export function formatDueDate(dueDate: string): string {
  const day = new Date(`${dueDate}T12:00:00Z`);
  const part = (options: Intl.DateTimeFormatOptions) =>
    day.toLocaleDateString('en-GB', { ...options, timeZone: 'UTC' });
  return `${part({ weekday: 'short' })} ${part({ day: 'numeric' })} ${part({ month: 'short' })} ${part({ year: 'numeric' })}`;
}
