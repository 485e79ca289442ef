import type { Container } from '@azure/cosmos';
import { personFromRecords } from './person-doc';
import type { PersonReader } from './ports';
import { personId, type PersonDoc, type PersonState, type StoredAnswer } from './user-docs';

/**
 * A person's state from their own partition of the `users` container: the person document (one point read), or for
 * someone stored before it existed, their answer documents (one query of their partition).
 */
export class CosmosPersonReader implements PersonReader {
  constructor(private readonly container: Container) {}

  async read(tenantId: string, userId: string): Promise<PersonState> {
    const partitionKey = [tenantId, userId];
    const { resource } = await this.container.item(personId(userId), partitionKey).read<PersonDoc>();
    if (resource) return pick(resource);
    const { resources } = await this.container.items
      .query<StoredAnswer>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId AND c.type = "answer"',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey },
      )
      .fetchAll();
    return pick(personFromRecords(tenantId, userId, resources, []));
  }
}

function pick({ answers, answerRoles, teamIds, path }: PersonDoc): PersonState {
  return { answers, answerRoles, teamIds, ...(path === undefined ? {} : { path }) };
}
