import type { ActionPlanView } from '../cards/action-view-models';
import { addLocalDays, isoDate, wallTimeAt } from '../domain/time-zones';
import { MAX_ACTION_TEXT } from '../domain/action-docs';
import type { RosterMember, TeamsChannel } from '../teams/teams-channel';

const ROSTER_PAGE = 200;
/** A team's roster is looked through for the owner up to this many pages (10,000 people). */
const ROSTER_PAGES = 50;

/** A member who can own an action: Teams gave their Entra object id (lower-cased here, as the bot stores people). */
export type OwnerMember = RosterMember & { aadObjectId: string };

/** `member` as an owner, or undefined without an Entra object id (the action could not be tied to a person). */
export function ownerMember(member: RosterMember | undefined): OwnerMember | undefined {
  const aadObjectId = member?.aadObjectId?.toLowerCase();
  return member && aadObjectId ? { ...member, aadObjectId } : undefined;
}

/** The plan card's date range: tomorrow to a year from today, in the planner's zone. */
export function planDates(now: Date, zone: string): Pick<ActionPlanView, 'minDate' | 'maxDate'> {
  return {
    minDate: isoDate(wallTimeAt(addLocalDays(now, 1, zone), zone)),
    maxDate: isoDate(wallTimeAt(addLocalDays(now, 365, zone), zone)),
  };
}

/** What the person typed, shown again with an error; only values the card could hold (`offered`: the choices' ids). */
export function echoedPlan(
  value: Record<string, unknown>,
  addressed: unknown,
  offered: { has(id: string): boolean },
): ActionPlanView['values'] {
  const text = (raw: unknown, max: number) => (typeof raw === 'string' ? raw.slice(0, max) : '');
  const due = text(value.dueDate, 10);
  return {
    what: text(value.what, MAX_ACTION_TEXT * 2),
    owner: text(value.owner, 36),
    dueDate: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : '',
    addressed: text(addressed, 2000)
      .split(',')
      .filter((id) => offered.has(id)),
  };
}

/**
 * The picked owner in a team's roster (paged, bounded), by Entra object id or channel account id (see PICKED_PERSON),
 * or undefined when they are not in it or Teams gives no Entra object id for them.
 */
export async function rosterMember(
  channel: TeamsChannel,
  team: { serviceUrl: string; rosterId: string },
  picked: string,
): Promise<OwnerMember | undefined> {
  let token: string | undefined;
  for (let page = 0; page < ROSTER_PAGES; page++) {
    const { members, continuationToken } = await channel.rosterPage(team.serviceUrl, team.rosterId, ROSTER_PAGE, token);
    const found = members.find(
      (member) => member.id === picked || member.aadObjectId?.toLowerCase() === picked.toLowerCase(),
    );
    if (found) return ownerMember(found);
    if (!continuationToken) return undefined;
    token = continuationToken;
  }
  return undefined;
}
