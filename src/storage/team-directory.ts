import type { Container } from '@azure/cosmos';
import type { TeamDirectory } from './ports';

/** Team ids from the `aggregates` container: the team counters documents of one question, one partition, TOP-bounded. */
export class CosmosTeamDirectory implements TeamDirectory {
  constructor(private readonly container: Container) {}

  async teamsWithCounters(tenantId: string, questionId: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>(
        {
          query:
            'SELECT TOP @limit VALUE c.teamId FROM c WHERE c.tenantId = @tenantId AND c.questionId = @questionId AND c.type = "aggregate" AND IS_DEFINED(c.teamId)',
          parameters: [
            { name: '@limit', value: limit },
            { name: '@tenantId', value: tenantId },
            { name: '@questionId', value: questionId },
          ],
        },
        { partitionKey: [tenantId, questionId] },
      )
      .fetchAll();
    return [...new Set(resources.filter((id) => typeof id === 'string'))].sort();
  }
}
