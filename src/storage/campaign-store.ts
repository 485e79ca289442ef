import type { Container, PatchOperation, SqlParameter } from '@azure/cosmos';
import { CAMPAIGN_PREFIX, invitationIds, type CampaignDoc, type CampaignProgressDoc } from '../domain/invitation-docs';
import type { PulseOrigin } from '../domain/pulse-docs';
import type { CampaignStore, KnownTeam, OpenCampaignOutcome, Versioned } from './ports';
import { openWithLock, releaseLock } from './campaign-lock';
import { deleteIfPresent } from './delete-if-present';
import { createIfAbsent, readInPulse, replaceInPulse } from './pulse-partition';
import { withoutSystemFields } from './system-fields';

const OPEN = 'c.type = "campaign" AND c.status = "open"';

/**
 * Invitation campaigns in their own partitions ([tenantId, campaignId]) of the `pulses` container, with the progress
 * records of the people they reached. Queries never leave one tenant, except the local-mode list of tenant ids.
 */
export class CosmosCampaignStore implements CampaignStore {
  constructor(private readonly container: Container) {}

  createCampaign(campaign: CampaignDoc): Promise<boolean> {
    return createIfAbsent(this.container, campaign);
  }

  readCampaign(tenantId: string, campaignId: string): Promise<Versioned<CampaignDoc> | undefined> {
    return readInPulse<CampaignDoc>(this.container, invitationIds.campaign(campaignId), tenantId, campaignId);
  }

  replaceCampaign(campaign: CampaignDoc, etag: string): Promise<string | undefined> {
    return replaceInPulse(this.container, campaign, etag);
  }

  recordChannelCard(tenantId: string, campaignId: string, activityId: string): Promise<void> {
    return this.patch(tenantId, campaignId, [{ op: 'set', path: '/channelActivityId', value: activityId }]);
  }

  recordRosterPage(tenantId: string, campaignId: string, added: number, continuation: string | undefined) {
    return this.patch(tenantId, campaignId, [
      { op: 'incr', path: '/fanOut/recipients', value: added },
      continuation
        ? { op: 'set', path: '/fanOut/rosterContinuation', value: continuation }
        : { op: 'set', path: '/fanOut/phase', value: 'sending' },
    ]);
  }

  markFanOutDone(tenantId: string, campaignId: string): Promise<void> {
    return this.patch(tenantId, campaignId, [{ op: 'set', path: '/fanOut/phase', value: 'done' }]);
  }

  openCampaigns(tenantId: string): Promise<CampaignDoc[]> {
    return this.query<CampaignDoc>(`SELECT * FROM c WHERE c.tenantId = @tenantId AND ${OPEN}`, { tenantId });
  }

  async tenantsWithOpenCampaigns(): Promise<string[]> {
    return [...new Set(await this.query<string>(`SELECT VALUE c.tenantId FROM c WHERE ${OPEN}`, {}))];
  }

  async openCampaign(campaign: CampaignDoc, now: Date): Promise<OpenCampaignOutcome> {
    // A campaign opened before the locks existed has none: found by its roster (the lock settles races).
    const [unlocked] = await this.query<CampaignDoc>(
      `SELECT TOP 1 * FROM c WHERE c.tenantId = @tenantId AND ${OPEN} AND c.origin.rosterId = @rosterId AND c.closesAt > @now AND c.pulseId != @campaignId`,
      {
        tenantId: campaign.tenantId,
        rosterId: campaign.origin.rosterId,
        now: now.toISOString(),
        campaignId: campaign.pulseId,
      },
    );
    if (unlocked) return { created: false, runningSince: unlocked.createdAt };
    return openWithLock(this.container, campaign, now);
  }

  releaseTeam(campaign: CampaignDoc): Promise<void> {
    return releaseLock(this.container, campaign);
  }

  async knownTeams(tenantId: string, limit: number): Promise<KnownTeam[]> {
    const found = await this.query<{ origin: PulseOrigin; teamName?: string; createdAt: string }>(
      `SELECT c.origin, c.teamName, c.createdAt FROM c WHERE c.tenantId = @tenantId AND (c.type = "pulse" OR c.type = "campaign") ORDER BY c.createdAt DESC`,
      { tenantId },
    );
    const teams = new Map<string, KnownTeam>();
    for (const { origin, teamName } of found) {
      // A group chat's roster is the chat itself: only team channels make a team.
      if (!origin || origin.rosterId === origin.conversationId || teams.has(origin.rosterId)) continue;
      teams.set(origin.rosterId, { origin, ...(teamName ? { name: teamName } : {}) });
      if (teams.size >= limit) break;
    }
    return [...teams.values()];
  }

  async campaignsOf(tenantId: string, userId: string): Promise<string[]> {
    const ids = await this.query<string>(
      'SELECT VALUE c.pulseId FROM c WHERE c.tenantId = @tenantId AND c.type = "delivery" AND c.userId = @userId AND STARTSWITH(c.pulseId, @prefix)',
      { tenantId, userId, prefix: CAMPAIGN_PREFIX },
    );
    return [...new Set(ids)];
  }

  async recordProgress(
    tenantId: string,
    campaignId: string,
    userId: string,
    change: 'started' | 'finished',
    at: string,
  ): Promise<void> {
    const id = invitationIds.progress(campaignId, userId);
    const current = (await readInPulse<CampaignProgressDoc>(this.container, id, tenantId, campaignId))?.doc;
    const field = change === 'started' ? 'startedAt' : 'finishedAt';
    if (current?.[field]) return;
    const base: CampaignProgressDoc = current ?? {
      id,
      type: 'campaign-progress',
      tenantId,
      pulseId: campaignId,
      userId,
    };
    // Finishing implies having started (someone who answered everything in one go).
    const doc: CampaignProgressDoc = { ...base, startedAt: base.startedAt ?? at, [field]: at };
    await this.container.items.upsert(doc);
    await this.changed(tenantId, campaignId);
  }

  /** Tells the scheduler the channel card's figures moved (a campaign deleted meanwhile is no matter). */
  private async changed(tenantId: string, campaignId: string): Promise<void> {
    await this.patch(tenantId, campaignId, [{ op: 'incr', path: '/changes', value: 1 }]).catch((error: unknown) => {
      if ((error as { code?: number }).code !== 404) throw error;
    });
  }

  async progressCounts(tenantId: string, campaignId: string): Promise<{ started: number; finished: number }> {
    const count = async (field: string) =>
      (
        await this.query<number>(
          `SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @campaignId AND c.type = "campaign-progress" AND IS_DEFINED(c.${field})`,
          { tenantId, campaignId },
        )
      )[0] ?? 0;
    const [started, finished] = await Promise.all([count('startedAt'), count('finishedAt')]);
    return { started, finished };
  }

  async eraseProgress(tenantId: string, userId: string): Promise<number> {
    const found = await this.query<CampaignProgressDoc>(
      'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "campaign-progress" AND c.userId = @userId',
      { tenantId, userId },
    );
    let removed = 0;
    for (const doc of found) {
      if (!(await deleteIfPresent(this.container.item(doc.id, [tenantId, doc.pulseId])))) continue;
      removed++;
      await this.changed(tenantId, doc.pulseId);
    }
    return removed;
  }

  private async query<T>(query: string, values: Record<string, string>): Promise<T[]> {
    const parameters: SqlParameter[] = Object.entries(values).map(([name, value]) => ({ name: `@${name}`, value }));
    const { resources } = await this.container.items.query<T>({ query, parameters }).fetchAll();
    return resources.map((resource) =>
      resource !== null && typeof resource === 'object' ? withoutSystemFields(resource) : resource,
    );
  }

  /** Atomic changes to the campaign document (no read, no lost update). */
  private async patch(tenantId: string, campaignId: string, operations: PatchOperation[]): Promise<void> {
    await this.container.item(invitationIds.campaign(campaignId), [tenantId, campaignId]).patch(operations);
  }
}
