import type { Container } from '@azure/cosmos';
import { withoutSystemFields } from './system-fields';

export type GrantedRole = 'leader' | 'admin' | 'manager';

/** Roles an admin granted in chat, one document per tenant (id `roles`); configured ids are not stored here. */
export interface RolesDoc {
  id: 'roles';
  type: 'roles';
  tenantId: string;
  leaders: string[];
  admins: string[];
  /** May send pulses under PULSE_POLICY=managers (absent on documents from before this role). */
  managers?: string[];
}

const LIST: Record<GrantedRole, 'leaders' | 'admins' | 'managers'> = {
  leader: 'leaders',
  admin: 'admins',
  manager: 'managers',
};

const ATTEMPTS = 5;

/** Per-tenant settings in the `tenants` container: granted roles (this file) and digest subscriptions. */
export class TenantStore {
  constructor(private readonly container: Container) {}

  /** The roles granted in chat in this tenant (empty lists when none). */
  async roles(tenantId: string): Promise<RolesDoc> {
    const { resource } = await this.container.item('roles', tenantId).read<RolesDoc>();
    return resource ? { managers: [], ...withoutSystemFields(resource) } : emptyRoles(tenantId);
  }

  /** Adds or removes a user's granted role; true when something changed. Optimistic concurrency on the one doc. */
  async setRole(tenantId: string, role: GrantedRole, userId: string, granted: boolean): Promise<boolean> {
    const key = LIST[role];
    for (let attempt = 1; ; attempt++) {
      const item = this.container.item('roles', tenantId);
      const { resource, etag } = await item.read<RolesDoc>();
      const doc = resource ? withoutSystemFields(resource) : emptyRoles(tenantId);
      const ids = doc[key] ?? [];
      if (ids.includes(userId) === granted) return false;
      doc[key] = granted ? [...ids, userId].sort() : ids.filter((id) => id !== userId);
      try {
        if (resource) await item.replace(doc, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } });
        else await this.container.items.create(doc);
        return true;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if ((code !== 412 && code !== 409) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}

function emptyRoles(tenantId: string): RolesDoc {
  return { id: 'roles', type: 'roles', tenantId, leaders: [], admins: [], managers: [] };
}
