import type { Container, PatchOperation, SqlQuerySpec } from '@azure/cosmos';
import { owedFields, type OwedChanges } from '../aggregation/owed-changes';
import type { OwedPeople, OwedPerson } from './ports';
import { personId } from './user-docs';

/**
 * Person documents with owed counter changes, found across tenants by the instances they are owed by (`owedBy`) or by
 * the oldest of them (`owedSince`); both fields exist only while something is owed.
 */
export class CosmosOwedPeople implements OwedPeople {
  constructor(private readonly container: Container) {}

  owing(instanceId: string): Promise<StoredOwedPerson[]> {
    return this.find({
      query: `${SELECT} AND ARRAY_CONTAINS(c.owedBy, @instanceId)`,
      parameters: [{ name: '@instanceId', value: instanceId }],
    });
  }

  owedSince(atOrBefore: number): Promise<StoredOwedPerson[]> {
    return this.find({
      query: `${SELECT} AND c.owedSince <= @atOrBefore`,
      parameters: [{ name: '@atOrBefore', value: atOrBefore }],
    });
  }

  inTenant(tenantId: string): Promise<StoredOwedPerson[]> {
    return this.find({
      query: `${SELECT} AND c.tenantId = @tenantId AND IS_DEFINED(c.owedSince)`,
      parameters: [{ name: '@tenantId', value: tenantId }],
    });
  }

  async keepOnly(person: OwedPerson, remaining: readonly OwedChanges[]): Promise<boolean> {
    const fields = owedFields(remaining);
    // Removing a field that is not there fails the whole patch, so only those the document has are removed.
    const operations: PatchOperation[] = fields
      ? OWED_FIELDS.map((name) => ({ op: 'set', path: `/${name}`, value: fields[name] }))
      : ((person as Partial<StoredOwedPerson>).fields ?? OWED_FIELDS).map((name) => ({
          op: 'remove',
          path: `/${name}`,
        }));
    try {
      await this.container
        .item(personId(person.userId), [person.tenantId, person.userId])
        .patch(operations, { accessCondition: { type: 'IfMatch', condition: person.etag } });
      return true;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return false;
      throw error;
    }
  }

  private async find(query: SqlQuerySpec): Promise<StoredOwedPerson[]> {
    const { resources } = await this.container.items.query<Found>(query).fetchAll();
    return resources.map((found) => ({
      tenantId: found.tenantId,
      userId: found.userId,
      owed: found.owed ?? [],
      etag: found._etag,
      fields: OWED_FIELDS.filter((name) => found[name] !== undefined),
    }));
  }
}

const SELECT = 'SELECT c.tenantId, c.userId, c.owed, c.owedBy, c.owedSince, c._etag FROM c WHERE c.type = "person"';

interface Found {
  tenantId: string;
  userId: string;
  owed?: OwedChanges[];
  owedBy?: string[];
  owedSince?: number;
  _etag: string;
}

const OWED_FIELDS = ['owed', 'owedBy', 'owedSince'] as const;

/** As found: with the owed fields the document has (a patch may remove only those). */
interface StoredOwedPerson extends OwedPerson {
  fields: (typeof OWED_FIELDS)[number][];
}
