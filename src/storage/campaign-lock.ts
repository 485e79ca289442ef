import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { CampaignDoc } from '../domain/invitation-docs';
import type { OpenCampaignOutcome } from './ports';
import { createIfAbsent, readInPulse } from './pulse-partition';

/** The partition (in `pulses`) of every team's "open campaign" lock of a tenant. */
const LOCKS = 'campaign-locks';
/** A lock whose campaign was never written (its creator died in between) is taken over after this long. */
const ORPHAN_MS = 60_000;

/** One team's (or group chat's) open campaign: created conditionally, so of two `invite`s at once one wins. */
export interface CampaignLockDoc {
  id: string;
  type: 'campaign-lock';
  tenantId: string;
  pulseId: typeof LOCKS;
  rosterId: string;
  campaignId: string;
  createdAt: string;
  closesAt: string;
}

/** The lock's id: per roster (the team, or the chat itself), whichever thread of the channel `invite` came from. */
export function lockId(rosterId: string): string {
  return `campaign-open|${createHash('sha256').update(rosterId).digest('base64url')}`;
}

/**
 * Takes the team's lock for `campaign` and then stores the campaign. A lock held by an open campaign (or one being
 * created this minute) answers `running`; a lock left by a closed or never-written campaign is taken over.
 */
export async function openWithLock(
  container: Container,
  campaign: CampaignDoc,
  now: Date,
): Promise<OpenCampaignOutcome> {
  const { tenantId, origin } = campaign;
  const lock: CampaignLockDoc = {
    id: lockId(origin.rosterId),
    type: 'campaign-lock',
    tenantId,
    pulseId: LOCKS,
    rosterId: origin.rosterId,
    campaignId: campaign.pulseId,
    createdAt: campaign.createdAt,
    closesAt: campaign.closesAt,
  };
  const item = container.item(lock.id, [tenantId, LOCKS]);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createIfAbsent(container, lock))
      return (await createIfAbsent(container, campaign)) ? { created: true } : { created: false };
    const held = await readInPulse<CampaignLockDoc>(container, lock.id, tenantId, LOCKS);
    if (!held) continue;
    // The same campaign again (Teams redelivered the message): create it if its creator died before doing so.
    if (held.doc.campaignId === campaign.pulseId)
      return (await createIfAbsent(container, campaign)) ? { created: true } : { created: false };
    const running = await readInPulse<CampaignDoc>(
      container,
      `campaign|${held.doc.campaignId}`,
      tenantId,
      held.doc.campaignId,
    );
    const orphan = !running && now.getTime() - Date.parse(held.doc.createdAt) >= ORPHAN_MS;
    const over = running && (running.doc.status !== 'open' || Date.parse(running.doc.closesAt) <= now.getTime());
    if (!orphan && !over) return { created: false, runningSince: running?.doc.createdAt ?? held.doc.createdAt };
    await item.delete({ accessCondition: { type: 'IfMatch', condition: held.etag } }).catch((error: unknown) => {
      if (![404, 412].includes((error as { code?: number }).code ?? 0)) throw error;
    });
  }
  return { created: false, runningSince: campaign.createdAt };
}

/** Frees the team for a new campaign once `campaign` closed (only if the lock is still this campaign's). */
export async function releaseLock(container: Container, campaign: CampaignDoc): Promise<void> {
  const { tenantId, origin } = campaign;
  const held = await readInPulse<CampaignLockDoc>(container, lockId(origin.rosterId), tenantId, LOCKS);
  if (!held || held.doc.campaignId !== campaign.pulseId) return;
  await container
    .item(held.doc.id, [tenantId, LOCKS])
    .delete({ accessCondition: { type: 'IfMatch', condition: held.etag } })
    .catch((error: unknown) => {
      if (![404, 412].includes((error as { code?: number }).code ?? 0)) throw error;
    });
}
