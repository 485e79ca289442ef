import type { Container } from '@azure/cosmos';
import type { EarlierRecord } from './ports';

/**
 * What the `users` container holds of a roster page's people from before their participation documents existed:
 * their person documents (answers, path) and the conversation references of their sessions, in one query across
 * their partitions — bounded by the page, not one read per person.
 */
export class CosmosEarlierRecords {
  constructor(private readonly container: Container) {}

  async of(tenantId: string, userIds: readonly string[]): Promise<EarlierRecord[]> {
    if (userIds.length === 0) return [];
    const { resources } = await this.container.items
      .query<EarlierRecord>({
        query:
          'SELECT c.type, c.userId, c.answers, c.answerRoles, c.path, c.updatedAt, c.conversationReference FROM c WHERE c.tenantId = @tenantId AND ARRAY_CONTAINS(@userIds, c.userId) AND (c.type = "person" OR c.type = "session")',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@userIds', value: [...userIds] },
        ],
      })
      .fetchAll();
    return resources;
  }
}
