/**
 * The Cosmos DB containers and their partition keys: the one source of truth that the code,
 * the local server set-up and infra/ Bicep (checked by a test) share.
 */
export interface ContainerSpec {
  id: string;
  /** Hierarchical partition key paths, tenant first: no query ever needs to cross tenants. */
  partitionKeyPaths: string[];
  purpose: string;
  /**
   * Time to live in seconds, which turns Cosmos' TTL on for the container: -1 lets only documents with their own `ttl`
   * expire; a positive number also expires every other document that long after its last write.
   */
  defaultTtl?: number;
}

/** How long an audit record is kept: 400 days, in seconds. */
const AUDIT_RETENTION_SECONDS = 400 * 24 * 60 * 60;

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
    purpose:
      'Per-tenant settings: granted roles, digest subscriptions and schedules, leases, short-lived claims of one-off work by activity id and export consent tokens (both with their own ttl).',
    defaultTtl: -1,
  },
  audit: {
    id: 'audit',
    partitionKeyPaths: ['/tenantId'],
    purpose:
      'The audit trail: one record per role change, summary view, export, check or rebuild, audit read and unfinished deletion, kept 400 days.',
    defaultTtl: AUDIT_RETENTION_SECONDS,
  },
} as const satisfies Record<string, ContainerSpec>;

export type ContainerName = keyof typeof CONTAINERS;
