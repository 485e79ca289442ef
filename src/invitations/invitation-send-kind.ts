import type { CardRenderer } from '../cards/card-renderer';
import type { CampaignDoc, ParticipationDoc } from '../domain/invitation-docs';
import { newDelivery } from '../pulse/delivery/delivery-ledger';
import type { SendJobKind } from '../pulse/delivery/send-job';
import { asMessage } from '../pulse/pulse-cards';
import { recipientKey } from '../pulse/audience';
import type { CampaignStore, NudgeSettingsStore, ParticipationStore } from '../storage/ports';
import { channelView } from './campaign-figures';
import { earlierParticipation, type EarlierDeps } from './earlier-participation';
import { DEFAULT_NUDGE_DAYS, nextNudgeAt, scheduled } from './nudge-schedule';

export interface InvitationKindDeps {
  campaigns: CampaignStore;
  participation: ParticipationStore;
  cards: CardRenderer;
  /** "about 10 minutes": how long the path of the person (by Entra object id) takes; theirs, as the bot will walk it. */
  minutesText: (userId: string) => string;
  threshold: number;
  /** The tenant's reminder days, for the participation documents made for earlier starters. */
  settings: NudgeSettingsStore;
  /** People with no participation document: their stage from their stored answers (absent: counted as new). */
  earlier?: EarlierDeps;
}

/**
 * An invitation campaign as the fan-out sends it: to every member but the bot, leaving out those who have finished
 * their path or typed `stop invitations`. Someone who had started already counts as started from the outset.
 */
export function invitationSendKind(deps: InvitationKindDeps): SendJobKind<CampaignDoc> {
  const { campaigns, participation, cards } = deps;
  return {
    name: 'invitation',
    jobs: {
      readJob: async (tenantId, campaignId) => (await campaigns.readCampaign(tenantId, campaignId))?.doc,
      recordChannelCard: (tenantId, campaignId, activityId) =>
        campaigns.recordChannelCard(tenantId, campaignId, activityId),
      recordRosterPage: (tenantId, campaignId, added, continuation) =>
        campaigns.recordRosterPage(tenantId, campaignId, added, continuation),
      markFanOutDone: (tenantId, campaignId) => campaigns.markFanOutDone(tenantId, campaignId),
    },
    personalCard: (_campaign, delivery) =>
      asMessage(cards.invitation({ kind: 'invitation', minutesText: deps.minutesText(delivery.userId) })),
    channelCard: (campaign) =>
      asMessage(
        cards.invitationChannel(
          channelView(campaign.shown ?? { invited: 0, started: 0, finished: 0 }, 'sending', deps.threshold),
        ),
      ),
    // The roster page was checked when read; a long send re-reads the person's document as it reaches them.
    stillWanted: async (campaign, delivery) => {
      const doc = delivery.userId ? (await participation.read(campaign.tenantId, delivery.userId))?.doc : undefined;
      if (doc?.noInvitations) return { wanted: false, reason: 'not sent: they asked for no invitations' };
      if (doc?.finishedAt) return { wanted: false, reason: 'not sent: they have finished' };
      return { wanted: true };
    },
    deliveries: async (campaign, members, now) => {
      const { tenantId, pulseId } = campaign;
      const people = members.filter((member) => member.id !== campaign.origin.botId);
      const known = new Map(
        (await participation.among(tenantId, people.map(recipientKey))).map((doc) => [doc.userId, doc]),
      );
      for (const doc of await adoptEarlier(
        deps,
        tenantId,
        people.map(recipientKey).filter((id) => !known.has(id)),
        now,
      ))
        known.set(doc.userId, doc);
      const invited = people.filter((member) => {
        const doc = known.get(recipientKey(member));
        return !doc?.noInvitations && !doc?.finishedAt;
      });
      for (const member of invited)
        if (known.get(recipientKey(member))?.startedAt)
          await campaigns.recordProgress(tenantId, pulseId, recipientKey(member), 'started', now);
      return invited.map((member) => newDelivery(tenantId, pulseId, member, now));
    },
  };
}

/**
 * Participation documents for people who answered before there were any (finished ones are then not invited, started
 * ones are reminded later), written once: a document their own turn created meanwhile wins (409).
 */
async function adoptEarlier(
  deps: InvitationKindDeps,
  tenantId: string,
  userIds: string[],
  now: string,
): Promise<ParticipationDoc[]> {
  if (!deps.earlier || userIds.length === 0) return [];
  const found = await earlierParticipation(deps.earlier, tenantId, userIds, now);
  if (found.length === 0) return [];
  const days = (await deps.settings.read(tenantId))?.days ?? DEFAULT_NUDGE_DAYS;
  // Their first reminder counts from this invitation, not from answers given long ago (no reminder on its heels).
  const adopted = found.map((doc) => scheduled(doc, nextNudgeAt({ ...doc, lastActiveAt: now }, days, new Date(now))));
  for (const doc of adopted) await deps.participation.write(doc, undefined);
  return adopted;
}
