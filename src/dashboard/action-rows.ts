import { formatDueDate } from '../actions/action-schedule';
import { neutralise } from '../cards/safe-text';
import type { ActionDoc } from '../domain/action-docs';
import { isoDate, timeZoneOrUtc, wallTimeAt } from '../domain/time-zones';
import type { ActionTally } from '../storage/ports';
import type { DashboardAction, DashboardActionCounts, DashboardActionStatus } from './api-types';
import { actionSourceLabel, type SourceNames } from './action-source';

const ORDER: Record<DashboardActionStatus, number> = { overdue: 0, open: 1, done: 2 };

/** Open and overdue once its due day is before today in the action's own zone (the planner's), done otherwise. */
export function actionStatus(
  action: Pick<ActionTally, 'status' | 'dueDate' | 'timeZone'>,
  now: Date,
): DashboardActionStatus {
  if (action.status === 'done') return 'done';
  return action.dueDate < isoDate(wallTimeAt(now, timeZoneOrUtc(action.timeZone))) ? 'overdue' : 'open';
}

/** One action as the dashboard lists it. */
export function actionRow(action: ActionDoc, names: SourceNames, now: Date): DashboardAction {
  const note = action.updates.filter((update) => typeof update.note === 'string' && update.note.trim() !== '').at(-1);
  const teamName = nameOf(action.teamName);
  return {
    actionId: action.actionId,
    what: action.what,
    source: actionSourceLabel(action.source, names),
    dueDate: action.dueDate,
    dueText: formatDueDate(action.dueDate),
    status: actionStatus(action, now),
    ...(note?.note ? { latestNote: note.note } : {}),
    ownerName: action.ownerName,
    teamId: action.rosterId,
    ...(teamName ? { teamName } : {}),
  };
}

/** Overdue first, then open, then done; soonest due first within each. */
export function byUrgency<T extends Pick<DashboardAction, 'status' | 'dueDate'>>(rows: T[]): T[] {
  return [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueDate.localeCompare(b.dueDate));
}

/** Open, overdue and done counted. */
export function countOf(statuses: DashboardActionStatus[]): DashboardActionCounts {
  const counts = { open: 0, overdue: 0, done: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/** A team's name as Teams sent it with a plan, on one line; undefined when none is known. */
export function nameOf(teamName: string | undefined): string | undefined {
  const name = teamName ? neutralise(teamName).replace(/\s+/g, ' ').trim() : '';
  return name || undefined;
}

/** Groups items by team (roster id), keeping the first known team name; in order of first appearance. */
export function byTeam<T extends { rosterId: string; teamName?: string }>(
  items: T[],
): { teamId: string; teamName?: string; items: T[] }[] {
  const teams = new Map<string, { teamId: string; teamName?: string; items: T[] }>();
  for (const item of items) {
    const team = teams.get(item.rosterId) ?? { teamId: item.rosterId, items: [] };
    const name = team.teamName ?? nameOf(item.teamName);
    if (name) team.teamName = name;
    team.items.push(item);
    teams.set(item.rosterId, team);
  }
  return [...teams.values()];
}
