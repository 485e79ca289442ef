import { CosmosActivityClaims } from './activity-claims';
import { CosmosAggregateStore } from './aggregate-store';
import { CosmosAnswerStore } from './answer-store';
import { CosmosAuditStore } from './audit-store';
import type { Containers } from './cosmos';
import { CosmosDigestStore } from './digest-store';
import { CosmosExportConsents } from './export-consents';
import { CosmosInstanceRegistry } from './instance-registry';
import { CosmosOwedPeople } from './owed-people';
import { CosmosPortfolioStore } from './portfolio-store';
import type { Stores } from './ports';
import { cosmosPulseStores } from './pulse-stores';
import { CosmosSessionStore } from './session-store';
import { CosmosTeamMembership } from './team-membership';
import { CosmosTenantLeases } from './tenant-leases';
import { CosmosTenantStore } from './tenant-store';

export interface CosmosStoresOptions {
  /** How many different people must have changed a counters document before it is published (the group threshold). */
  publishAfter: number;
  clock: () => Date;
}

/** Every store of the app on its Cosmos DB container. */
export function cosmosStores(containers: Containers, options: CosmosStoresOptions): Stores {
  const { users, aggregates, pulses, tenants, audit } = containers;
  return {
    answers: new CosmosAnswerStore(users),
    sessions: new CosmosSessionStore(users),
    memberships: new CosmosTeamMembership(users),
    aggregates: new CosmosAggregateStore(aggregates, options.publishAfter, options.clock),
    portfolios: new CosmosPortfolioStore(aggregates),
    instances: new CosmosInstanceRegistry(tenants),
    owedPeople: new CosmosOwedPeople(users),
    pulses: cosmosPulseStores(pulses),
    tenants: new CosmosTenantStore(tenants),
    digests: new CosmosDigestStore(tenants),
    consents: new CosmosExportConsents(tenants),
    claims: new CosmosActivityClaims(tenants),
    leases: new CosmosTenantLeases(tenants),
    audit: new CosmosAuditStore(audit),
  };
}
