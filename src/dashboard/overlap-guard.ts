import type { SummaryService } from '../leadership/summary-service';

/**
 * The counters that say how many people, per role, stand behind a figure: the answers to a question, the people who
 * took part, the ratings of a question or of a row field (whose means the views show). Option, band and theme counts
 * are cells within those people, each thresholded by the summaries; not checked here.
 */
const PEOPLE_BEHIND = /^(?:leader|employee):(?:n|people|rating:rated|field:[^:]+:rated)$/;

/**
 * A team's figures beside the organisation's, for someone who sees both (a leader): where fewer than the group
 * threshold, but some, people outside the team stand behind a figure both views show (a question few outsiders
 * answered, a role few outsiders have), the difference between the two views would describe them (docs/anonymity.md,
 * "Overlapping scopes"), so the team's view is withheld. Compares the published counters both views are built from,
 * per role: a total's outsiders are the sum of its roles', so none or enough when each role's are.
 */
export class OverlapGuard {
  constructor(
    private readonly summaries: Pick<SummaryService, 'publishedCounters'>,
    private readonly k: number,
  ) {}

  async revealsOutsiders(tenantId: string, teamId: string): Promise<boolean> {
    const [organisation, team] = await Promise.all([
      this.summaries.publishedCounters(tenantId),
      this.summaries.publishedCounters(tenantId, teamId),
    ]);
    for (const [questionId, counters] of organisation) {
      const inTeam = team.get(questionId) ?? {};
      for (const [name, amount] of Object.entries(counters)) {
        if (!PEOPLE_BEHIND.test(name)) continue;
        const outside = amount - (inTeam[name] ?? 0);
        if (outside > 0 && outside < this.k) return true;
      }
    }
    return false;
  }
}
