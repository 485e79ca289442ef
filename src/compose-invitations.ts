import { randomUUID } from 'node:crypto';
import { InvitationActions } from '../dialogs/invitation-actions';
import type { CardRenderer } from './cards/card-renderer';
import type { Config } from './config';
import type { PulseParts } from './compose-pulses';
import type { ContentIndex } from './content/content-index';
import { roleOf } from './domain/roles';
import { CampaignUpkeep } from './invitations/campaign-upkeep';
import { InvitationScheduler } from './invitations/invitation-scheduler';
import { invitationSendKind } from './invitations/invitation-send-kind';
import { InvitationService } from './invitations/invitation-service';
import { NudgeSender, type ProgressReader } from './invitations/nudge-sender';
import { ParticipationService } from './invitations/participation-service';
import { progressOn } from './invitations/progress';
import type { AccessResolver } from './leadership/access';
import { effectiveGroup } from './leadership/thresholds';
import type { Logger } from './logging/logger';
import { CosmosCampaignStore } from './storage/campaign-store';
import { CosmosEarlierRecords } from './storage/earlier-records';
import type { Containers } from './storage/cosmos';
import { CosmosNudgeSettings, CosmosParticipationStore } from './storage/participation-store';
import type {
  CampaignStore,
  NudgeSettingsStore,
  ParticipationStore,
  SessionStore,
  TenantLeases,
} from './storage/ports';

/** The channel card is updated at most this often per campaign. */
const CARD_INTERVAL_MS = 10_000;
/** An instance that dies mid-pass holds the reminder lease at most this long. */
const NUDGE_LEASE_MS = 120_000;

export interface InvitationParts {
  stores: { campaigns: CampaignStore; participation: ParticipationStore; settings: NudgeSettingsStore };
  service: InvitationService;
  participation: ParticipationService;
  nudges: NudgeSender;
  scheduler: InvitationScheduler;
  /** The turn's part (dialog layer). */
  actions: InvitationActions;
}

export interface InvitationPartsOptions {
  config: Config;
  accessOf: AccessResolver;
  containers: Containers;
  sessions: SessionStore;
  leases: TenantLeases;
  /** The pulse feature's parts whose fan-out, jobs, channel client and rate limiters invitations share. */
  pulse: PulseParts;
  cards: CardRenderer;
  index: ContentIndex;
  logger: Logger;
  clock: () => Date;
}

/** The invitations feature's part of the composition root: stores, campaign kind, services and scheduler. */
export function composeInvitations(options: InvitationPartsOptions): InvitationParts {
  const { config, cards, index, logger, clock, pulse } = options;
  const campaigns = new CosmosCampaignStore(options.containers.pulses);
  const participation = new CosmosParticipationStore(options.containers.users);
  const settings = new CosmosNudgeSettings(options.containers.tenants);
  const threshold = effectiveGroup(config.summaryThresholds);
  const earlierRecords = new CosmosEarlierRecords(options.containers.users);
  const kind = invitationSendKind({
    campaigns,
    participation,
    cards,
    minutesText: (userId) => progressOn(index, { answers: {} }, roleOf(config, userId)).minutesText,
    threshold,
    settings,
    earlier: {
      records: (tenantId, ids) => earlierRecords.of(tenantId, ids),
      index,
      roleOf: (id) => roleOf(config, id),
    },
  });
  const service = new InvitationService({
    campaigns,
    jobs: pulse.jobs,
    kind,
    cards,
    accessOf: options.accessOf,
    logger,
    clock,
  });
  const progress: ProgressReader = async (tenantId, userId, conversationId) => {
    const { doc } = await options.sessions.load(tenantId, userId, conversationId, true);
    return progressOn(index, doc, roleOf(config, userId));
  };
  const shared = { channel: pulse.channel, limiters: pulse.limiters, cards, logger, clock };
  const nudges = new NudgeSender({ participation, settings, progress, ...shared });
  const upkeep = new CampaignUpkeep({
    campaigns,
    ledger: pulse.stores.ledger,
    jobs: pulse.jobs,
    kind,
    threshold,
    cardIntervalMs: CARD_INTERVAL_MS,
    ...shared,
  });
  const scheduler = new InvitationScheduler({
    campaigns,
    participation,
    upkeep,
    nudges,
    leases: options.leases,
    owner: randomUUID(),
    tenants: config.allowedTenants,
    logger,
    clock,
    leaseMs: NUDGE_LEASE_MS,
  });
  const tracking = new ParticipationService({ store: participation, settings, campaigns, index, logger, clock });
  const reminderDays = { settings, accessOf: options.accessOf, clock };
  return {
    stores: { campaigns, participation, settings },
    service,
    participation: tracking,
    nudges,
    scheduler,
    actions: new InvitationActions(service, tracking, reminderDays),
  };
}
