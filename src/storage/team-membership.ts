import type { Container, JSONObject } from '@azure/cosmos';
import type { RawAnswer } from '../aggregation/recompute';
import { personOf, personWrite, rawAnswers } from './person-doc';
import { SessionConflictError, type TeamMembership } from './ports';
import { withoutSystemFields } from './system-fields';
import type { MembershipDoc, Session } from './user-docs';

/**
 * Team membership for summaries. Rule: a person counts towards a team from the first time they write to the bot in
 * one of its channels, with all their answers, past and future, until they delete their data.
 */
export class CosmosTeamMembership implements TeamMembership {
  constructor(private readonly container: Container) {}

  /**
   * Records that the person of this turn's session counts towards `teamId`: their person document (which the turn's
   * answers are recorded against) and their membership document, in one transactional batch conditional on the person's
   * version. However many conversations the person has, that is two documents; a concurrent answer either is in the
   * returned answers or is stored after the join and counted towards the team by its own turn. On a conflict it throws
   * SessionConflictError, and the turn runs again on a fresh read. Returns the answers to add to the team's counters,
   * or undefined when the person already counted there.
   */
  async join(session: Session, teamId: string): Promise<RawAnswer[] | undefined> {
    const { doc } = session;
    if (doc.teamIds?.includes(teamId)) return undefined;
    const { tenantId, userId } = doc;
    const teamIds = [...(doc.teamIds ?? []), teamId];
    const person = personOf({ ...doc, teamIds }, session.owed);
    const membership: MembershipDoc = { id: `membership|${userId}`, type: 'membership', tenantId, userId, teamIds };
    const partitionKey = [tenantId, userId];
    // The person first: its condition guards the membership write after it.
    const response = await this.container.items.batch(
      [
        personWrite(person, session.personEtag),
        { operationType: 'Upsert', resourceBody: membership as unknown as JSONObject, partitionKey },
      ],
      partitionKey,
    );
    const results = response.result ?? [];
    const failed = results.find((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failed?.statusCode === 412 || failed?.statusCode === 409 || failed?.statusCode === 404)
      throw new SessionConflictError(`person ${userId} changed while joining a team`);
    if (failed)
      throw Object.assign(new Error(`membership batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    session.personEtag = results[0]?.eTag;
    doc.teamIds = teamIds;
    return rawAnswers(doc);
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
