import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { owedFields, type OwedChanges } from '../aggregation/owed-changes';
import type { OwedPeople, OwedPerson } from './ports';
import { personId } from './user-docs';

/**
 * Person documents with owed counter changes, found across tenants by the instances they are owed by (`owedBy`) or by
 * the oldest of them (`owedSince`); both fields exist only while something is owed.
 */
export class CosmosOwedPeople implements OwedPeople {
  constructor(private readonly container: Container) {}

  owing(instanceId: string): Promise<OwedPerson[]> {
    return this.find({
      query: `${SELECT} AND ARRAY_CONTAINS(c.owedBy, @instanceId)`,
      parameters: [{ name: '@instanceId', value: instanceId }],
    });
  }

  owedSince(atOrBefore: number): Promise<OwedPerson[]> {
    return this.find({
      query: `${SELECT} AND c.owedSince <= @atOrBefore`,
      parameters: [{ name: '@atOrBefore', value: atOrBefore }],
    });
  }

  inTenant(tenantId: string): Promise<OwedPerson[]> {
    return this.find({
      query: `${SELECT} AND c.tenantId = @tenantId AND IS_DEFINED(c.owedSince)`,
      parameters: [{ name: '@tenantId', value: tenantId }],
    });
  }

  async keepOnly(person: OwedPerson, remaining: readonly OwedChanges[]): Promise<boolean> {
    const fields = owedFields(remaining);
    try {
      await this.container.item(personId(person.userId), [person.tenantId, person.userId]).patch(
        fields
          ? [
              { op: 'set', path: '/owed', value: fields.owed },
              { op: 'set', path: '/owedBy', value: fields.owedBy },
              { op: 'set', path: '/owedSince', value: fields.owedSince },
            ]
          : [
              { op: 'remove', path: '/owed' },
              { op: 'remove', path: '/owedBy' },
              { op: 'remove', path: '/owedSince' },
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

  private async find(query: SqlQuerySpec): Promise<OwedPerson[]> {
    const { resources } = await this.container.items
      .query<{ tenantId: string; userId: string; owed?: OwedChanges[]; _etag: string }>(query)
      .fetchAll();
    return resources.map(({ tenantId, userId, owed, _etag }) => ({ tenantId, userId, owed: owed ?? [], etag: _etag }));
  }
}

const SELECT = 'SELECT c.tenantId, c.userId, c.owed, c._etag FROM c WHERE c.type = "person"';
