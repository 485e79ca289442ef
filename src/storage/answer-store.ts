import type { Container } from '@azure/cosmos';
import type { AnswerValue } from '../domain/answers';
import type { Role } from '../domain/roles';
import { withoutSystemFields } from './system-fields';

/** One answer document: a user's answer to one question, partitioned by tenant and user. */
export interface StoredAnswer {
  id: string;
  type: 'answer';
  tenantId: string;
  userId: string;
  questionId: string;
  sectionId: string;
  packId: string;
  packVersion: string;
  role: Role;
  value: AnswerValue;
  answeredAt: string;
}

/** The id is derived from user and question, so a redelivered or retried submit overwrites instead of duplicating. */
export function answerId(userId: string, questionId: string): string {
  return `answer|${userId}|${questionId}`;
}

/** A change to one answer, written in the same transactional batch as the session that records it. */
export type AnswerWrite =
  { op: 'upsert'; answer: StoredAnswer } | { op: 'delete'; tenantId: string; userId: string; questionId: string };

/** The answer document for a user's answer; its id makes a repeated write overwrite, never duplicate. */
export function answerDocument(answer: Omit<StoredAnswer, 'id' | 'type'>): StoredAnswer {
  return { ...answer, id: answerId(answer.userId, answer.questionId), type: 'answer' };
}

/** Reads the strategy conversation's answers (SessionStore writes and erases them with the session). */
export class AnswerStore {
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
}
