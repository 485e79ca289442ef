import type { PulsePolicy } from '../config';
import type { RoleDirectory } from '../domain/roles';

/** Whether a person may start a pulse: anyone in the team, or only configured managers and admins. */
export function mayStartPulse(policy: PulsePolicy, directory: RoleDirectory, userId: string): boolean {
  if (policy === 'anyone') return true;
  const id = userId.toLowerCase();
  return directory.managerIds.has(id) || directory.adminIds.has(id);
}

/** Only the person who started a pulse (or an admin) may close it early. */
export function mayClosePulse(directory: RoleDirectory, userId: string, createdBy: string): boolean {
  const id = userId.toLowerCase();
  return id === createdBy.toLowerCase() || directory.adminIds.has(id);
}
