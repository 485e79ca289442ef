import type { LeaderService } from '../leadership/leader-service';
import type { HistoryPoint, ParticipationHistoryStore } from '../storage/ports';
import type { DashboardOverview } from './api-types';
import type { Viewer } from './viewer';

/** A year and a bit of daily points: the most a history document keeps (a few KB). */
export const HISTORY_POINTS = 400;

export interface OverviewDeps {
  leadership: Pick<LeaderService, 'summaryData'>;
  history: ParticipationHistoryStore;
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
    const { summary, view } = await this.deps.leadership.summaryData(viewer.person, team, true);
    const { people, completionRate, meanProgress } = summary.participation;
    const point: HistoryPoint = {
      day: this.deps.clock().toISOString().slice(0, 10),
      people,
      completionRate,
      meanProgress,
    };
    const scope = teamId === undefined ? 'organisation' : `team:${teamId}`;
    const points = await this.deps.history.record(viewer.person.tenantId, scope, point, HISTORY_POINTS);
    const { matrix, ...card } = view;
    return {
      scope: teamId === undefined ? { kind: 'organisation' } : { kind: 'team', teamId },
      figures: summary,
      card: { ...card, canExport: viewer.access.leader && teamId === undefined },
      history: { points, maxPoints: HISTORY_POINTS },
      ...(matrix ? { matrix } : {}),
    };
  }
}
