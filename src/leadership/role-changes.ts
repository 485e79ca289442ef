import type { AuditTrail } from '../audit/audit-trail';
import type { RoleDirectory } from '../domain/roles';
import type { GrantedRole, TenantStore } from '../storage/ports';

export interface RoleChange {
  tenantId: string;
  /** The admin asking (already checked to be one). */
  actorId: string;
  role: GrantedRole;
  targetId: string;
  granted: boolean;
}

/**
 * Roles granted and revoked in chat, each one audited. Who may make admins is kept narrow: only the admins configured
 * in ADMIN_IDS (set by whoever deploys the bot) may grant or revoke the admin role; an admin granted in chat may grant
 * and revoke leaders and managers, so a granted admin cannot make more admins, and every attempt leaves a record.
 */
export class RoleChanges {
  constructor(
    private readonly tenants: TenantStore,
    private readonly directory: RoleDirectory,
    private readonly audit: AuditTrail,
  ) {}

  /** Applies the change if the actor may make it; returns the reply for them. */
  async change({ tenantId, actorId, role, targetId, granted }: RoleChange): Promise<string> {
    const event = { actor: actorId, target: targetId, role };
    if (role === 'admin' && !this.directory.adminIds.has(actorId.toLowerCase())) {
      await this.audit.record(tenantId, { action: 'role.refused', ...event });
      return 'Only the admins configured in ADMIN_IDS can grant or revoke the admin role. You can grant and revoke **leader** and **manager**.';
    }
    const changed = await this.tenants.setRole(tenantId, role, targetId, granted);
    if (!changed) return 'Nothing to change: that was already so.';
    await this.audit.record(tenantId, { action: granted ? 'role.granted' : 'role.revoked', ...event });
    return `Done: ${role} role ${granted ? 'granted' : 'revoked'} for ${targetId}.`;
  }
}
