import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { StoredAnswer } from './answer-store';
import type { SessionDoc } from './session-store';
import { withoutSystemFields } from './system-fields';

/** The teams a person's answers count towards, in their own partition (deleted with "delete my data"). */
export interface MembershipDoc {
  id: string;
  type: 'membership';
  tenantId: string;
  userId: string;
  teamIds: string[];
}

type Stored = (StoredAnswer | SessionDoc | MembershipDoc) & { _etag?: string };

const ATTEMPTS = 3;

/** Someone changed the person's documents while joining; the caller may try again. */
export class MembershipConflictError extends Error {
  override name = 'MembershipConflictError';
}

/**
 * Team membership for summaries. Rule: a person counts towards a team from the first time they write to the bot in
 * one of its channels, with all their answers, past and future, until they delete their data.
 */
export class TeamMembership {
  constructor(private readonly container: Container) {}

  /**
   * Records that the person counts towards `teamId`: the membership document and every stored session of theirs
   * (except `currentSessionId`, which the turn saves itself) get the team, in one transactional batch conditional on
   * each document's ETag, so a concurrent answer either is in the returned answers or runs again knowing the team.
   * Returns the answers to add to the team's counters, or undefined when the person already counted there.
   */
  async join(
    tenantId: string,
    userId: string,
    teamId: string,
    currentSessionId: string,
  ): Promise<StoredAnswer[] | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryJoin(tenantId, userId, teamId, currentSessionId);
      } catch (error) {
        if (!(error instanceof MembershipConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async tryJoin(
    tenantId: string,
    userId: string,
    teamId: string,
    currentSessionId: string,
  ): Promise<StoredAnswer[] | undefined> {
    const partitionKey = [tenantId, userId];
    const { resources } = await this.container.items
      .query<Stored>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey },
      )
      .fetchAll();
    const membership = resources.find((doc): doc is MembershipDoc & { _etag?: string } => doc.type === 'membership');
    if (membership?.teamIds.includes(teamId)) return undefined;
    const teamIds = [...(membership?.teamIds ?? []), teamId];
    const membershipDoc: MembershipDoc = { id: `membership|${userId}`, type: 'membership', tenantId, userId, teamIds };
    const operations: OperationInput[] = [
      membership
        ? {
            operationType: 'Replace',
            id: membershipDoc.id,
            resourceBody: asJson(membershipDoc),
            ifMatch: membership._etag,
            partitionKey,
          }
        : { operationType: 'Create', resourceBody: asJson(membershipDoc), partitionKey },
      ...resources
        .filter((doc): doc is SessionDoc & { _etag?: string } => doc.type === 'session' && doc.id !== currentSessionId)
        .map((session): OperationInput => ({
          operationType: 'Replace',
          id: session.id,
          resourceBody: asJson({ ...withoutSystemFields(session), teamIds }),
          ifMatch: session._etag,
          partitionKey,
        })),
    ];
    const response = await this.container.items.batch(operations, partitionKey);
    const failed = (response.result ?? []).find((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failed?.statusCode === 412 || failed?.statusCode === 409 || failed?.statusCode === 404)
      throw new MembershipConflictError(`membership of ${userId} changed concurrently`);
    if (failed)
      throw Object.assign(new Error(`membership batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    return resources
      .filter((doc): doc is StoredAnswer & { _etag?: string } => doc.type === 'answer')
      .map(withoutSystemFields);
  }

  /** Every membership in the tenant (for the rebuild; a query within the tenant). */
  async listAll(tenantId: string): Promise<MembershipDoc[]> {
    const { resources } = await this.container.items
      .query<MembershipDoc>({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "membership"',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }
}

function asJson(doc: object): JSONObject {
  return doc as JSONObject;
}
