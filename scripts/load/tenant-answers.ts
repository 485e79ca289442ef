import type { Container } from '@azure/cosmos';
import type { StoredAnswer } from '../../src/storage/answer-store';

/**
 * Every answer of a tenant in one paged scan, grouped by user. The embedded server honours only the first level of
 * the hierarchical partition key, so a per-user query scans the whole tenant; with thousands of users one scan is
 * far cheaper than one query each.
 */
export async function answersByUser(users: Container, tenantId: string): Promise<Map<string, StoredAnswer[]>> {
  const byUser = new Map<string, StoredAnswer[]>();
  const iterator = users.items.query<StoredAnswer>({
    query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "answer"',
    parameters: [{ name: '@tenantId', value: tenantId }],
  });
  while (iterator.hasMoreResults()) {
    const { resources } = await iterator.fetchNext();
    for (const answer of resources) byUser.set(answer.userId, [...(byUser.get(answer.userId) ?? []), answer]);
  }
  return byUser;
}
