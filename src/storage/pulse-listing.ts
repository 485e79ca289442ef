import type { Container } from '@azure/cosmos';
import type { PulseDoc } from '../domain/pulse-docs';
import type { PulseFilter, PulseListing } from './ports';
import { withoutSystemFields } from './system-fields';

/** The dashboard's lists of pulses: one query of one tenant, TOP-bounded, newest first. */
export class CosmosPulseListing implements PulseListing {
  constructor(private readonly container: Container) {}

  async recent(tenantId: string, filter: PulseFilter | 'all', limit: number): Promise<PulseDoc[]> {
    const conditions: string[] = [];
    if (filter !== 'all') {
      if (filter.sentBy) conditions.push('c.createdBy = @sentBy');
      if (filter.teamIds && filter.teamIds.length > 0) conditions.push('ARRAY_CONTAINS(@teamIds, c.origin.rosterId)');
      if (conditions.length === 0) return [];
    }
    const { resources } = await this.container.items
      .query<PulseDoc>({
        query: `SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse"${
          conditions.length > 0 ? ` AND (${conditions.join(' OR ')})` : ''
        } ORDER BY c.createdAt DESC`,
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@sentBy', value: filter === 'all' ? '' : (filter.sentBy ?? '') },
          { name: '@teamIds', value: filter === 'all' ? [] : [...(filter.teamIds ?? [])] },
        ],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  async teamsSentTo(tenantId: string, userId: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>({
        query:
          'SELECT TOP @limit VALUE c.origin.rosterId FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse" AND c.createdBy = @userId ORDER BY c.createdAt DESC',
        parameters: [
          { name: '@limit', value: limit },
          { name: '@tenantId', value: tenantId },
          { name: '@userId', value: userId },
        ],
      })
      .fetchAll();
    return [...new Set(resources.filter((id) => typeof id === 'string'))];
  }
}
