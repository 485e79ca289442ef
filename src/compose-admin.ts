import { AuditTrail } from './audit/audit-trail';
import type { ContentIndex } from './content/content-index';
import type { RoleDirectory } from './domain/roles';
import { RoleChanges } from './leadership/role-changes';
import { SummaryScans } from './leadership/summary-scans';
import type { Logger } from './logging/logger';
import { EraseService } from './privacy/erase-service';
import type { PulseAndDigestData } from './privacy/pulse-and-digest-data';
import { CosmosActivityClaims } from './storage/activity-claims';
import { CosmosAuditStore } from './storage/audit-store';
import { CosmosTenantLeases } from './storage/tenant-leases';
import type { Containers } from './storage/cosmos';
import type { AggregateStore, AnswerStore, SessionStore, TeamMembership, TenantStore } from './storage/ports';

export interface AdminParts {
  audit: AuditTrail;
  erasure: EraseService;
  scans: SummaryScans;
  roleChanges: RoleChanges;
}

export interface AdminPartsOptions {
  containers: Containers;
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
}

/** The audit trail and what it records or guards: role changes, summary scans and "delete my data". */
export function composeAdmin(options: AdminPartsOptions): AdminParts {
  const { containers, index, aggregates, logger, clock } = options;
  const audit = new AuditTrail(new CosmosAuditStore(containers.audit), logger, clock);
  const claims = new CosmosActivityClaims(containers.tenants);
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
    }),
    scans: new SummaryScans({
      index,
      stores,
      leases: new CosmosTenantLeases(containers.tenants),
      claims,
      audit,
      clock,
    }),
    roleChanges: new RoleChanges(options.tenants, options.directory, audit),
  };
}
