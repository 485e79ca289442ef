import type { SummaryService } from '../leadership/summary-service';

/**
 * A team's figures beside the organisation's, for someone who sees both (a leader): when a few people, fewer than the
 * group threshold, are outside the team, the difference between the two views would describe them (docs/anonymity.md,
 * "Overlapping scopes"), so the team's view is withheld. Compares the published figures, which are what both show.
 */
export class OverlapGuard {
  constructor(
    private readonly summaries: Pick<SummaryService, 'summary'>,
    private readonly k: number,
  ) {}

  async revealsOutsiders(tenantId: string, teamId: string): Promise<boolean> {
    const [organisation, team] = await Promise.all([
      this.summaries.summary(tenantId),
      this.summaries.summary(tenantId, teamId),
    ]);
    const inTeam = team.participation.people;
    if (inTeam === null) return false;
    const outside = (organisation.participation.people ?? 0) - inTeam;
    return outside > 0 && outside < this.k;
  }
}
