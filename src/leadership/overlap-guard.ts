import { total, type Counters } from '../aggregation/contributions';
import type { PortfolioFigures } from '../portfolio/portfolio-figures';
import { isSafe } from './disclosure';
import type { CountersByQuestion } from './organisation-summary';
import type { SummaryService } from './summary-service';
import { effectiveGroup } from './thresholds';

const ROLES = ['leader', 'employee'] as const;
const PEOPLE_OF_A_METRIC = /^(?:leader|employee):((?:pairPeople|goalPeople):.+)$/;

/**
 * A team's figures beside the organisation's, for someone who sees both (a leader): organisation minus team describes
 * the people outside the team, so wherever both views show a figure, the outsiders behind it must be none or at least
 * the group threshold k (docs/anonymity.md, "Overlapping scopes"). A view includes a question's ratings or answers
 * only once k people gave them, so only what the team's view includes is compared: per question the answers, the
 * ratings, each role's ratings (the leader/employee gaps) and the people behind each success metric and goal;
 * overall the people, each role's, and those who did and did not complete their path. A difference either way counts
 * (the team's batch may publish before the organisation's). Option, band, theme and "don't know" counts are cells
 * within those people, each thresholded by its own view.
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
    for (const questionId of questions) {
      const [whole, part] = [of(organisation, questionId), of(team, questionId)];
      // The people behind each success metric and goal (its range of numbers and time frame are theirs).
      const people = [...new Set(Object.keys(part).flatMap((name) => PEOPLE_OF_A_METRIC.exec(name)?.[1] ?? []))];
      const byName = people.map((name) => (counters: Counters) => total(counters, name));
      for (const measure of [...measures, ...byName]) if (this.reveals(measure(whole), measure(part))) return true;
    }
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
   * The team's portfolio beside the organisation's: an idea whose supporters differ by a few between the two would
   * describe those few (their value and feasibility ratings, approaches, metrics). Ideas are matched by their
   * wordings' keys, the same in both scopes; where the two groupings differ (an idea that is one group in one view and
   * parts of several in the other), nothing can be matched safely, so the team's portfolio is withheld.
   */
  portfolioRevealsOutsiders(organisation: PortfolioFigures, team: PortfolioFigures): boolean {
    if (this.differs(organisation.people, team.people)) return true;
    const teamGroupOf = new Map(team.groups.flatMap((group, i) => group.memberKeys.map((key) => [key, i] as const)));
    const matched = new Map<number, number | null>();
    for (const group of organisation.groups) {
      const parts = new Set(group.memberKeys.flatMap((key) => teamGroupOf.get(key) ?? []));
      if (parts.size > 1) return true;
      for (const part of parts) {
        if (matched.has(part)) return true;
        matched.set(part, group.support);
      }
    }
    return team.groups.some(
      (group, i) => group.support !== null && (!matched.has(i) || this.differs(matched.get(i) ?? null, group.support)),
    );
  }

  /** Only where the team's view shows the figure (k or more behind it there) can the two be subtracted. */
  private reveals(organisation: number, team: number): boolean {
    return team >= this.k && !isSafe(Math.abs(organisation - team), this.k);
  }

  /** Two shown counts (null: not shown) that differ by a few; one shown and one not cannot be subtracted. */
  private differs(organisation: number | null, team: number | null): boolean {
    return organisation !== null && team !== null && this.reveals(organisation, team);
  }
}
