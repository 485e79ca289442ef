import { neutralise } from '../cards/safe-text';
import type { ActionStore } from '../storage/ports';

/** The digest counts at most this many of the tenant's latest actions. */
const COUNTED = 500;
/** Teams named in the line; the rest are summed up. */
const TEAMS_SHOWN = 5;

/**
 * The digest's action plans line: "Actions: Sales 2 open, 1 done · Support 1 open · 2 more teams 3 open" — counts of
 * actions per team, never who owns them or what they say. Undefined when the tenant has none.
 */
export async function actionPlansLine(store: ActionStore, tenantId: string): Promise<string | undefined> {
  const actions = await store.recentActions(tenantId, COUNTED);
  if (actions.length === 0) return undefined;
  const teams = new Map<string, { name: string; open: number; done: number }>();
  for (const action of actions) {
    // The organisation's own actions (planned on its summary) have no team.
    const team = teams.get(action.rosterId) ?? { name: action.rosterId ? '' : 'Organisation-wide', open: 0, done: 0 };
    if (!team.name && action.teamName) team.name = neutralise(action.teamName).replace(/\s+/g, ' ').trim();
    team[action.status] += 1;
    teams.set(action.rosterId, team);
  }
  const sorted = [...teams.values()].sort((a, b) => b.open - a.open || b.done - a.done);
  const counts = (open: number, done: number) =>
    [open ? `${open} open` : '', done ? `${done} done` : ''].filter(Boolean).join(', ');
  const shown = sorted.slice(0, TEAMS_SHOWN).map((team) => `${team.name || 'a team'} ${counts(team.open, team.done)}`);
  const rest = sorted.slice(TEAMS_SHOWN);
  if (rest.length > 0) {
    const open = rest.reduce((sum, team) => sum + team.open, 0);
    const done = rest.reduce((sum, team) => sum + team.done, 0);
    shown.push(`${rest.length} more teams ${counts(open, done)}`);
  }
  return `Actions: ${shown.join(' · ')}`;
}
