import type { ContentPack } from '../content/types';
import type { LeaderService } from '../leadership/leader-service';
import type { Thresholds } from '../leadership/thresholds';
import type { EditOutcome, PortfolioService } from '../portfolio/portfolio-service';
import type { PortfolioFigures } from '../portfolio/portfolio-figures';
import { DECIDE_PREFIX } from '../portfolio/portfolio-view';
import type { ActionsBoard } from './actions-board';
import type { DashboardError, DashboardMe, DashboardViewName, PortfolioEditRequest } from './api-types';
import type { MineService } from './mine-service';
import type { OverviewService } from './overview-service';
import { filterOptions, noPortfolio, portfolioBoard, readFilters } from './portfolio-board';
import type { StrategyDocumentService } from '../strategy-document/strategy-document-service';
import type { PulseBoard } from './pulse-board';
import type { OverlapGuard } from '../leadership/overlap-guard';
import type { Viewer } from './viewer';

/** What a dashboard request comes to: JSON, or a file (the exports). */
export type ApiResult =
  { status: number; body: object } | { status: 200; file: { type: string; name: string; data: string | Uint8Array } };

export interface DashboardApiDeps {
  pack: ContentPack;
  thresholds: Thresholds;
  local: boolean;
  overview: OverviewService;
  portfolio: Pick<PortfolioService, 'data' | 'edit' | 'forExport'>;
  pulses: PulseBoard;
  mine: MineService;
  /** The Actions view: who sees which action plans is decided there, per request. */
  actions: Pick<ActionsBoard, 'board'>;
  exports: Pick<LeaderService, 'exportFigures'>;
  /** Withholds a team's view from someone who also sees the organisation when it would describe the few outside it. */
  overlap: Pick<OverlapGuard, 'summaryRevealsOutsiders' | 'portfolioRevealsOutsiders'>;
  /** The organisation's strategy document (src/strategy-document): it checks leader access itself and audits. */
  documents: Pick<StrategyDocumentService, 'forLeader'>;
}

const refusal = (status: number, error: DashboardError['error'], message?: string): ApiResult => ({
  status,
  body: message === undefined ? { error } : { error, message },
});
export const FORBIDDEN = refusal(403, 'forbidden');
const NOT_FOUND = refusal(404, 'not found');
const BAD_REQUEST = refusal(400, 'bad request');
const UNAVAILABLE = refusal(503, 'unavailable');
const WITHHELD = refusal(
  409,
  'withheld',
  'Beside the organisation’s figures, this team’s would describe the few people outside it who answered some of the same questions, so they are not shown.',
);
/** A team id as Teams gives it (e.g. 19:...@thread.tacv2), short enough for a history document id; else a bad request. */
const TEAM_ID = /^[\w:@.;=-]{1,200}$/;
/** A portfolio member key: opaque, printable, bounded. */
const GROUP_KEY = /^[\x21-\x7e]{1,256}$/;
const EDIT_FIELDS = ['rename', 'status', 'merge', 'split'] as const;
/** More answers than any pack's build questions is not an edit. */
const MAX_DECIDE_ANSWERS = 20;
/** How a refused edit is answered: a kind message for what the leader can fix, no detail for the rest. */
const EDIT_REFUSALS: Record<Exclude<EditOutcome, { ok: true }>['refusal'], [number, DashboardError['error']]> = {
  forbidden: [403, 'forbidden'],
  unavailable: [503, 'unavailable'],
  'unknown group': [404, 'not found'],
  invalid: [400, 'bad request'],
  conflict: [409, 'conflict'],
};

/**
 * The dashboard's endpoints, HTTP-free: every answer from the services the cards use, every access decision from the
 * viewer's access (the chat's rules). The routes (dashboard-routes.ts) only authenticate and translate.
 */
export class DashboardApi {
  private readonly options;

  constructor(private readonly deps: DashboardApiDeps) {
    this.options = filterOptions(deps.pack);
  }

  async me(viewer: Viewer): Promise<ApiResult> {
    const { leader, manager, admin } = viewer.access;
    const teams = await viewer.teams();
    const views: DashboardViewName[] = [
      ...(leader ? (['overview', 'portfolio'] as const) : []),
      ...((leader || manager) && teams.length > 0 ? (['team'] as const) : []),
      ...(leader || manager ? (['pulses'] as const) : []),
      'mine',
      'actions',
    ];
    const body: DashboardMe = {
      roles: { leader, manager, admin },
      views,
      teams: teams.map((id) => ({ id })),
      canEditPortfolio: leader,
      canExport: leader,
      canDownloadDocument: leader,
      thresholds: { ...this.deps.thresholds },
      local: this.deps.local,
    };
    return { status: 200, body };
  }

  async overview(viewer: Viewer, query: URLSearchParams): Promise<ApiResult> {
    const team = query.get('team');
    if (team === null || team === '') {
      if (!viewer.access.leader) return FORBIDDEN;
      return { status: 200, body: await this.deps.overview.overview(viewer) };
    }
    const refused = await this.teamRefusal(viewer, team);
    if (refused) return refused;
    return { status: 200, body: await this.deps.overview.overview(viewer, team) };
  }

  async portfolio(viewer: Viewer, query: URLSearchParams): Promise<ApiResult> {
    if (!viewer.access.leader) return FORBIDDEN;
    const team = query.get('team');
    if (team !== null && team !== '' && !TEAM_ID.test(team)) return BAD_REQUEST;
    const filters = readFilters(query, this.options, team ? await viewer.teams() : []);
    if (filters === 'bad request') return BAD_REQUEST;
    if (filters === 'forbidden') return NOT_FOUND;
    if (filters.team && (await this.deps.overlap.summaryRevealsOutsiders(viewer.person.tenantId, filters.team)))
      return WITHHELD;
    const data = await this.deps.portfolio.data(viewer.person, viewer.access, filters.team);
    if (data === 'forbidden') return FORBIDDEN;
    if (data === 'unavailable') return UNAVAILABLE;
    if (data === 'no portfolio') return { status: 200, body: noPortfolio(this.options, filters) };
    if (filters.team && (await this.teamPortfolioRevealsOutsiders(viewer.person.tenantId, data.figures)))
      return WITHHELD;
    return { status: 200, body: portfolioBoard(data, this.options, filters, filters.team === undefined) };
  }

  /** A leader's edit of one group: the chat edit card's checks, store and audit; refused edits change nothing. */
  async editGroup(viewer: Viewer, key: string, body: unknown): Promise<ApiResult> {
    if (!viewer.access.leader) return FORBIDDEN;
    if (!GROUP_KEY.test(key) || !isEditBody(body)) return BAD_REQUEST;
    const value: Record<string, unknown> = { group: key };
    for (const field of EDIT_FIELDS) if (body[field] !== undefined) value[`portfolio.${field}`] = body[field];
    for (const [question, answer] of Object.entries(body.decide ?? {})) value[`${DECIDE_PREFIX}${question}`] = answer;
    const outcome = await this.deps.portfolio.edit(viewer.person, viewer.access, true, value);
    if (outcome.ok) return { status: 200, body: { ok: true, message: 'Saved.' } };
    const [status, error] = EDIT_REFUSALS[outcome.refusal];
    return status === 403 || status === 503 ? refusal(status, error) : refusal(status, error, outcome.message);
  }

  async pulses(viewer: Viewer): Promise<ApiResult> {
    const list = await this.deps.pulses.list(viewer);
    return list ? { status: 200, body: list } : FORBIDDEN;
  }

  async pulse(viewer: Viewer, pulseId: string): Promise<ApiResult> {
    const detail = await this.deps.pulses.detail(viewer, pulseId);
    return detail === 'not found' ? NOT_FOUND : { status: 200, body: detail };
  }

  async mine(viewer: Viewer): Promise<ApiResult> {
    return { status: 200, body: await this.deps.mine.mine(viewer.person) };
  }

  /** Action plans: everyone's own; a manager's teams' in full; for a leader the organisation's, and other teams counted. */
  async actions(viewer: Viewer): Promise<ApiResult> {
    return { status: 200, body: await this.deps.actions.board(viewer) };
  }

  async export(viewer: Viewer, format: 'csv' | 'json'): Promise<ApiResult> {
    if (!viewer.access.leader) return FORBIDDEN;
    const { csv, json } = await this.deps.exports.exportFigures(viewer.person);
    return format === 'csv'
      ? { status: 200, file: { type: 'text/csv; charset=utf-8', name: 'strategy-summary.csv', data: csv } }
      : { status: 200, file: { type: 'application/json; charset=utf-8', name: 'strategy-summary.json', data: json } };
  }

  /** The organisation's strategy document (Word), as the chat's `strategy document` gives it; leaders only. */
  async strategyDocument(viewer: Viewer, timeZone: string | null): Promise<ApiResult> {
    if (!viewer.access.leader) return FORBIDDEN;
    const file = await this.deps.documents.forLeader(viewer.person, timeZone ? { timeZone } : {});
    if (file === 'not a leader') return FORBIDDEN;
    return { status: 200, file: { type: file.contentType, name: file.name, data: file.bytes } };
  }

  /** Whether a team's portfolio beside the organisation's (the same groups by key) would describe a few outsiders. */
  private async teamPortfolioRevealsOutsiders(tenantId: string, team: PortfolioFigures): Promise<boolean> {
    // Unreadable, the organisation's cannot be compared: withheld rather than a 500.
    const organisation = await this.deps.portfolio.forExport(tenantId).catch(() => undefined);
    return !organisation || this.deps.overlap.portfolioRevealsOutsiders(organisation.figures, team);
  }

  /** A team view: a bad id is a bad request; an employee may open none, a manager only theirs, a leader any known. */
  private async teamRefusal(viewer: Viewer, team: string): Promise<ApiResult | undefined> {
    if (!TEAM_ID.test(team)) return BAD_REQUEST;
    if (!viewer.access.leader && !viewer.access.manager) return FORBIDDEN;
    if (!(await viewer.teams()).includes(team)) return viewer.access.leader ? NOT_FOUND : FORBIDDEN;
    // Only a leader also sees the organisation.
    if (viewer.access.leader && (await this.deps.overlap.summaryRevealsOutsiders(viewer.person.tenantId, team)))
      return WITHHELD;
    return undefined;
  }
}

/** An object with only the edit fields, each a string of bounded length, and `decide` an object of such strings. */
function isEditBody(body: unknown): body is PortfolioEditRequest {
  if (!isPlainObject(body)) return false;
  const bounded = (value: unknown) => typeof value === 'string' && value.length <= 1_000;
  const entries = Object.entries(body);
  return (
    entries.length > 0 &&
    entries.every(([name, value]) =>
      name === 'decide'
        ? isPlainObject(value) && Object.keys(value).length <= MAX_DECIDE_ANSWERS && Object.values(value).every(bounded)
        : (EDIT_FIELDS as readonly string[]).includes(name) && bounded(value),
    )
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
