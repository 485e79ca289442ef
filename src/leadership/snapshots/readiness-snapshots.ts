import type { ReadinessHistoryStore, ReadinessPoint } from '../../storage/ports';
import type { SectionFigure } from '../organisation-summary';
import type { SummaryService } from '../summary-service';

/** Three years of monthly points: the most a snapshot document keeps. */
export const SNAPSHOT_POINTS = 36;
/** Teams snapshotted per tenant and month (the most recent ones a pulse or campaign was started in). */
export const SNAPSHOT_TEAMS = 200;
export const ORGANISATION = 'organisation';

export interface ReadinessSnapshotsDeps {
  summaries: SummaryService;
  history: ReadinessHistoryStore;
  /** The team ids to snapshot besides the organisation (bounded by the caller). */
  teamsOf: (tenantId: string) => Promise<string[]>;
  /**
   * Whether a team's figures beside the organisation's would describe the few outside it (the OverlapGuard): such a
   * month is kept without means, so a later look at both histories cannot subtract it.
   */
  withheld?: (tenantId: string, teamId: string) => Promise<boolean>;
  clock: () => Date;
}

/** The scope a team's snapshots are kept under (the participation history's naming). */
export const teamScope = (teamId: string): string => `team:${teamId}`;

/**
 * Monthly readiness snapshots of the organisation and its teams, from the same SummaryService figures the leader card
 * shows (so every mean is already thresholded: null where too few people rated), and what they say since last time.
 */
export class ReadinessSnapshots {
  constructor(private readonly deps: ReadinessSnapshotsDeps) {}

  /**
   * Takes this month's snapshot of every scope that has none yet; returns how many were added. The organisation's is
   * taken last, so its point says the month is done: every other tick of the month is that one point read.
   */
  async takeMonthly(tenantId: string): Promise<number> {
    const month = monthOf(this.deps.clock());
    if ((await this.deps.history.read(tenantId, ORGANISATION)).some((point) => point.month === month)) return 0;
    const teams = (await this.deps.teamsOf(tenantId)).slice(0, SNAPSHOT_TEAMS);
    let added = 0;
    for (const teamId of [...teams, undefined]) {
      const scope = teamId === undefined ? ORGANISATION : teamScope(teamId);
      const points = await this.deps.history.read(tenantId, scope);
      if (points.some((point) => point.month === month)) continue;
      const { readiness } = await this.deps.summaries.summary(tenantId, teamId);
      const withheld = teamId !== undefined && (await this.deps.withheld?.(tenantId, teamId));
      const point = this.pointOf(month, withheld ? withoutMeans(readiness) : readiness);
      if (await this.deps.history.recordMonth(tenantId, scope, point, SNAPSHOT_POINTS)) added++;
    }
    return added;
  }

  /** The monthly snapshots of a scope (`organisation` or `team:<id>`), oldest first: the dashboard's trend lines. */
  series(tenantId: string, scope: string): Promise<ReadinessPoint[]> {
    return this.deps.history.read(tenantId, scope);
  }

  /**
   * "Since last time: Skills ▲ 0.3 · Data ▼ 0.1": today's section means against the latest snapshot of an earlier month,
   * only for sections whose mean is shown in both (each above its threshold); undefined when nothing compares.
   */
  async sinceLastTime(tenantId: string, readiness: SectionFigure[]): Promise<string | undefined> {
    const month = monthOf(this.deps.clock());
    const previous = (await this.deps.history.read(tenantId, ORGANISATION)).filter((p) => p.month < month).at(-1);
    if (!previous) return undefined;
    const parts = readiness.flatMap((section) => {
      const before = previous.sections.find((entry) => entry.sectionId === section.sectionId)?.mean;
      if (section.mean === null || before == null) return [];
      const change = Math.round((section.mean - before) * 10) / 10;
      return [
        `${section.title} ${Math.abs(change) < 0.05 ? 'no change' : `${change > 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)}`}`,
      ];
    });
    return parts.length === 0 ? undefined : `Since ${monthName(previous.month)}: ${parts.join(' · ')}`;
  }

  private pointOf(month: string, readiness: SectionFigure[]): ReadinessPoint {
    return {
      month,
      takenAt: this.deps.clock().toISOString(),
      sections: readiness.map(({ sectionId, mean }) => ({ sectionId, mean })),
      considerations: readiness.flatMap((section) =>
        section.considerations.map(({ considerationId, mean }) => ({ considerationId, mean })),
      ),
    };
  }
}

/** YYYY-MM of `at` in UTC. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

function withoutMeans(readiness: SectionFigure[]): SectionFigure[] {
  return readiness.map((section) => ({
    ...section,
    mean: null,
    considerations: section.considerations.map((consideration) => ({ ...consideration, mean: null })),
  }));
}
