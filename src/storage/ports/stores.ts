import type { AggregateStore } from './aggregates';
import type { AnswerStore } from './answers';
import type { AuditStore } from './audit';
import type { DigestStore } from './digests';
import type { InstanceRegistry, OwedPeople } from './owed';
import type { PortfolioStore } from './portfolio';
import type { PulseStores } from './pulse-stores';
import type { SessionStore, TeamMembership } from './sessions';
import type { ActivityClaims, ExportConsents, TenantLeases, TenantStore } from './tenants';

/** Every store of the app, container by container: what the composition root hands to the features. */
export interface Stores {
  answers: AnswerStore;
  sessions: SessionStore;
  memberships: TeamMembership;
  aggregates: AggregateStore;
  portfolios: PortfolioStore;
  instances: InstanceRegistry;
  owedPeople: OwedPeople;
  pulses: PulseStores;
  tenants: TenantStore;
  digests: DigestStore;
  consents: ExportConsents;
  claims: ActivityClaims;
  leases: TenantLeases;
  audit: AuditStore;
}
