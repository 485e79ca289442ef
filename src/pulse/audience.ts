import { cosmosSafe } from '../storage/cosmos-id';
import type { RosterMember, TeamsChannel } from '../teams/teams-channel';
import type { PulseOrigin } from '../domain/pulse-docs';

/** Roster page size when only counting: the largest Teams serves (50–500). */
const COUNTING_PAGE_SIZE = 500;

/** The member's Entra object id, lower-cased and escaped as the bot does for the activity's sender. */
export function recipientKey(member: RosterMember): string {
  return cosmosSafe(member.aadObjectId?.toLowerCase() || member.id);
}

/**
 * Whether a roster member gets the pulse: everyone but the bot and the sender. The sender never answers their own
 * pulse, so the threshold only ever counts other people's answers.
 */
export function isRecipient(member: RosterMember, origin: PulseOrigin, senderId: string): boolean {
  return member.id !== origin.botId && recipientKey(member) !== senderId.toLowerCase();
}

/** How many people a pulse started here would go to, reading roster pages only until `enough` are counted. */
export async function countAudience(
  channel: TeamsChannel,
  origin: PulseOrigin,
  senderId: string,
  enough: number,
): Promise<number> {
  let count = 0;
  let continuation: string | undefined;
  do {
    const page = await channel.rosterPage(origin.serviceUrl, origin.rosterId, COUNTING_PAGE_SIZE, continuation);
    count += page.members.filter((member) => isRecipient(member, origin, senderId)).length;
    continuation = page.continuationToken;
  } while (continuation && count < enough);
  return count;
}
