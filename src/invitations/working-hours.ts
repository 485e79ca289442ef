import { wallTimeAt } from '../domain/time-zones';

/** Reminders go out only on weekdays from 09:00 to 17:00 on the person's own clock. */
export const WORKING_HOURS = { from: 9, to: 17 };

/** Whether `instant` falls in working hours (Monday to Friday, 09:00–17:00) in `zone`. */
export function isWorkingTime(instant: Date, zone: string): boolean {
  const wall = wallTimeAt(instant, zone);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return weekday >= 1 && weekday <= 5 && wall.hour >= WORKING_HOURS.from && wall.hour < WORKING_HOURS.to;
}
