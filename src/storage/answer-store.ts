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

  /** The earliest `answeredAt` of the tenant's answers: one TOP 1 query on an indexed field. */
  async firstAnsweredAt(tenantId: string): Promise<string | undefined> {
    const { resources } = await this.container.items
      .query<string>({
        query:
          'SELECT TOP 1 VALUE c.answeredAt FROM c WHERE c.tenantId = @tenantId AND c.type = "answer" ORDER BY c.answeredAt ASC',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return typeof resources[0] === 'string' ? resources[0] : undefined;
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

  /**
   * The answers to these questions in the tenant, a query within the tenant on indexed paths (type, questionId); with
   * `teamId`, only those of people whose membership document lists the team (a second query, on teamIds).
   */
  async listForQuestions(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<StoredAnswer[]> {
    const members = teamId === undefined ? undefined : await this.teamMembers(tenantId, teamId);
    if (members?.size === 0 || questionIds.length === 0) return [];
    const { resources } = await this.container.items
      .query<StoredAnswer>({
        query:
          'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "answer" AND ARRAY_CONTAINS(@questionIds, c.questionId)',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@questionIds', value: [...questionIds] },
        ],
      })
      .fetchAll();
    const answers = resources.map(withoutSystemFields);
    return members === undefined ? answers : answers.filter((answer) => members.has(answer.userId));
  }

  private async teamMembers(tenantId: string, teamId: string): Promise<Set<string>> {
    const { resources } = await this.container.items
      .query<{ userId: string }>({
        query:
          'SELECT c.userId FROM c WHERE c.tenantId = @tenantId AND c.type = "membership" AND ARRAY_CONTAINS(c.teamIds, @teamId)',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@teamId', value: teamId },
        ],
      })
      .fetchAll();
    return new Set(resources.map((row) => row.userId));
  }
}
