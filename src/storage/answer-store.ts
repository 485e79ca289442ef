import type { Container } from '@azure/cosmos';
import type { AnswerStore } from './ports';
import { withoutSystemFields } from './system-fields';
import type { StoredAnswer } from './user-docs';

/** Reads the strategy conversation's answers and paths (SessionStore writes and erases them with the session). */
export class CosmosAnswerStore implements AnswerStore {
  constructor(private readonly container: Container) {}

  /** Every answer of one user, in one partition. */
  async listForUser(tenantId: string, userId: string): Promise<StoredAnswer[]> {
    const { resources } = await this.container.items
      .query<StoredAnswer>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId AND c.type = "answer"',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey: [tenantId, userId] },
      )
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  /** Every answer in the tenant (the rebuild and the benchmark's naive baseline; a query within the tenant). */
  async listAllInTenant(tenantId: string): Promise<StoredAnswer[]> {
    const { resources } = await this.container.items
      .query<StoredAnswer>({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "answer"',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  /** The path recorded on each person document of the tenant that has one (a query within the tenant). */
  async listPathsInTenant(tenantId: string): Promise<Map<string, string>> {
    const { resources } = await this.container.items
      .query<{ userId: string; path: string }>({
        query:
          'SELECT c.userId, c.path FROM c WHERE c.tenantId = @tenantId AND c.type = "person" AND IS_DEFINED(c.path)',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return new Map(resources.map(({ userId, path }) => [userId, path]));
  }
}
