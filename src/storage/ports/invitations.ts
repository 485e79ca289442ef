import type { CampaignDoc, NudgeSettingsDoc, ParticipationDoc } from '../../domain/invitation-docs';
import type { AnswerMap } from '../../domain/answers';
import type { PulseOrigin } from '../../domain/pulse-docs';
import type { Role } from '../../domain/roles';
import type { Versioned } from './versioned';

/** A team the bot has been used in (a pulse or an invitation started there), for a leader's list. */
export interface KnownTeam {
  origin: PulseOrigin;
  name?: string;
}

/** `created`; or not: another campaign runs there since `runningSince`, or (without it) this one exists already. */
export type OpenCampaignOutcome = { created: true } | { created: false; runningSince?: string };

/** Invitation campaigns and the progress of the people they reached, one campaign's partition at a time. */
export interface CampaignStore {
  /** Stores a new campaign; false when one with its id exists. */
  createCampaign(campaign: CampaignDoc): Promise<boolean>;
  readCampaign(tenantId: string, campaignId: string): Promise<Versioned<CampaignDoc> | undefined>;
  /** Replaces the campaign if nobody changed it since `etag`: the new ETag, or undefined when somebody did. */
  replaceCampaign(campaign: CampaignDoc, etag: string): Promise<string | undefined>;
  recordChannelCard(tenantId: string, campaignId: string, activityId: string): Promise<void>;
  recordRosterPage(
    tenantId: string,
    campaignId: string,
    added: number,
    continuation: string | undefined,
  ): Promise<void>;
  markFanOutDone(tenantId: string, campaignId: string): Promise<void>;
  /** The open campaigns of one tenant (the scheduler's list). */
  openCampaigns(tenantId: string): Promise<CampaignDoc[]>;
  /** Local mode only: the tenants with an open campaign. */
  tenantsWithOpenCampaigns(): Promise<string[]>;
  /**
   * Stores a new campaign unless its team (or group chat) has one open: one per roster, whichever thread of the
   * channel `invite` was typed in and however many submit at once.
   */
  openCampaign(campaign: CampaignDoc, now: Date): Promise<OpenCampaignOutcome>;
  /** After the campaign closed: its team may have a new one. */
  releaseTeam(campaign: CampaignDoc): Promise<void>;
  /** Teams a pulse or campaign was started in, newest first, one per team. */
  knownTeams(tenantId: string, limit: number): Promise<KnownTeam[]>;
  /** The campaigns that reached this person (they have a ledger entry there). */
  campaignsOf(tenantId: string, userId: string): Promise<string[]>;
  /** Records that the person started (or finished) since the campaign reached them; idempotent. */
  recordProgress(
    tenantId: string,
    campaignId: string,
    userId: string,
    change: 'started' | 'finished',
    at: string,
  ): Promise<void>;
  /** How many of the people it reached have started, and finished. */
  progressCounts(tenantId: string, campaignId: string): Promise<{ started: number; finished: number }>;
  /** "Delete my data": the person's progress records in every campaign; how many were removed. */
  eraseProgress(tenantId: string, userId: string): Promise<number>;
}

/** Each person's participation document, in their own partition of the `users` container. */
export interface ParticipationStore {
  read(tenantId: string, userId: string): Promise<Versioned<ParticipationDoc> | undefined>;
  /** Creates (no etag) or replaces (if unchanged since `etag`): the new ETag, or undefined on a conflict. */
  write(doc: ParticipationDoc, etag: string | undefined): Promise<string | undefined>;
  /** The documents of those of `userIds` who have one (a roster page's worth). */
  among(tenantId: string, userIds: readonly string[]): Promise<ParticipationDoc[]>;
  /** People whose next reminder is due by `now` (`nextNudgeAt`), soonest first, at most `limit`. */
  due(tenantId: string, now: string, limit: number): Promise<Versioned<ParticipationDoc>[]>;
  /** Local mode only: the tenants with someone waiting. */
  tenantsWaiting(): Promise<string[]>;
}

/** A person or session document of someone's, as the invitations' look at earlier progress reads it. */
export interface EarlierRecord {
  type: 'person' | 'session';
  userId: string;
  answers?: AnswerMap;
  answerRoles?: Record<string, Role>;
  path?: string;
  updatedAt?: string;
  /** A session's: where its conversation is (a 1:1 one is where a reminder goes). */
  conversationReference?: { serviceUrl?: unknown; conversation?: { id?: unknown; conversationType?: unknown } };
}

/** Each tenant's reminder days. */
export interface NudgeSettingsStore {
  read(tenantId: string): Promise<NudgeSettingsDoc | undefined>;
  write(doc: NudgeSettingsDoc): Promise<void>;
}
