/**
 * Invitation campaigns and the per-person state behind invitations and reminders ("nudges"). A campaign lives in its
 * own partition of the `pulses` container (its id in `pulseId`), beside its delivery ledger and send lease; a person's
 * participation document lives in their own partition of the `users` container, so "delete my data" removes it.
 */
import type { FanOutProgress, PulseOrigin } from './pulse-docs';

/** Campaign ids start so, which keeps them apart from pulse ids in the shared container. */
export const CAMPAIGN_PREFIX = 'invite-';

/** `open` while invitations go out and the channel card is kept up to date; `closed` after CAMPAIGN_DAYS. */
export type CampaignStatus = 'open' | 'closed';

/** The counts the channel card was last rendered from (it shows them coarsened). */
export interface ShownCounts {
  invited: number;
  started: number;
  finished: number;
}

export interface CampaignDoc {
  id: string;
  type: 'campaign';
  tenantId: string;
  /** The campaign id (the partition key's second level). */
  pulseId: string;
  /** Who typed `invite` (never shown on any card). */
  createdBy: string;
  createdAt: string;
  status: CampaignStatus;
  /** When the channel card stops being updated and the campaign closes. */
  closesAt: string;
  origin: PulseOrigin;
  /** The team's name as the leader's team list showed it, if it was started from there. */
  teamName?: string;
  channelActivityId?: string;
  /** Raised by one each time someone it reached starts or finishes: the channel card is then due an update. */
  changes?: number;
  /** What the channel card last showed (figures and status), the `changes` and fan-out phase it was shown for, and when. */
  shown?: ShownCounts;
  /** The status line the channel card last showed (going out, open, ended). */
  shownStatus?: 'sending' | 'open' | 'closed';
  shownFor?: string;
  shownAt?: string;
  fanOut: FanOutProgress;
}

/**
 * One invited person's progress since the campaign reached them: written when they start and when they finish their
 * path, counted (never listed) for the channel card, and deleted with the person's data.
 */
export interface CampaignProgressDoc {
  id: string;
  type: 'campaign-progress';
  tenantId: string;
  pulseId: string;
  userId: string;
  startedAt?: string;
  finishedAt?: string;
}

/** Where a person's 1:1 chat with the bot is, for a reminder sent there later. */
export interface PersonalChat {
  serviceUrl: string;
  conversationId: string;
}

/** A person's participation: opt-outs, progress, where and when they work, and the reminders sent to them. */
export interface ParticipationDoc {
  id: string;
  type: 'participation';
  tenantId: string;
  userId: string;
  /** Typed `stop invitations` (which stops reminders too); `start invitations` clears it. */
  noInvitations: boolean;
  /** Typed `stop reminders`; `start reminders` (or `start invitations`) clears it. */
  noReminders: boolean;
  /** Their first answer on their path. */
  startedAt?: string;
  /** Every question of their path answered. */
  finishedAt?: string;
  /** Their last turn with progress (kept to the hour): reminders count their days from here. */
  lastActiveAt?: string;
  /** IANA zone of their last activity ("UTC" when the client sent none). */
  timeZone?: string;
  chat?: PersonalChat;
  /** How many reminders were claimed (the ledger of reminders: at most two, each claimed before it is sent). */
  nudgeCount: number;
  nudgedAt?: string[];
  /**
   * When their next reminder is due, in their working hours (absent when none is: two sent, opted out, finished, no
   * chat). Set on each write from the tenant's reminder days; the reminder query reads `nextNudgeAt <= now`.
   */
  nextNudgeAt?: string;
  updatedAt: string;
}

/** A tenant's reminder days (in the `tenants` container, id `nudge-settings`). */
export interface NudgeSettingsDoc {
  id: 'nudge-settings';
  type: 'nudge-settings';
  tenantId: string;
  /** Days after their last progress: the first and the second reminder. */
  days: [number, number];
  updatedBy: string;
  updatedAt: string;
}

export const invitationIds = {
  campaign: (campaignId: string) => `campaign|${campaignId}`,
  progress: (campaignId: string, userId: string) => `campaign-progress|${campaignId}|${userId}`,
  participation: (userId: string) => `participation|${userId}`,
};
