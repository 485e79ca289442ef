import type { Container } from '@azure/cosmos';
import { CONTAINERS } from './containers';
import type { AuditEntry, AuditStore } from './ports';
import { withoutSystemFields } from './system-fields';

/** An audit record as stored: its own `ttl` (the container's retention) makes Cosmos delete it when that has passed. */
type AuditDoc = AuditEntry & { type: 'audit'; ttl: number };

/** The audit trail in the `audit` container, one partition per tenant. */
export class CosmosAuditStore implements AuditStore {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry): Promise<void> {
    const doc: AuditDoc = { ...entry, type: 'audit', ttl: CONTAINERS.audit.defaultTtl };
    await this.container.items.create(doc);
  }

  async recent(tenantId: string, limit: number): Promise<AuditEntry[]> {
    const { resources } = await this.container.items
      .query<AuditDoc>(
        {
          // TOP takes a literal; `limit` is a whole number the caller bounded.
          query: `SELECT TOP ${Math.floor(limit)} * FROM c WHERE c.tenantId = @tenantId AND c.type = "audit" ORDER BY c.at DESC`,
          parameters: [{ name: '@tenantId', value: tenantId }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(withoutSystemFields);
  }
}
