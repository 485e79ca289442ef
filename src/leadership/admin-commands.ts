import { auditLogText } from '../audit/audit-log-view';
import { AUDIT_LOG_LIMIT, type AuditTrail } from '../audit/audit-trail';
import type { Person } from '../domain/person';
import type { TenantStore } from '../storage/ports';
import type { LeaderCommand } from './leader-commands';
import type { RoleChanges } from './role-changes';

/** The role commands an admin may type, or a malformed one (answered with how to write it). */
export type RoleCommand = Extract<LeaderCommand, { kind: 'role' | 'roles' }> | { kind: 'invalid role command' };

/** Admins read the newest audit records in their 1:1 chat; reading them is audited too. The caller checks admin. */
export async function readAuditLog(audit: AuditTrail, { tenantId, userId }: Person): Promise<string> {
  await audit.record(tenantId, { action: 'audit.viewed', actor: userId });
  const entries = await audit.recent(tenantId, AUDIT_LOG_LIMIT);
  return auditLogText(entries, AUDIT_LOG_LIMIT);
}

/** Lists the roles granted in chat, or grants/revokes one (audited by RoleChanges). The caller checks admin. */
export async function answerRoleCommand(
  deps: { tenants: TenantStore; roleChanges: RoleChanges },
  { tenantId, userId }: Person,
  command: RoleCommand,
): Promise<string> {
  if (command.kind === 'invalid role command')
    return 'Use **grant leader** or **revoke leader** (or **admin**, or **manager**) followed by the person’s Microsoft Entra object id.';
  if (command.kind === 'roles') {
    const granted = await deps.tenants.roles(tenantId);
    const list = (ids: string[]) => (ids.length > 0 ? ids.join(', ') : 'none');
    return `Granted in chat — leaders: ${list(granted.leaders)}; admins: ${list(granted.admins)}; managers: ${list(granted.managers ?? [])}. Configured ids (LEADER_IDS, ADMIN_IDS, MANAGER_IDS) also apply.`;
  }
  const { role, userId: targetId, granted } = command;
  return deps.roleChanges.change({ tenantId, actorId: userId, role, targetId, granted });
}
