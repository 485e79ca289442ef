/** The JSON contract of GET /api/dashboard/actions (re-exported by api-types.ts): plain types only. */
/** An action's state: done, or open, and overdue once its due day has passed in the planner's zone. */
export type DashboardActionStatus = 'open' | 'overdue' | 'done';

/** One action plan as the team's results card shows it (user text: what, note, names). */
export interface DashboardAction {
  actionId: string;
  what: string;
  /** Where it came from, e.g. "Pulse: Team health" or "Organisation summary". */
  source: string;
  /** `YYYY-MM-DD`, and as the cards write it ("Wed 9 Dec 2026"). */
  dueDate: string;
  dueText: string;
  status: DashboardActionStatus;
  /** The owner's or planner's latest note, if any. */
  latestNote?: string;
  /** As the team's roster gave it ("a former team member" once they erased their data). */
  ownerName: string;
  /** The team (or group chat) it belongs to; '' for the organisation's. */
  teamId: string;
  teamName?: string;
}

/** One of the person's own actions: they own it, or they planned it for someone. */
export interface DashboardMyAction extends DashboardAction {
  role: 'owner' | 'planner';
}

/** Actions by state; the three are disjoint (`open` is open and not overdue). */
export interface DashboardActionCounts {
  open: number;
  overdue: number;
  done: number;
}

/** A team's actions, in full (for the team's managers and pulse senders). */
export interface DashboardTeamActions {
  teamId: string;
  /** As Teams sent it with a plan; absent when none did. */
  teamName?: string;
  counts: DashboardActionCounts;
  actions: DashboardAction[];
}

/** Another team's actions for a leader: counts only, never what they say or who owns them. */
export interface DashboardTeamCounts {
  teamId: string;
  teamName?: string;
  counts: DashboardActionCounts;
}

/**
 * GET /api/dashboard/actions: overdue, then open, then done, soonest due first. `teams` only for managers and leaders,
 * `organisation` and `otherTeams` only for leaders. Changes are made in the 1:1 chat, not here.
 */
export interface DashboardActions {
  mine: DashboardMyAction[];
  /** The teams they manage or sent pulses to that have actions. */
  teams?: DashboardTeamActions[];
  /** The organisation's own actions (planned from its summary). */
  organisation?: DashboardAction[];
  /** Every other team with actions among the tenant's latest `limits.counted`, most open first. */
  otherTeams?: DashboardTeamCounts[];
  /** The most actions each list reads (newest first), and how many of the tenant's latest are counted. */
  limits: { mine: number; teams: number; organisation: number; counted: number };
}
