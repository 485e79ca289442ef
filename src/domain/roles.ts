/** Whose view an answer counts towards in aggregates: leaders and employees are compared in summaries. */
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
