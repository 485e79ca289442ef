import { total, type Counters } from '../aggregation/contributions';
import type { PortfolioFigures } from '../portfolio/portfolio-figures';
import { isSafe } from './disclosure';
import type { CountersByQuestion } from './organisation-summary';
import type { SummaryService } from './summary-service';
import { effectiveGroup } from './thresholds';

const ROLES = ['leader', 'employee'] as const;

/**
 * A team's figures beside the organisation's, for someone who sees both (a leader): organisation minus team describes
 * the people outside the team, so wherever both views show a figure, the outsiders behind it must be none or at least
 * the group threshold k (docs/anonymity.md, "Overlapping scopes"). A view includes a question's ratings or answers
 * only once k people gave them, so only questions the team's view includes are compared: per question, the answers,
 * the ratings, and each role's ratings (the leader/employee gaps); overall, the people, each role's, and those who did
 * and did not complete their path. A difference either way counts (the team's batch may publish before the organisation's).
 * Option, band and theme counts are cells within those people, each thresholded by its own view.
 */
export class OverlapGuard {
  private readonly k: number;

  constructor(private readonly summaries: Pick<SummaryService, 'publishedCounters' | 'thresholds'>) {
    this.k = effectiveGroup(summaries.thresholds);
  }

  async summaryRevealsOutsiders(tenantId: string, teamId: string): Promise<boolean> {
    const [organisation, team] = await Promise.all([
      this.summaries.publishedCounters(tenantId),
      this.summaries.publishedCounters(tenantId, teamId),
    ]);
    const of = (scope: CountersByQuestion, questionId: string): Counters => scope.get(questionId) ?? {};
    const measures = [
      (counters: Counters) => total(counters, 'n'),
      (counters: Counters) => total(counters, 'rating:rated'),
      ...ROLES.map((role) => (counters: Counters) => counters[`${role}:rating:rated`] ?? 0),
    ];
    const questions = new Set([...organisation.keys(), ...team.keys()]);
    for (const questionId of questions)
      for (const measure of measures)
        if (this.reveals(measure(of(organisation, questionId)), measure(of(team, questionId)))) return true;
    // Participation: people (and each role's), and those who did and did not complete their path (the rate's parts).
    const overall = (scope: CountersByQuestion) => {
      const sum = (name: string) => [...scope.values()].reduce((acc, counters) => acc + (counters[name] ?? 0), 0);
      const [leaders, employees] = ROLES.map((role) => sum(`${role}:people`));
      const completed = ROLES.reduce((acc, role) => acc + sum(`${role}:completed`), 0);
      return [leaders + employees, leaders, employees, completed, leaders + employees - completed];
    };
    const [whole, part] = [overall(organisation), overall(team)];
    return whole.some((figure, i) => this.reveals(figure, part[i]));
  }

  /**
   * The team's portfolio beside the organisation's: a group (same key in both) or total whose people differ by a few
   * would describe those few (their value and feasibility ratings, approaches, metrics).
   */
  portfolioRevealsOutsiders(organisation: PortfolioFigures, team: PortfolioFigures): boolean {
    const inOrganisation = new Map(organisation.groups.map((group) => [group.key, group.support]));
    const pairs: [number | null | undefined, number | null][] = [
      [organisation.people, team.people],
      [organisation.rest.people, team.rest.people],
      ...team.groups.map((group): [number | null | undefined, number | null] => [
        inOrganisation.get(group.key),
        group.support,
      ]),
    ];
    return pairs.some(([whole, part]) => whole != null && part != null && !isSafe(Math.abs(whole - part), this.k));
  }

  /** Only where the team's view shows the figure (k or more behind it there) can the two be subtracted. */
  private reveals(organisation: number, team: number): boolean {
    return team >= this.k && !isSafe(Math.abs(organisation - team), this.k);
  }
}
