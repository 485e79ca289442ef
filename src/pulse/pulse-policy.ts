import type { PulsePolicy } from '../config';
import type { Access } from '../leadership/access';

/** Whether a person may start a pulse: anyone in the team, or only managers and admins (configured or granted). */
export function mayStartPulse(policy: PulsePolicy, access: Access): boolean {
  return policy === 'anyone' || access.manager || access.admin;
}

/** Only the person who started a pulse (or an admin) may close it early. */
export function mayClosePulse(access: Access, userId: string, createdBy: string): boolean {
  return userId.toLowerCase() === createdBy.toLowerCase() || access.admin;
}
