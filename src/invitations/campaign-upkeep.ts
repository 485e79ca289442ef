import type { CardRenderer } from '../cards/card-renderer';
import type { CampaignDoc, ShownCounts } from '../domain/invitation-docs';
import type { Logger } from '../logging/logger';
import type { PulseJobs } from '../pulse/delivery/pulse-jobs';
import type { SendJobKind } from '../pulse/delivery/send-job';
import { asMessage } from '../pulse/pulse-cards';
import type { CampaignStore, DeliveryLedger } from '../storage/ports';
import { rateLimitedChannel } from '../teams/rate-limited-channel';
import type { TenantRateLimiters } from '../teams/rate-limiter';
import { DEFAULT_RETRY, withRetries } from '../teams/retry';
import type { TeamsChannel } from '../teams/teams-channel';
import { channelView } from './campaign-figures';

export interface CampaignUpkeepDeps {
  campaigns: CampaignStore;
  ledger: DeliveryLedger;
  jobs: PulseJobs;
  kind: SendJobKind<CampaignDoc>;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  cards: CardRenderer;
  threshold: number;
  logger: Logger;
  clock: () => Date;
  /** How often a campaign's channel card may be updated. */
  cardIntervalMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * What the scheduler does for an open campaign: resumes an unfinished fan-out, updates the channel card in place when
 * its figures moved (at most every interval, claimed with an ETag-conditional write so one instance does it), and
 * closes the campaign when its time is up.
 */
export class CampaignUpkeep {
  constructor(private readonly deps: CampaignUpkeepDeps) {}

  async look(campaign: CampaignDoc): Promise<void> {
    const now = this.deps.clock();
    if (Date.parse(campaign.closesAt) <= now.getTime()) return this.refresh(campaign, 'closed');
    if (campaign.fanOut.phase !== 'done') this.deps.jobs.sendJob(this.deps.kind, campaign.tenantId, campaign.pulseId);
    const shownAt = campaign.shownAt ? Date.parse(campaign.shownAt) : 0;
    const sending = campaign.fanOut.phase !== 'done';
    if (!campaign.channelActivityId || now.getTime() - shownAt < this.deps.cardIntervalMs) return;
    if (!sending && campaign.shownFor === shownKey(campaign)) return;
    await this.refresh(campaign, sending ? 'sending' : 'open');
  }

  /** The figures now, written to the campaign (the claim) and then shown on its channel card. */
  private async refresh(campaign: CampaignDoc, status: 'sending' | 'open' | 'closed'): Promise<void> {
    const { campaigns, clock } = this.deps;
    const counts = await this.counts(campaign);
    const current = await campaigns.readCampaign(campaign.tenantId, campaign.pulseId);
    if (!current || current.doc.status !== 'open') return;
    // The status line is drawn too: "going out…" must turn into "open" when the send ends, even with the same counts.
    const unchanged = sameCounts(current.doc.shown, counts) && current.doc.shownStatus === status;
    const next: CampaignDoc = {
      ...current.doc,
      shown: counts,
      shownStatus: status,
      shownFor: shownKey(current.doc),
      shownAt: clock().toISOString(),
      ...(status === 'closed' ? { status: 'closed' as const } : {}),
    };
    if (!(await campaigns.replaceCampaign(next, current.etag))) return;
    if (status === 'closed') await campaigns.releaseTeam(next);
    if (unchanged || !next.channelActivityId) return;
    const { serviceUrl, conversationId } = next.origin;
    const card = asMessage(this.deps.cards.invitationChannel(channelView(counts, status, this.deps.threshold)));
    const channel = rateLimitedChannel(this.deps, next.tenantId);
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    const activityId = next.channelActivityId;
    const updated = await withRetries(
      () => channel.update(serviceUrl, conversationId, activityId, card),
      DEFAULT_RETRY,
      sleep,
    );
    if (!updated.ok)
      this.deps.logger.warn('invitation.channel-card.failed', {
        tenantId: next.tenantId,
        pulseId: next.pulseId,
        status: updated.error.status,
      });
  }

  private async counts(campaign: CampaignDoc): Promise<ShownCounts> {
    const [ledger, progress] = await Promise.all([
      this.deps.ledger.deliveryCounts(campaign.tenantId, campaign.pulseId),
      this.deps.campaigns.progressCounts(campaign.tenantId, campaign.pulseId),
    ]);
    return { invited: ledger.sent, ...progress };
  }
}

/** The state the card's figures depend on: the fan-out's phase and how many starts and finishes were recorded. */
function shownKey(campaign: CampaignDoc): string {
  return `${campaign.fanOut.phase}:${campaign.changes ?? 0}`;
}

function sameCounts(a: ShownCounts | undefined, b: ShownCounts): boolean {
  return a !== undefined && a.invited === b.invited && a.started === b.started && a.finished === b.finished;
}
