import type { GrantedRole } from './tenants';

/** What is audited. Each names a fixed kind of event; no record ever holds anyone's answers. */
export type AuditAction =
  | 'role.granted'
  | 'role.revoked'
  /** Someone without the right asked to grant or revoke the admin role. */
  | 'role.refused'
  | 'summary.viewed'
  | 'summary.exported'
  | 'summary.check'
  | 'summary.rebuild'
  | 'audit.viewed'
  | 'portfolio.viewed'
  /** A leader renamed, merged, split or moved a group of the portfolio; `detail` says which, never the new name. */
  | 'portfolio.edited'
  /** A person's data is deleted but `detail` (summary figures, example statements) was left: a rebuild removes it. */
  | 'data.erase-incomplete'
  /** A person's "delete my data" stopped before `detail` was removed; they were asked to try again. */
  | 'data.erase-failed'
  /** A manager, leader or a pulse's sender planned an action; `target` is its owner, never its text. */
  | 'action.planned'
  /** An action's owner or creator marked it done or changed it; `detail` names the kinds of change only. */
  | 'action.updated';

/** One auditable event, as the feature that caused it describes it. */
export interface AuditEvent {
  action: AuditAction;
  /** Who did it (Entra object id); absent for a person deleting their data (no id of theirs is kept). */
  actor?: string;
  /** Whose role changed (Entra object id). */
  target?: string;
  role?: GrantedRole;
  /** Which summary was viewed or exported. */
  scope?: 'organisation' | 'team';
  teamId?: string;
  /** The team's name as Teams sent it (kept in the record for the admin's table, never logged). */
  teamName?: string;
  /** Fixed words from the code (e.g. "summary figures"), never text a person typed. */
  detail?: string;
}

/** A stored audit record. */
export interface AuditEntry extends AuditEvent {
  id: string;
  tenantId: string;
  /** When, ISO 8601 UTC. */
  at: string;
}

/** Where audit records are kept: appended, and read newest first within a tenant. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  recent(tenantId: string, limit: number): Promise<AuditEntry[]>;
}
