import { AuditTrail } from './audit/audit-trail';
import type { CountersParts } from './compose-counters';
import type { ContentIndex } from './content/content-index';
import type { RoleDirectory } from './domain/roles';
import { RoleChanges } from './leadership/role-changes';
import { SummaryScans } from './leadership/summary-scans';
import type { Logger } from './logging/logger';
import { EraseService } from './privacy/erase-service';
import type { PulseAndDigestData } from './privacy/pulse-and-digest-data';
import type {
  ActivityClaims,
  AggregateStore,
  AnswerStore,
  AuditStore,
  SessionStore,
  TeamMembership,
  TenantLeases,
  TenantStore,
} from './storage/ports';

export interface AdminParts {
  audit: AuditTrail;
  erasure: EraseService;
  scans: SummaryScans;
  roleChanges: RoleChanges;
}

export interface AdminPartsOptions {
  auditStore: AuditStore;
  claims: ActivityClaims;
  leases: TenantLeases;
  index: ContentIndex;
  directory: RoleDirectory;
  answers: AnswerStore;
  sessions: SessionStore;
  aggregates: AggregateStore;
  memberships: TeamMembership;
  tenants: TenantStore;
  pulseAndDigestData: PulseAndDigestData;
  logger: Logger;
  clock: () => Date;
  /** Whether the counters hold the changes still owed for stored answers (checked before an erasure or a rebuild). */
  counters: Pick<CountersParts, 'owedHeld' | 'tenantOwedHeld'>;
}

/** The audit trail and what it records or guards: role changes, summary scans and "delete my data". */
export function composeAdmin(options: AdminPartsOptions): AdminParts {
  const { index, aggregates, claims, logger, clock, counters } = options;
  const audit = new AuditTrail(options.auditStore, logger, clock);
  const stores = { answers: options.answers, aggregates, memberships: options.memberships };
  return {
    audit,
    erasure: new EraseService({
      index,
      sessions: options.sessions,
      aggregates,
      pulseAndDigestData: options.pulseAndDigestData,
      claims,
      audit,
      logger,
      clock,
      counters,
    }),
    scans: new SummaryScans({
      index,
      stores,
      leases: options.leases,
      claims,
      audit,
      clock,
      counters,
    }),
    roleChanges: new RoleChanges(options.tenants, options.directory, audit),
  };
}
