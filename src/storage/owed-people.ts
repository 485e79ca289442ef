import type { Container } from '@azure/cosmos';
import type { OwedChanges } from '../aggregation/owed-changes';
import type { OwedPeople, OwedPerson } from './ports';
import { personId } from './user-docs';

/** Person documents with owed counter changes: a query across tenants on `owedSince` (kept only while something is owed). */
export class CosmosOwedPeople implements OwedPeople {
  constructor(private readonly container: Container) {}

  async findOwed(atOrBefore: number): Promise<OwedPerson[]> {
    const { resources } = await this.container.items
      .query<{ tenantId: string; userId: string; owed?: OwedChanges[]; _etag: string }>({
        query:
          'SELECT c.tenantId, c.userId, c.owed, c._etag FROM c WHERE c.type = "person" AND c.owedSince <= @atOrBefore',
        parameters: [{ name: '@atOrBefore', value: atOrBefore }],
      })
      .fetchAll();
    return resources.map(({ tenantId, userId, owed, _etag }) => ({ tenantId, userId, owed: owed ?? [], etag: _etag }));
  }

  async keepOnly(person: OwedPerson, remaining: readonly OwedChanges[]): Promise<boolean> {
    const since = remaining.length > 0 ? Math.min(...remaining.map((entry) => entry.at)) : undefined;
    try {
      await this.container
        .item(personId(person.userId), [person.tenantId, person.userId])
        .patch(
          [
            { op: 'set', path: '/owed', value: remaining },
            since === undefined
              ? { op: 'remove', path: '/owedSince' }
              : { op: 'set', path: '/owedSince', value: since },
          ],
          { accessCondition: { type: 'IfMatch', condition: person.etag } },
        );
      return true;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return false;
      throw error;
    }
  }
}
