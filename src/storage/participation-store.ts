import type { Container, SqlParameter } from '@azure/cosmos';
import { invitationIds, type NudgeSettingsDoc, type ParticipationDoc } from '../domain/invitation-docs';
import type { NudgeSettingsStore, ParticipationStore, Versioned } from './ports';
import { withoutSystemFields } from './system-fields';

/** Who has a reminder coming (`nextNudgeAt` is absent when none is: finished, opted out, two sent, no chat). */
const WAITING = 'c.type = "participation" AND IS_DEFINED(c.nextNudgeAt)';

/**
 * Each person's participation document (`participation|<user>`), in their own partition of the `users` container:
 * "delete my data" removes it with everything else there. The reminder scheduler's query reads one tenant at a time.
 */
export class CosmosParticipationStore implements ParticipationStore {
  constructor(private readonly container: Container) {}

  async read(tenantId: string, userId: string): Promise<Versioned<ParticipationDoc> | undefined> {
    const { resource, etag } = await this.container
      .item(invitationIds.participation(userId), [tenantId, userId])
      .read<ParticipationDoc>();
    return resource ? { doc: withoutSystemFields(resource), etag } : undefined;
  }

  async write(doc: ParticipationDoc, etag: string | undefined): Promise<string | undefined> {
    try {
      const response = etag
        ? await this.container
            .item(doc.id, [doc.tenantId, doc.userId])
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } })
        : await this.container.items.create(doc);
      return response.etag;
    } catch (error) {
      // 412: changed since read; 409: created meanwhile; 404: erased meanwhile. The caller reads again or gives up.
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 409 || code === 404) return undefined;
      throw error;
    }
  }

  async among(tenantId: string, userIds: readonly string[]): Promise<ParticipationDoc[]> {
    if (userIds.length === 0) return [];
    const found = await this.query<ParticipationDoc>(
      'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "participation" AND ARRAY_CONTAINS(@userIds, c.userId)',
      [
        { name: '@tenantId', value: tenantId },
        { name: '@userIds', value: [...userIds] },
      ],
    );
    return found.map(withoutSystemFields);
  }

  async due(tenantId: string, now: string, limit: number): Promise<Versioned<ParticipationDoc>[]> {
    const found = await this.query<ParticipationDoc & { _etag: string }>(
      `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.tenantId = @tenantId AND ${WAITING} AND c.nextNudgeAt <= @now ORDER BY c.nextNudgeAt`,
      [
        { name: '@tenantId', value: tenantId },
        { name: '@now', value: now },
      ],
    );
    return found.map((resource) => ({ doc: withoutSystemFields(resource), etag: resource._etag }));
  }

  async tenantsWaiting(): Promise<string[]> {
    return [...new Set(await this.query<string>(`SELECT VALUE c.tenantId FROM c WHERE ${WAITING}`, []))];
  }

  private async query<T>(query: string, parameters: SqlParameter[]): Promise<T[]> {
    const { resources } = await this.container.items.query<T>({ query, parameters }).fetchAll();
    return resources;
  }
}

/** Each tenant's reminder days, one document (`nudge-settings`) in the `tenants` container. */
export class CosmosNudgeSettings implements NudgeSettingsStore {
  constructor(private readonly container: Container) {}

  async read(tenantId: string): Promise<NudgeSettingsDoc | undefined> {
    const { resource } = await this.container.item('nudge-settings', tenantId).read<NudgeSettingsDoc>();
    return resource ? withoutSystemFields(resource) : undefined;
  }

  async write(doc: NudgeSettingsDoc): Promise<void> {
    await this.container.items.upsert(doc);
  }
}
