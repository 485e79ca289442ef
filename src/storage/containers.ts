/**
 * The Cosmos DB containers and their partition keys: the one source of truth that the code,
 * the local server set-up and infra/ Bicep (checked by a test) share.
 */
export interface ContainerSpec {
  id: string;
  /** Hierarchical partition key paths, tenant first: no query ever needs to cross tenants. */
  partitionKeyPaths: string[];
  purpose: string;
}

export const CONTAINERS = {
  users: {
    id: 'users',
    partitionKeyPaths: ['/tenantId', '/userId'],
    purpose:
      'One logical partition per person: an answer document per question and a session (dialog state, conversation reference) per conversation, written together in one transactional batch.',
  },
  aggregates: {
    id: 'aggregates',
    partitionKeyPaths: ['/tenantId', '/questionId'],
    purpose: 'Counters per tenant and question, maintained as answers arrive; summaries read only these.',
  },
  pulses: {
    id: 'pulses',
    partitionKeyPaths: ['/tenantId', '/pulseId'],
    purpose: 'A pulse survey, its per-recipient delivery ledger, its responses and its send lease.',
  },
  tenants: {
    id: 'tenants',
    partitionKeyPaths: ['/tenantId'],
    purpose: 'Per-tenant settings: granted roles, digest subscriptions and schedules.',
  },
} as const satisfies Record<string, ContainerSpec>;

export type ContainerName = keyof typeof CONTAINERS;
