import { teamJoinChanges, type PendingChanges } from '../aggregation/aggregate-changes';
import type { AuditTrail } from '../audit/audit-trail';
import type { CardRenderer } from '../cards/card-renderer';
import type { Reply } from '../cards/reply';
import type { ContentIndex } from '../content/content-index';
import type { TeamMembership, TenantStore } from '../storage/ports';
import type { Session } from '../storage/user-docs';
import { assertSamePerson } from '../strategy/same-person';
import type { UserInput } from '../strategy/submit';
import type { BackgroundJob } from '../strategy/turn-unit';
import type { Person } from '../domain/person';
import type { PortfolioService } from '../portfolio/portfolio-service';
import type { StrategyDocumentOffers } from '../strategy-document/document-offers';
import type { Access, AccessResolver } from './access';
import { answerRoleCommand, readAuditLog } from './admin-commands';
import type { DigestPlace, DigestService } from './digest/digest-service';
import { isPortfolioCommand, recognizeLeaderCommand, type LeaderCommand } from './leader-commands';
import { leaderSummaryView } from './leader-summary-view';
import type { RoleChanges } from './role-changes';
import { exportReplies, exportRows, toCsv, toJson } from './summary-export';
import type { SummaryScans } from './summary-scans';
import type { SummaryService } from './summary-service';
import type { OrganisationSummary } from './organisation-summary';
import type { LeaderSummaryView } from '../cards/leader-view-models';

export interface LeaderServiceDeps {
  index: ContentIndex;
  cards: CardRenderer;
  summaries: SummaryService;
  tenants: TenantStore;
  /** The person's effective access (one resolver, built in the composition root). */
  accessOf: AccessResolver;
  memberships: TeamMembership;
  digests: DigestService;
  audit: AuditTrail;
  scans: SummaryScans;
  roleChanges: RoleChanges;
  portfolio: PortfolioService;
  /** `strategy document` and `my strategy document` (absent: not offered, e.g. in tests of the other commands). */
  documents?: Pick<StrategyDocumentOffers, 'respond'>;
  clock: () => Date;
}

/** A team, as the channel names it (its name is set by a team owner: user text). */
export interface Team {
  id: string;
  name: string;
}

/** Where a 1:1 request came from, as the channel told it. */
export interface LeaderPlace {
  /** The asking message (conversation and activity id), so a redelivery is recognised; absent without an id. */
  request?: readonly string[];
  /** The conversation reference a digest is sent to (see DigestPlace); built only for a digest subscription. */
  conversationReference: () => DigestPlace['conversationReference'];
  /** The asker's IANA zone as the channel sent it, unchecked. */
  timeZone?: unknown;
  /** The conversation, and whether a file consent card works there (a Teams 1:1 chat): for the strategy documents. */
  conversationId?: string;
  takesFiles?: boolean;
}

/** What the leadership commands answer: the replies, and work to run after the turn (a scan of every answer). */
export interface LeaderAnswer {
  replies: Reply[];
  job?: BackgroundJob;
}

type PrivilegedCommand =
  | Exclude<
      LeaderCommand,
      { kind: 'summary' | 'my summary' | 'team summary' | `portfolio${string}` | `${string}document` }
    >
  | { kind: 'invalid role command' };

const ORGANISATION_TITLE = 'Our AI ambition & success metrics';
const TEAM_TITLE = 'This team’s AI ambition & success metrics';
const LEADERS_ONLY =
  'The organisation summary is for leaders. Type **summary** for your own ambition & metrics card, or ask in your team’s channel for the team’s.';

const NO_DOCUMENTS = 'Strategy documents are not available here.';
const MEMBERS_ONLY = 'A team’s summary is for its members: write to me in one of the team’s channels first.';

const answer = (...replies: Reply[]): LeaderAnswer => ({ replies });

/**
 * Leadership summaries, exports, digests, scans, roles and the audit log, botbuilder-free: who may see what is decided
 * here, on the server, for every request.
 */
export class LeaderService {
  constructor(private readonly deps: LeaderServiceDeps) {}

  /**
   * Personal chat: leaders get the organisation card for `summary`; everyone else gets 'own summary' (their own card,
   * the strategy conversation's). Undefined when the message is not a leadership command.
   */
  async inPersonalChat(
    speaker: Person,
    input: UserInput,
    place: LeaderPlace,
  ): Promise<LeaderAnswer | 'own summary' | undefined> {
    const command = recognizeLeaderCommand(input);
    if (!command) return undefined;
    if (command.kind === 'my summary') return 'own summary';
    if (command.kind === 'team summary')
      return answer('Team summaries are posted in the team’s channel: mention me there and type **team summary**.');
    if (command.kind === 'strategy document' || command.kind === 'my strategy document') {
      const { documents } = this.deps;
      return answer(...(documents ? await documents.respond(speaker, command.kind, place) : [NO_DOCUMENTS]));
    }
    const access = await this.access(speaker);
    if (isPortfolioCommand(command))
      return answer(...(await this.deps.portfolio.respond(speaker, access, command, { kind: 'organisation' }, true)));
    if (command.kind === 'summary') {
      if (!access.leader) return 'own summary';
      return answer(await this.summaryCard(speaker, undefined, true, access));
    }
    return this.privileged(speaker, command, access, place);
  }

  /**
   * Team channels and group chats: `summary` (a leader gets the organisation card, others the team's), `team summary`;
   * everything else is refused here for privacy. Undefined when the message is not a leadership command. A team's card
   * is shown only to its members (the session's teams, see joinTeam): the `team` a caller names grants nothing.
   */
  async inSharedChat(
    speaker: Person,
    session: Session,
    input: UserInput,
    team: Team | undefined,
  ): Promise<Reply[] | undefined> {
    assertSamePerson(speaker, session);
    const command = recognizeLeaderCommand(input);
    if (!command) return undefined;
    const access = await this.access(speaker);
    if (isPortfolioCommand(command)) {
      if (!team) return ['The portfolio is shown in a 1:1 chat with me, or in a team’s channel for that team.'];
      const member = session.doc.teamIds?.includes(team.id) ?? false;
      const scope = { kind: 'team', teamId: team.id, teamName: team.name, member } as const;
      return this.deps.portfolio.respond(speaker, access, command, scope, false);
    }
    const teamCard = async (shown: Team): Promise<Reply> =>
      session.doc.teamIds?.includes(shown.id) ? this.summaryCard(speaker, shown, false, access) : MEMBERS_ONLY;
    const organisationCard = () => this.summaryCard(speaker, undefined, false, access);
    switch (command.kind) {
      case 'summary':
        if (access.leader) return [await organisationCard()];
        if (team) return [await teamCard(team)];
        return [LEADERS_ONLY];
      case 'team summary':
        if (team) return [await teamCard(team)];
        return ['Team summaries are shown in a team’s channel; this chat belongs to no team.'];
      case 'organisation summary':
        if (access.leader) return [await organisationCard()];
        return [LEADERS_ONLY];
      case 'my summary':
        return ['Your own card stays private: open a 1:1 chat with me and type **summary**.'];
      default:
        return ['For privacy, ask me that in a 1:1 chat.'];
    }
  }

  /**
   * First message in a team's channel: the person's answers start counting towards that team. They reach the team's
   * summary with the next publication of each document, once enough people changed it (src/storage/aggregate-doc.ts).
   * The counter changes go into the turn's `pending` changes, applied (and any failure logged) when the turn ends.
   */
  async joinTeam(session: Session, teamId: string, pending: PendingChanges): Promise<void> {
    const answers = await this.deps.memberships.join(session, teamId);
    if (answers) pending.add(teamJoinChanges(this.deps.index, session.doc.userId, teamId, answers, session.doc.path));
  }

  private async privileged(
    speaker: Person,
    command: PrivilegedCommand,
    access: Access,
    place: LeaderPlace,
  ): Promise<LeaderAnswer> {
    switch (command.kind) {
      case 'organisation summary':
        if (!access.leader) return answer(LEADERS_ONLY);
        return answer(await this.summaryCard(speaker, undefined, true, access));
      case 'export summary':
        if (!access.leader) return answer('Exports of the summary are for leaders and admins.');
        return answer(...(await this.exportSummary(speaker)));
      case 'digest':
        if (!access.leader) return answer('The summary digest is for leaders.');
        return answer(
          await this.deps.digests.subscribe(speaker, command.frequency, {
            conversationReference: place.conversationReference(),
            timeZone: place.timeZone,
          }),
        );
      case 'rebuild summary': {
        if (!access.admin) return answer('Only admins can check or rebuild the summary counters.');
        const { reply, job } = await this.deps.scans.request({
          tenantId: speaker.tenantId,
          actorId: speaker.userId,
          write: command.write,
          request: place.request,
        });
        return { replies: [reply], ...(job ? { job } : {}) };
      }
      case 'audit log':
        if (!access.admin) return answer('Only admins can read the audit log.');
        return answer(await readAuditLog(this.deps.audit, speaker));
      case 'roles':
      case 'role':
      case 'invalid role command':
        if (!access.admin) return answer('Only admins can see or change roles.');
        return answer(await answerRoleCommand(this.deps, speaker, command));
    }
  }

  /**
   * The organisation's card (no team) or a team's; either view is audited. `personal`: in a 1:1 chat, where it can be
   * exported and the portfolio's matrix names ideas by the words their writers shared with leaders.
   */
  private async summaryCard(
    speaker: Person,
    team: Team | undefined,
    personal: boolean,
    access: Access,
  ): Promise<Reply> {
    const { view } = await this.summaryData(speaker, team, personal);
    // Leaders plan on the organisation's card; a team's managers (or a leader) on the team's.
    const mayPlan = team ? access.manager || access.leader : access.leader;
    return this.deps.cards.leaderSummary(mayPlan ? { ...view, planScope: team ? 'team' : 'organisation' } : view);
  }

  /**
   * The organisation's summary (no team) or a team's, as figures and as the card's view, audited: the card's and the
   * dashboard's one source. Who may see it is the caller's check.
   */
  async summaryData(
    speaker: Person,
    team: Team | undefined,
    personal: boolean,
  ): Promise<{ summary: OrganisationSummary; view: LeaderSummaryView }> {
    const title = team ? TEAM_TITLE : ORGANISATION_TITLE;
    const { tenantId, userId } = speaker;
    const [summary, matrix] = await Promise.all([
      this.deps.summaries.summary(tenantId, team?.id),
      team ? undefined : this.deps.portfolio.matrix(tenantId, personal),
    ]);
    const view = leaderSummaryView(summary, { title, canExport: personal, teamName: team?.name || undefined, matrix });
    await this.deps.audit.record(tenantId, {
      action: 'summary.viewed',
      actor: userId,
      ...(team
        ? { scope: 'team', teamId: team.id, ...(team.name ? { teamName: team.name } : {}) }
        : { scope: 'organisation' }),
    });
    return { summary, view };
  }

  private async exportSummary(speaker: Person): Promise<Reply[]> {
    const { csv, json } = await this.exportFigures(speaker);
    return exportReplies(csv, json);
  }

  /** The organisation's figures and portfolio as CSV and JSON (the chat's export and the dashboard's), audited; leaders only, checked by the caller. */
  async exportFigures({ tenantId, userId }: Person): Promise<{ csv: string; json: string }> {
    const [summary, portfolio] = await Promise.all([
      this.deps.summaries.summary(tenantId),
      this.deps.portfolio.forExport(tenantId),
    ]);
    await this.deps.audit.record(tenantId, { action: 'summary.exported', actor: userId, scope: 'organisation' });
    return {
      csv: toCsv(exportRows(summary, portfolio)),
      json: toJson(summary, { scope: 'organisation', exportedAt: this.deps.clock().toISOString() }, portfolio),
    };
  }

  private access(person: Person): Promise<Access> {
    return this.deps.accessOf(person);
  }
}
