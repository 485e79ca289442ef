import type { Container, SqlParameter } from '@azure/cosmos';
import type { ActionDoc } from '../domain/action-docs';
import type { ActionListing, ActionTally } from './ports';
import { withoutSystemFields } from './system-fields';

/** The dashboard's action lists, from the `pulses` container: one TOP-bounded query of one tenant each. */
export class CosmosActionListing implements ActionListing {
  constructor(private readonly container: Container) {}

  async ofTeams(tenantId: string, rosterIds: readonly string[], limit: number): Promise<ActionDoc[]> {
    if (rosterIds.length === 0) return [];
    const found = await this.query<ActionDoc>(
      'SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "action" AND ARRAY_CONTAINS(@ids, c.rosterId) ORDER BY c.createdAt DESC',
      tenantId,
      rosterIds,
      limit,
    );
    return found.map(withoutSystemFields);
  }

  tallies(tenantId: string, limit: number): Promise<ActionTally[]> {
    // Only the fields a count needs leave the database: never an owner or an action's text.
    return this.query<ActionTally>(
      'SELECT TOP @limit c.rosterId, c.teamName, c.status, c.dueDate, c.timeZone FROM c WHERE c.tenantId = @tenantId AND c.type = "action" ORDER BY c.createdAt DESC',
      tenantId,
      [],
      limit,
    );
  }

  async pulseTitles(tenantId: string, pulseIds: readonly string[]): Promise<Map<string, string>> {
    if (pulseIds.length === 0) return new Map();
    const found = await this.query<{ pulseId: string; title: string }>(
      'SELECT TOP @limit c.pulseId, c.title FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse" AND ARRAY_CONTAINS(@ids, c.pulseId)',
      tenantId,
      pulseIds,
      pulseIds.length,
    );
    return new Map(found.map(({ pulseId, title }) => [pulseId, title]));
  }

  private async query<T>(query: string, tenantId: string, ids: readonly string[], limit: number): Promise<T[]> {
    const parameters: SqlParameter[] = [
      { name: '@limit', value: limit },
      { name: '@tenantId', value: tenantId },
    ];
    if (ids.length > 0) parameters.push({ name: '@ids', value: [...ids] });
    const { resources } = await this.container.items.query<T>({ query, parameters }).fetchAll();
    return resources;
  }
}
