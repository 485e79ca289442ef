import type { Container } from '@azure/cosmos';
import type { PulseOrigin } from '../domain/pulse-docs';

/** Pulses and campaigns looked at, newest first, when listing a tenant's teams: the read stays bounded as data grows. */
export const RECENT_TEAMS_SCAN = 2000;

/**
 * The team ids a pulse or invitation campaign went to most recently, newest first, at most `limit`: one TOP-bounded
 * query of only their origins (a group chat, whose roster is the chat itself, is no team).
 */
export async function recentTeamIds(container: Container, tenantId: string, limit: number): Promise<string[]> {
  const { resources } = await container.items
    .query<{ origin?: PulseOrigin }>({
      query:
        'SELECT TOP @scan c.origin FROM c WHERE c.tenantId = @tenantId AND (c.type = "pulse" OR c.type = "campaign") ORDER BY c.createdAt DESC',
      parameters: [
        { name: '@scan', value: RECENT_TEAMS_SCAN },
        { name: '@tenantId', value: tenantId },
      ],
    })
    .fetchAll();
  const teams = new Set<string>();
  for (const { origin } of resources) {
    if (!origin || origin.rosterId === origin.conversationId) continue;
    teams.add(origin.rosterId);
    if (teams.size >= limit) break;
  }
  return [...teams];
}
