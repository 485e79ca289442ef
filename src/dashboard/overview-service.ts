import type { LeaderService } from '../leadership/leader-service';
import type { ReadinessSnapshots } from '../leadership/snapshots/readiness-snapshots';
import type { HistoryPoint, ParticipationHistoryStore } from '../storage/ports';
import type { DashboardOverview } from './api-types';
import type { Viewer } from './viewer';

/** A year and a bit of daily points: the most a history document keeps (a few KB). */
export const HISTORY_POINTS = 400;

export interface OverviewDeps {
  leadership: Pick<LeaderService, 'summaryData'>;
  history: ParticipationHistoryStore;
  /** Monthly readiness snapshots (src/leadership/snapshots), the same scopes. */
  readiness: Pick<ReadinessSnapshots, 'series'>;
  clock: () => Date;
}

/**
 * The organisation's or a team's overview: the leader card's figures and view (LeaderService.summaryData, audited
 * like the card), and participation over time. Who may see which scope is checked by the caller (routes).
 */
export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  async overview(viewer: Viewer, teamId?: string): Promise<DashboardOverview> {
    const team = teamId === undefined ? undefined : { id: teamId, name: '' };
    const { summary: exact, view } = await this.deps.leadership.summaryData(viewer.person, team, true);
    // Shares to the card's precision (whole per cents): finer ones could be subtracted to describe a single person.
    const completionRate = toPercent(exact.participation.completionRate);
    const meanProgress = toPercent(exact.participation.meanProgress);
    const summary = { ...exact, participation: { ...exact.participation, completionRate, meanProgress } };
    const { people } = summary.participation;
    const point: HistoryPoint = {
      day: this.deps.clock().toISOString().slice(0, 10),
      people,
      completionRate,
      meanProgress,
    };
    const scope = teamId === undefined ? 'organisation' : `team:${teamId}`;
    const [points, readinessHistory] = await Promise.all([
      this.deps.history.record(viewer.person.tenantId, scope, point, HISTORY_POINTS),
      this.deps.readiness.series(viewer.person.tenantId, scope),
    ]);
    const { matrix, ...card } = view;
    return {
      scope: teamId === undefined ? { kind: 'organisation' } : { kind: 'team', teamId },
      figures: summary,
      card: { ...card, canExport: viewer.access.leader && teamId === undefined },
      history: { points, maxPoints: HISTORY_POINTS },
      readinessHistory,
      ...(matrix ? { matrix } : {}),
    };
  }
}

function toPercent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100) / 100;
}
