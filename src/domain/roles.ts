/**
 * The aggregate group an answer counts towards (leaders and employees are compared in summaries), from configured
 * LEADER_IDS only. Not what a person may do: that is `Access` (src/leadership/access.ts).
 */
export type Role = 'leader' | 'employee';

export interface RoleDirectory {
  adminIds: ReadonlySet<string>;
  leaderIds: ReadonlySet<string>;
  managerIds: ReadonlySet<string>;
}

/** The aggregate group of a user, from configured Entra object ids. */
export function roleOf(directory: RoleDirectory, userId: string): Role {
  return directory.leaderIds.has(userId.toLowerCase()) ? 'leader' : 'employee';
}
