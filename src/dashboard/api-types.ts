/**
 * The JSON contract of the dashboard API (`/api/dashboard/*`), shared by the server and the tab. Plain types only:
 * the figures come from the same functions as the cards (numbers for charts, null below the thresholds) and the
 * card's text beside them. Extended only additively. Every refusal is `DashboardError` with 401, 403 or 4xx.
 */
import type { LeaderSummaryView } from '../cards/leader-view-models';
import type { PortfolioMatrixView } from '../cards/portfolio-view-models';
import type { PulseResultsView } from '../cards/pulse-view-models';
import type { SummaryView } from '../cards/view-models';
import type { OrganisationSummary } from '../leadership/organisation-summary';
import type { ReadinessPoint } from '../storage/ports/readiness-history';

/** The body of every refusal and error: a fixed word, never detail. */
export interface DashboardError {
  /** `request rejected`: the server's generic refusal (a body too big or not JSON, an unknown route). */
  error:
    | 'unauthorized'
    | 'forbidden'
    | 'not found'
    | 'bad request'
    | 'conflict'
    | 'unavailable'
    | 'withheld'
    | 'request rejected';
  /** A short, kind sentence for the person (only on 4xx other than 401/403), e.g. why an edit was refused. */
  message?: string;
}

/** The views of the tab; `me.views` lists those the person may open. */
export type DashboardViewName = 'overview' | 'team' | 'portfolio' | 'pulses' | 'mine' | 'actions';

/** A team the person may see. Teams gives no name to the bot outside a conversation: absent when none is known. */
export interface DashboardTeam {
  id: string;
  /** User text (a team owner sets it). */
  name?: string;
}

/** GET /api/dashboard/me */
export interface DashboardMe {
  roles: { leader: boolean; manager: boolean; admin: boolean };
  views: DashboardViewName[];
  /** Teams whose view the person may open (a leader: those known to them, plus any by id). */
  teams: DashboardTeam[];
  canEditPortfolio: boolean;
  canExport: boolean;
  /** GET /api/dashboard/strategy.docx gives them the organisation's strategy document (Word). */
  canDownloadDocument: boolean;
  /** The anonymity thresholds in force: a figure stands for at least `group` people, quotes for `comments`. */
  thresholds: { group: number; comments: number };
  /** True only in local mode (identity from the query string, auth off). */
  local: boolean;
}

/** One day of participation, recorded once a day (the last figures of the day win). Null below the threshold. */
export interface ParticipationPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  people: number | null;
  completionRate: number | null;
  meanProgress: number | null;
}

/** Participation over time: one point per day, oldest first, at most `maxPoints` (older ones drop off). */
export interface ParticipationHistory {
  points: ParticipationPoint[];
  maxPoints: number;
}

/** GET /api/dashboard/overview (organisation) and `?team=<id>` (a team). */
export interface DashboardOverview {
  scope: { kind: 'organisation' } | { kind: 'team'; teamId: string; teamName?: string };
  /**
   * Every figure, as organisationSummary computes it for the card: participation and completion, readiness by section
   * and consideration with stage, leader-vs-employee gaps, ambition themes, written themes, choice counts, the metrics
   * register and recommendations. Null or left out below the thresholds.
   */
  figures: OrganisationSummary;
  /** The same figures as the leader card's lines (leaderSummaryView), incl. its notes and footnote. */
  card: LeaderSummaryView;
  history: ParticipationHistory;
  /** Readiness per section and consideration, one point per month (oldest first), through the thresholds. */
  readinessHistory: ReadinessPoint[];
  /** The portfolio's value/feasibility matrix (organisation only, when the pack asks for use cases). */
  matrix?: PortfolioMatrixView;
}

/** An option of a filter: id and the label to show (pack text). */
export interface DashboardOption {
  id: string;
  label: string;
}

/** A count with its label: never one of fewer people than the threshold. */
export interface DashboardCounted extends DashboardOption {
  people: number;
}

export type DashboardQuadrant = 'quick-win' | 'big-bet' | 'fill-in' | 'rethink';

/** One group of ideas in the portfolio (figures through the thresholds; label is shared words or a leader's name). */
export interface DashboardPortfolioGroup {
  /** The member key that names the group in an edit. */
  key: string;
  /** Its place in the ranking of the whole portfolio, from 1 (before filters). */
  rank: number;
  /** User text (people's shared words, names removed, or a leader's name for it). */
  label: string;
  renamed: boolean;
  status: string;
  statusLabel: string;
  /** People behind it; null below the threshold. */
  support: number | null;
  /** Means 1–5 to one decimal; null below the threshold. */
  value: number | null;
  feasibility: number | null;
  quadrant: DashboardQuadrant | null;
  /** The approach recommended most (at least the threshold of people), or null. */
  approach: DashboardOption | null;
  approaches: DashboardCounted[];
  /** People recommend different approaches for it. */
  disagreement: boolean;
  /** Leaders' own answers to the build questions for the whole group, the approach they gave and its why; or null. */
  decision: { approach: DashboardOption; why: string; answers: Record<string, string> } | null;
  /** Linked metrics (`<goal>><metric>` ids) with their labels. */
  metrics: DashboardCounted[];
  /** Wordings a leader may split out (user text); empty unless it has more than one. */
  wordings: { key: string; title: string }[];
}

/** GET /api/dashboard/portfolio?team=&goal=&approach=&status= (leaders). */
export interface DashboardPortfolio {
  /** False when the pack asks for no use cases (then everything else is empty). */
  available: boolean;
  scope: { kind: 'organisation' } | { kind: 'team'; teamId: string };
  filters: { team?: string; goal?: string; approach?: string; status?: string };
  options: {
    goals: DashboardOption[];
    approaches: DashboardOption[];
    statuses: DashboardOption[];
    /** The pack's build questions a leader answers for a group (`decide` in an edit), each with its options. */
    decisionQuestions: (DashboardOption & { options: DashboardOption[] })[];
  };
  k: number;
  /** People with at least one idea; null below the threshold. */
  people: number | null;
  /** Groups matching the filters, best value × feasibility first. */
  groups: DashboardPortfolioGroup[];
  /** Groups per quadrant among those listed (for the chart), and the card's matrix text. */
  quadrants: { quadrant: DashboardQuadrant; title: string; groups: number }[];
  matrix?: PortfolioMatrixView;
  /** People by their most recommended approach (whole scope, not filtered). */
  approaches: DashboardCounted[];
  /** Keys of the listed groups where people recommend different approaches. */
  disagreements: string[];
  /** Smaller groups whose words were not shared: counted, not shown. */
  folded: number;
  rest: { groups: number; people: number | null };
  computedAt: string;
  canEdit: boolean;
}

/** POST /api/dashboard/portfolio/groups/<key>: what to change (any of them; the same checks as the chat edit card). */
export interface PortfolioEditRequest {
  rename?: string;
  status?: string;
  /** Key of another group to merge this one into. */
  merge?: string;
  /** Key of one of the group's wordings to split out. */
  split?: string;
  /** Leaders' answers to every build question (question id → option id); the server works out the approach. */
  decide?: Record<string, string>;
}

/** 200 on success; a refused edit is a DashboardError (400/404/409) with a message, and nothing is changed. */
export interface PortfolioEditResult {
  ok: true;
  message: string;
}

/** A pulse in the list. Responses are the live count while open (as the channel card shows). */
export interface DashboardPulseItem {
  pulseId: string;
  title: string;
  status: 'open' | 'closed' | 'cancelled';
  /** ISO times. */
  createdAt: string;
  deadline: string;
  closedAt?: string;
  /** As the cards show it, e.g. "Wed 9 Dec, 17:00 Berlin time". */
  deadlineText: string;
  responses: number;
  recipients: number;
  threshold: number;
  /** The team (or group chat) it went to. */
  teamId: string;
  /** The person asking sent it. */
  sentByMe: boolean;
}

/** GET /api/dashboard/pulses: newest first, at most `limit`. */
export interface DashboardPulseList {
  pulses: DashboardPulseItem[];
  limit: number;
}

/** GET /api/dashboard/pulses/<id>: results as the results card shows them, once closed (null while open). */
export interface DashboardPulseDetail {
  pulse: DashboardPulseItem;
  results: PulseResultsView | null;
}

/** Progress on the person's own path. */
export interface DashboardProgress {
  pathId: string;
  pathTitle: string;
  answered: number;
  questions: number;
  finished: boolean;
  sections: { sectionId: string; title: string; answered: number; questions: number }[];
}

/** GET /api/dashboard/mine: the person's own strategy (their own words, seen only by them). */
export interface DashboardMine {
  /** Their ambition & metrics card's view: wants, do-not-wants, use cases with approach, metrics, readiness. */
  summary: SummaryView;
  progress: DashboardProgress;
  /** Number of questions they have answered, all paths. */
  answers: number;
  /** A deep link to the 1:1 chat with the bot; absent in local mode. */
  chatLink?: string;
}

export type {
  DashboardAction,
  DashboardActionCounts,
  DashboardActions,
  DashboardActionStatus,
  DashboardMyAction,
  DashboardTeamActions,
  DashboardTeamCounts,
} from './api-action-types';
