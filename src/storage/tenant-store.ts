import type { Container } from '@azure/cosmos';
import type { GrantedRole, RolesDoc, TenantStore } from './ports';
import { withoutSystemFields } from './system-fields';

const LIST: Record<GrantedRole, 'leaders' | 'admins' | 'managers'> = {
  leader: 'leaders',
  admin: 'admins',
  manager: 'managers',
};

const ATTEMPTS = 5;

/** Per-tenant settings in the `tenants` container: granted roles (this file) and digest subscriptions. */
export class CosmosTenantStore implements TenantStore {
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
