import type { Person } from '../domain/person';
import type { RoleDirectory } from '../domain/roles';
import type { TenantStore } from '../storage/ports';

/**
 * What a person may do with organisation-wide data and pulses, in effect: configured ids and roles granted in chat.
 * Not the aggregate group their answers count towards (that is `Role`, from configured ids only). Admins can do
 * everything leaders and managers can.
 */
export interface Access {
  leader: boolean;
  admin: boolean;
  /** May send pulses under PULSE_POLICY=managers. */
  manager: boolean;
}

/**
 * Checked on the server for every privileged action: configured ids (ADMIN_IDS, LEADER_IDS, MANAGER_IDS) first, then the roles an
 * admin granted in chat (one point read, only when the configuration does not already decide).
 */
export async function accessOf(
  directory: RoleDirectory,
  tenants: TenantStore,
  tenantId: string,
  userId: string,
): Promise<Access> {
  const id = userId.toLowerCase();
  if (directory.adminIds.has(id)) return { leader: true, admin: true, manager: true };
  const granted = await tenants.roles(tenantId);
  const admin = granted.admins.includes(id);
  return {
    admin,
    leader: admin || directory.leaderIds.has(id) || granted.leaders.includes(id),
    manager: admin || directory.managerIds.has(id) || (granted.managers ?? []).includes(id),
  };
}

/** Resolves a person's effective access; built once in the composition root and injected into every service. */
export type AccessResolver = (person: Pick<Person, 'tenantId' | 'userId'>) => Promise<Access>;

export function accessResolver(directory: RoleDirectory, tenants: TenantStore): AccessResolver {
  return ({ tenantId, userId }) => accessOf(directory, tenants, tenantId, userId);
}
