import { createHash, randomUUID } from 'node:crypto';
import type { CardRenderer } from '../cards/card-renderer';
import type { Reply } from '../cards/reply';
import { CAMPAIGN_PREFIX, invitationIds, type CampaignDoc } from '../domain/invitation-docs';
import type { Person } from '../domain/person';
import type { PulseOrigin } from '../domain/pulse-docs';
import { formatInZone, timeZoneOrUtc } from '../domain/time-zones';
import type { AccessResolver } from '../leadership/access';
import type { Logger } from '../logging/logger';
import type { PulseJobs } from '../pulse/delivery/pulse-jobs';
import type { SendJobKind } from '../pulse/delivery/send-job';
import type { CampaignStore, KnownTeam } from '../storage/ports';

/** How long a campaign's channel card is kept up to date (and a second `invite` there is refused). */
export const CAMPAIGN_DAYS = 30;
const DAY_MS = 86_400_000;
const MAX_TEAMS = 50;
const TEAM_ID = /^[A-Za-z0-9:@._%-]{1,200}$/;

const NOT_ALLOWED =
  'Only managers and leaders can invite a team to the strategy questions. An admin can make you one (**grant manager** followed by your id).';

export interface InvitationServiceDeps {
  campaigns: CampaignStore;
  jobs: PulseJobs;
  kind: SendJobKind<CampaignDoc>;
  cards: CardRenderer;
  accessOf: AccessResolver;
  logger: Logger;
  clock: () => Date;
}

/** Where `invite` was typed: the channel (or group chat) and its team's name, if Teams sent one. */
export interface InvitePlace {
  origin: PulseOrigin;
  teamName?: string;
  /** The message's id: a message Teams delivers twice starts one campaign. */
  activityId?: string;
  timeZone?: unknown;
}

/**
 * Invitation campaigns, botbuilder-free: `invite` in a channel (or a leader's pick of teams in 1:1) creates a campaign
 * and starts its fan-out through the pulses' send jobs; the scheduler keeps its channel card up to date.
 */
export class InvitationService {
  constructor(private readonly deps: InvitationServiceDeps) {}

  /** `invite` in a team channel or group chat, by a manager, leader or admin. */
  async inviteHere(person: Person, place: InvitePlace): Promise<Reply[]> {
    if (!(await this.mayInvite(person))) return [NOT_ALLOWED];
    const { origin } = place;
    const seed = place.activityId ? `${origin.conversationId}|${place.activityId}` : undefined;
    const campaign = this.newCampaign(person, origin, place.teamName, seed);
    const opened = await this.deps.campaigns.openCampaign(campaign, this.deps.clock());
    if (!opened.created)
      return opened.runningSince ? [alreadyInvited(opened.runningSince, timeZoneOrUtc(place.timeZone))] : [];
    this.start(campaign);
    return [
      'Invitations are on their way: everyone here gets one in a 1:1 chat with me, except people who have finished or asked for none. The card I post here shows how many started and finished — no names.',
    ];
  }

  /** A leader's `invite` in 1:1: the teams the bot knows, to pick from. */
  async teamList(person: Person): Promise<Reply[]> {
    if (!(await this.deps.accessOf(person)).leader) return [NOT_ALLOWED_TEAMS];
    const teams = await this.deps.campaigns.knownTeams(person.tenantId, MAX_TEAMS);
    if (teams.length === 0) return [NO_TEAMS];
    return [this.deps.cards.invitationTeams({ teams: teams.map(teamChoice) })];
  }

  /** The team list's submit: every picked team must be one the bot knows; anything else changes nothing. */
  async inviteTeams(person: Person, value: Record<string, unknown>): Promise<Reply[]> {
    if (!(await this.deps.accessOf(person)).leader) return [NOT_ALLOWED_TEAMS];
    const picked = typeof value.teamIds === 'string' ? value.teamIds.split(',').filter(Boolean) : [];
    const known = new Map(
      (await this.deps.campaigns.knownTeams(person.tenantId, MAX_TEAMS)).map((team) => [team.origin.rosterId, team]),
    );
    const teams = picked.map((id) => (TEAM_ID.test(id) ? known.get(id) : undefined));
    if (picked.length === 0 || picked.length > MAX_TEAMS || teams.some((team) => team === undefined)) {
      const error = 'Please pick teams from the list: I only invite teams I know. Nothing was sent.';
      if (known.size === 0) return [NO_TEAMS];
      return [this.deps.cards.invitationTeams({ teams: [...known.values()].map(teamChoice), error })];
    }
    let started = 0;
    let running = 0;
    for (const team of teams as KnownTeam[]) {
      const campaign = this.newCampaign(person, team.origin, team.name);
      const opened = await this.deps.campaigns.openCampaign(campaign, this.deps.clock());
      if (opened.created) {
        this.start(campaign);
        started++;
      } else running++;
    }
    const parts = [
      started > 0
        ? `Invitations are on their way to ${plural(started, 'team')}; each team's channel gets a card with how it is going.`
        : '',
      running > 0 ? `${plural(running, 'team')} already had invitations under way, so I left them as they are.` : '',
    ];
    return [parts.filter(Boolean).join(' ')];
  }

  private start(campaign: CampaignDoc): void {
    this.deps.logger.info('invitation.campaign.created', { tenantId: campaign.tenantId, pulseId: campaign.pulseId });
    this.deps.jobs.sendJob(this.deps.kind, campaign.tenantId, campaign.pulseId);
  }

  private async mayInvite(person: Person): Promise<boolean> {
    const { manager, leader, admin } = await this.deps.accessOf(person);
    return manager || leader || admin;
  }

  private newCampaign(person: Person, origin: PulseOrigin, teamName?: string, seed?: string): CampaignDoc {
    const now = this.deps.clock();
    const suffix = seed
      ? createHash('sha256').update(`${person.tenantId}|${seed}`).digest('base64url').slice(0, 22)
      : randomUUID();
    const campaignId = `${CAMPAIGN_PREFIX}${suffix}`;
    return {
      id: invitationIds.campaign(campaignId),
      type: 'campaign',
      tenantId: person.tenantId,
      pulseId: campaignId,
      createdBy: person.userId,
      createdAt: now.toISOString(),
      status: 'open',
      closesAt: new Date(now.getTime() + CAMPAIGN_DAYS * DAY_MS).toISOString(),
      // The card goes to the channel itself, not as a reply in the thread (or old pulse) it was typed in.
      origin: { ...origin, conversationId: channelRoot(origin.conversationId) },
      ...(teamName ? { teamName } : {}),
      changes: 0,
      fanOut: { phase: 'roster', recipients: 0 },
    };
  }
}

const NOT_ALLOWED_TEAMS =
  'Only leaders can invite teams from here. A manager can mention me with **invite** in their team channel.';
const NO_TEAMS =
  "I don't know any of your organisation's teams yet. Mention me with **invite** in a team channel (I learn a team once someone uses me there).";

/** A channel post's conversation id (`19:…@thread.tacv2;messageid=<n>`) without the post: the channel itself. */
export function channelRoot(conversationId: string): string {
  return conversationId.replace(/;messageid=.*$/, '');
}

function alreadyInvited(since: string, zone: string): string {
  return `This team was invited on ${formatInZone(new Date(since), zone)}; that invitation is still running (its card above shows how it is going), so I haven't sent another.`;
}

function teamChoice(team: KnownTeam, index: number): { value: string; title: string } {
  return { value: team.origin.rosterId, title: team.name ?? `Team ${index + 1} (no name known)` };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
