import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { turnRetryBudget, withBoundedRetry } from '../storage/bounded-retry';
import type { AuditEntry, AuditEvent, AuditStore } from '../storage/ports';

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
