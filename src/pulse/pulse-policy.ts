import type { PulsePolicy } from '../config';
import type { Access } from '../leadership/access';

/** Roles are read only when the policy needs them (one point read). */
type AccessLookup = () => Promise<Access>;

/** Whether a person may start a pulse: anyone in the team, or only managers and admins (configured or granted). */
export async function mayStartPulse(policy: PulsePolicy, access: AccessLookup): Promise<boolean> {
  if (policy === 'anyone') return true;
  const { manager, admin } = await access();
  return manager || admin;
}

/** Only the person who started a pulse (or an admin) may close it early. */
export async function mayClosePulse(userId: string, createdBy: string, access: AccessLookup): Promise<boolean> {
  return userId.toLowerCase() === createdBy.toLowerCase() || (await access()).admin;
}
