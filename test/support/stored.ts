import { total } from '../../src/aggregation/contributions';
import { answerId } from '../../src/storage/user-docs';
import type { Containers } from '../../src/storage/cosmos';
import { TENANT } from './bot-harness';

/** How many answers to the question the tenant's counters hold, read straight from Cosmos. */
export async function answersCounted(containers: Containers, questionId: string): Promise<number> {
  const { resource } = await containers.aggregates.item(`aggregate|${questionId}`, [TENANT, questionId]).read();
  return total((resource?.counters ?? {}) as Record<string, number>, 'n');
}

/** The value of the person's stored answer to the question (undefined when there is none). */
export async function storedAnswer(containers: Containers, userId: string, questionId: string): Promise<unknown> {
  const { resource } = await containers.users.item(answerId(userId, questionId), [TENANT, userId]).read();
  return resource?.value;
}
