/** Roles the Agents Playground's default user can be given in local mode (LOCAL_ROLES). */
export type LocalRole = 'admin' | 'leader' | 'manager';

export const LOCAL_ROLES: readonly LocalRole[] = ['admin', 'leader', 'manager'];

/**
 * The Entra object id the local roles are given to: the Agents Playground's default user (Alex Wilber) as its built-in
 * configuration sends it (src/local/playground-defaults.ts).
 */
export const LOCAL_ROLE_USER_ID = '00000000-0000-0000-0000-0000000000020';

/**
 * LOCAL_ROLES: empty means every role, `none` means none (the behaviour of a deployed bot), otherwise a comma-separated
 * list of roles. Returns the roles, or a problem to report.
 */
export function parseLocalRoles(text: string): { roles: readonly LocalRole[] } | { problem: string } {
  const value = text.trim().toLowerCase();
  if (value === '') return { roles: LOCAL_ROLES };
  if (value === 'none') return { roles: [] };
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(LOCAL_ROLES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    return {
      problem: `LOCAL_ROLES must be "none" or a comma-separated list of ${LOCAL_ROLES.join(', ')}, not "${text.trim()}"`,
    };
  return { roles: LOCAL_ROLES.filter((role) => names.includes(role)) };
}

/** The configured ids with the local user added for each local role. */
export function withLocalRoles(
  ids: ReadonlySet<string>,
  role: LocalRole,
  roles: readonly LocalRole[],
): ReadonlySet<string> {
  return roles.includes(role) ? new Set([...ids, LOCAL_ROLE_USER_ID]) : ids;
}
