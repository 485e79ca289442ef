import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { GrantedRole } from '../storage/tenant-store';
import { turnRetryBudget, withBoundedRetry } from '../storage/bounded-retry';

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
  /** A person's data is deleted but `detail` (summary figures, example statements) was left: a rebuild removes it. */
  | 'data.erase-incomplete'
  /** A person's "delete my data" stopped before `detail` was removed; they were asked to try again. */
  | 'data.erase-failed';

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

/** The most entries `audit log` shows. */
export const AUDIT_LOG_LIMIT = 50;
const TEAM_ID_CHARS = 200;
const TEAM_NAME_CHARS = 100;

/**
 * The audit trail: every privileged action writes one record (tenant-partitioned, kept 400 days) and one JSON log
 * line. The log line comes first, so an action whose record cannot be stored still leaves a trace.
 */
export class AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  async record(tenantId: string, event: AuditEvent): Promise<void> {
    const at = this.clock().toISOString();
    const entry: AuditEntry = {
      ...event,
      ...(event.teamId === undefined ? {} : { teamId: event.teamId.slice(0, TEAM_ID_CHARS) }),
      ...(event.teamName === undefined ? {} : { teamName: event.teamName.slice(0, TEAM_NAME_CHARS) }),
      id: `audit|${at}|${randomUUID().slice(0, 8)}`,
      tenantId,
      at,
    };
    const { action, actor, target, role, scope, teamId, detail } = entry;
    this.logger.info('audit', { tenantId, action, actor, target, role, scope, teamId, detail });
    try {
      await withBoundedRetry(() => this.store.append(entry), turnRetryBudget(3_000));
    } catch (error) {
      this.logger.error('audit.write-failed', { tenantId, action, error: (error as Error).name });
    }
  }

  /** The newest records of the tenant, newest first. */
  recent(tenantId: string, limit = AUDIT_LOG_LIMIT): Promise<AuditEntry[]> {
    return this.store.recent(tenantId, Math.max(1, Math.min(AUDIT_LOG_LIMIT, Math.floor(limit))));
  }
}
