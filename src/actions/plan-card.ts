import type { ActionPlanView } from '../cards/action-view-models';
import { addLocalDays, isoDate, wallTimeAt } from '../domain/time-zones';
import { MAX_ACTION_TEXT } from '../domain/action-docs';
import type { RosterMember, TeamsChannel } from '../teams/teams-channel';

const ROSTER_PAGE = 200;
/** A team's roster is looked through for the owner up to this many pages (10,000 people). */
const ROSTER_PAGES = 50;

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

/** The owner in a team's roster (paged, bounded), or undefined when they are not in it. */
export async function rosterMember(
  channel: TeamsChannel,
  team: { serviceUrl: string; rosterId: string },
  ownerId: string,
): Promise<RosterMember | undefined> {
  let token: string | undefined;
  for (let page = 0; page < ROSTER_PAGES; page++) {
    const { members, continuationToken } = await channel.rosterPage(team.serviceUrl, team.rosterId, ROSTER_PAGE, token);
    const found = members.find((member) => member.aadObjectId?.toLowerCase() === ownerId);
    if (found) return found;
    if (!continuationToken) return undefined;
    token = continuationToken;
  }
  return undefined;
}
