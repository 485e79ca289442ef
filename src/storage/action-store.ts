import type { Container } from '@azure/cosmos';
import { actionDocId, type ActionDoc } from '../domain/action-docs';
import type { ActionStore, Versioned } from './ports';
import { createIfAbsent, readInPulse, replaceInPulse } from './pulse-partition';
import { withoutSystemFields } from './system-fields';

const DUE =
  'c.type = "action" AND c.status = "open" AND IS_STRING(c.remindAt) AND c.remindAt <= @key AND NOT IS_STRING(c.remindedAt)';

/** Action documents in their pulse's partition of the `pulses` container. */
export class CosmosActionStore implements ActionStore {
  constructor(private readonly container: Container) {}

  createAction(action: ActionDoc): Promise<boolean> {
    return createIfAbsent(this.container, action);
  }

  readAction(tenantId: string, pulseId: string, actionId: string): Promise<Versioned<ActionDoc> | undefined> {
    return readInPulse<ActionDoc>(this.container, actionDocId(pulseId, actionId), tenantId, pulseId);
  }

  replaceAction(action: ActionDoc, etag: string): Promise<string | undefined> {
    return replaceInPulse(this.container, action, etag);
  }

  actionsOfPulse(tenantId: string, pulseId: string, limit: number): Promise<ActionDoc[]> {
    return this.query(
      'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @key AND c.type = "action" ORDER BY c.createdAt ASC',
      tenantId,
      pulseId,
      limit,
    );
  }

  async openActionCount(tenantId: string, pulseId: string): Promise<number> {
    const { resources } = await this.container.items
      .query<number>(
        {
          query:
            'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @key AND c.type = "action" AND c.status = "open"',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@key', value: pulseId },
          ],
        },
        { partitionKey: [tenantId, pulseId] },
      )
      .fetchAll();
    return resources[0] ?? 0;
  }

  actionsOfTeam(tenantId: string, rosterId: string, limit: number): Promise<ActionDoc[]> {
    return this.query(
      'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "action" AND c.rosterId = @key ORDER BY c.createdAt DESC',
      tenantId,
      rosterId,
      limit,
    );
  }

  async recentActions(tenantId: string, limit: number): Promise<ActionDoc[]> {
    const { resources } = await this.container.items
      .query<ActionDoc>({
        query:
          'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "action" ORDER BY c.createdAt DESC',
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
        ],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  actionsOfPerson(tenantId: string, userId: string, limit: number): Promise<ActionDoc[]> {
    return this.query(
      'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "action" AND (c.ownerId = @key OR c.createdBy = @key) ORDER BY c.createdAt DESC',
      tenantId,
      userId,
      limit,
    );
  }

  dueReminders(tenantId: string, now: Date, limit: number): Promise<ActionDoc[]> {
    return this.query(
      `SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND ${DUE} ORDER BY c.remindAt ASC`,
      tenantId,
      now.toISOString(),
      limit,
    );
  }

  async tenantsWithDueReminders(now: Date): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>({
        query: `SELECT VALUE c.tenantId FROM c WHERE ${DUE}`,
        parameters: [{ name: '@key', value: now.toISOString() }],
      })
      .fetchAll();
    return [...new Set(resources)];
  }

  private async query(query: string, tenantId: string, key: string, limit: number): Promise<ActionDoc[]> {
    const { resources } = await this.container.items
      .query<ActionDoc>({
        query,
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@key', value: key },
        ],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }
}
