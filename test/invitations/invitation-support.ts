import { randomUUID } from 'node:crypto';
import { CardRenderer } from '../../src/cards/card-renderer';
import {
  CAMPAIGN_PREFIX,
  invitationIds,
  type CampaignDoc,
  type ParticipationDoc,
} from '../../src/domain/invitation-docs';
import { invitationSendKind } from '../../src/invitations/invitation-send-kind';
import { nextNudgeAt, scheduled } from '../../src/invitations/nudge-schedule';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { CosmosCampaignStore } from '../../src/storage/campaign-store';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import { CosmosNudgeSettings, CosmosParticipationStore } from '../../src/storage/participation-store';
import { cosmosPulseStores } from '../../src/storage/pulse-stores';
import { CosmosTenantLeases } from '../../src/storage/tenant-leases';
import type { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { TENANT } from '../pulse/fan-out-support';

export { TENANT };

/** The embedded Cosmos-compatible server with the real client, and every store invitations use on it. */
export async function startInvitationCosmos() {
  const cosmos = await startEmbeddedCosmos();
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: `invite-${randomUUID().slice(0, 8)}`,
    local: true,
  });
  return {
    containers: containers as Containers,
    pulseStores: cosmosPulseStores(containers.pulses),
    campaigns: new CosmosCampaignStore(containers.pulses),
    participation: new CosmosParticipationStore(containers.users),
    settings: new CosmosNudgeSettings(containers.tenants),
    leases: new CosmosTenantLeases(containers.tenants),
    close: async () => {
      client.dispose();
      await cosmos.close();
    },
  };
}

export type InvitationCosmos = Awaited<ReturnType<typeof startInvitationCosmos>>;

export const cards = new CardRenderer();

/** The campaign kind as the app builds it, with a group threshold of 5. */
export function kindFor(stores: InvitationCosmos) {
  return invitationSendKind({
    campaigns: stores.campaigns,
    participation: stores.participation,
    cards,
    minutesText: () => 'about 10 minutes',
    threshold: 5,
    settings: stores.settings,
  });
}

/** A campaign as `invite` in the fake service's team channel would store it. */
export function campaignFor(service: FakeTeamsService, now = new Date()): CampaignDoc {
  const campaignId = `${CAMPAIGN_PREFIX}${randomUUID()}`;
  return {
    id: invitationIds.campaign(campaignId),
    type: 'campaign',
    tenantId: TENANT,
    pulseId: campaignId,
    createdBy: 'manager',
    createdAt: now.toISOString(),
    status: 'open',
    closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    origin: {
      serviceUrl: service.url,
      conversationId: '19:channel@thread.tacv2',
      rosterId: '19:team@thread.tacv2',
      botId: service.botId,
      botName: 'Strategy Guide',
    },
    changes: 0,
    fanOut: { phase: 'roster', recipients: 0 },
  };
}

/** A participation document of someone who started, with their next reminder's time as the bot would have set it. */
export function starter(userId: string, fields: Partial<ParticipationDoc>, days: [number, number]): ParticipationDoc {
  const doc = participant(userId, fields);
  return scheduled(doc, nextNudgeAt(doc, days, new Date(doc.lastActiveAt ?? 0)));
}

/** A participation document as the bot would have written it. */
export function participant(userId: string, fields: Partial<ParticipationDoc> = {}): ParticipationDoc {
  return {
    id: invitationIds.participation(userId),
    type: 'participation',
    tenantId: TENANT,
    userId,
    noInvitations: false,
    noReminders: false,
    nudgeCount: 0,
    updatedAt: new Date(0).toISOString(),
    ...fields,
  };
}
