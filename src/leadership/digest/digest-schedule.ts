import { addLocalDays, addLocalMonths } from '../../domain/time-zones';
import type { DigestFrequency } from '../../storage/ports';

/**
 * When the next digest is due after `from`: a week later, or the same day next month (clamped to its end), at the same
 * wall-clock time in the leader's IANA `timeZone`, so a daylight-saving change does not move it by an hour.
 */
export function nextDigestAt(from: Date, frequency: DigestFrequency, timeZone: string): Date {
  return frequency === 'weekly' ? addLocalDays(from, 7, timeZone) : addLocalMonths(from, 1, timeZone);
}
