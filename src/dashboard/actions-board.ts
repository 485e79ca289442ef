import type { ContentIndex } from '../content/content-index';
import type { ActionDoc } from '../domain/action-docs';
import type { ActionListing, ActionStore, PersonReader, PulseListing } from '../storage/ports';
import { actionRow, actionStatus, byTeam, byUrgency, countOf } from './action-rows';
import type { DashboardActions, DashboardMyAction, DashboardTeamActions, DashboardTeamCounts } from './api-types';
import { managedTeams, type Viewer } from './viewer';

/** The most actions each list reads, newest first; the counts cover the tenant's latest COUNTED (as the digest). */
export const ACTION_LIMITS = { mine: 50, teams: 200, organisation: 50, counted: 500 } as const;
/** The most pulses whose titles are read for one answer (one query); the rest are labelled "Pulse". */
export const MAX_PULSE_TITLES = 100;
/** Actions of the organisation's summary have no team. */
const ORGANISATION = '';

export interface ActionsBoardDeps {
  actions: Pick<ActionStore, 'actionsOfPerson' | 'actionsOfTeam'>;
  listing: ActionListing;
  persons: PersonReader;
  pulses: Pick<PulseListing, 'teamsSentTo'>;
  /** The pack: the recommendations a summary's actions address. */
  index: Pick<ContentIndex, 'recommendation'>;
  clock: () => Date;
}

/**
 * The dashboard's Actions view, decided per request: everyone sees the actions they own or planned; a manager (or a
 * pulse's sender with manager or leader access) their teams' actions in full, owners named as on the team's results
 * card; a leader also the organisation's actions in full, and for every other team only counts, as the digest has them.
 * A fixed number of TOP-bounded queries, whatever the number of teams or actions.
 */
export class ActionsBoard {
  constructor(private readonly deps: ActionsBoardDeps) {}

  async board(viewer: Viewer): Promise<DashboardActions> {
    const { person, access } = viewer;
    const { tenantId, userId } = person;
    const now = this.deps.clock();
    const managed = await this.managed(viewer);
    const [mine, teams, organisation, tallies] = await Promise.all([
      this.deps.actions.actionsOfPerson(tenantId, userId, ACTION_LIMITS.mine),
      managed.length > 0 ? this.deps.listing.ofTeams(tenantId, managed, ACTION_LIMITS.teams) : [],
      access.leader ? this.deps.actions.actionsOfTeam(tenantId, ORGANISATION, ACTION_LIMITS.organisation) : [],
      access.leader ? this.deps.listing.tallies(tenantId, ACTION_LIMITS.counted) : [],
    ]);
    const titles = await this.deps.listing.pulseTitles(tenantId, pulseIdsOf([...mine, ...teams, ...organisation]));
    const row = (action: ActionDoc) => actionRow(action, { pulseTitles: titles, index: this.deps.index }, now);
    const own: DashboardMyAction[] = mine.map((action) => ({
      ...row(action),
      role: action.ownerId === userId ? 'owner' : 'planner',
    }));
    const body: DashboardActions = { mine: byUrgency(own), limits: { ...ACTION_LIMITS } };
    if (!access.leader && !access.manager) return body;
    body.teams = byTeam(teams.filter((action) => action.rosterId !== ORGANISATION)).map(
      ({ teamId, teamName, items }): DashboardTeamActions => {
        const rows = byUrgency(items.map(row));
        return { teamId, ...(teamName ? { teamName } : {}), counts: countOf(rows.map((r) => r.status)), actions: rows };
      },
    );
    if (!access.leader) return body;
    body.organisation = byUrgency(organisation.map(row));
    const shownInFull = new Set([ORGANISATION, ...managed]);
    body.otherTeams = byTeam(tallies.filter((tally) => !shownInFull.has(tally.rosterId)))
      .map(({ teamId, teamName, items }): DashboardTeamCounts => ({
        teamId,
        ...(teamName ? { teamName } : {}),
        counts: countOf(items.map((tally) => actionStatus(tally, now))),
      }))
      .sort(
        (a, b) =>
          b.counts.open + b.counts.overdue - (a.counts.open + a.counts.overdue) || b.counts.done - a.counts.done,
      );
    return body;
  }

  /** Teams whose actions they see in full: none for an employee; a manager's teams; a leader's own and pulses' teams. */
  private async managed(viewer: Viewer): Promise<string[]> {
    const { access, person } = viewer;
    if (access.leader) return managedTeams(this.deps, person, access.manager);
    return access.manager ? viewer.teams() : [];
  }
}

/** The distinct pulses the actions came from, newest action first, at most MAX_PULSE_TITLES. */
function pulseIdsOf(actions: ActionDoc[]): string[] {
  const ids = new Set<string>();
  for (const { source } of actions) if (source.kind === 'pulse') ids.add(source.pulseId);
  return [...ids].slice(0, MAX_PULSE_TITLES);
}
