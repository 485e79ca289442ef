import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { aggregateChanges } from '../src/aggregation/aggregate-changes';
import { quoteChanges } from '../src/aggregation/quotes';
import { recomputeCounters } from '../src/aggregation/recompute';
import type { CardRenderer } from '../src/cards/card-renderer';
import type { ContentIndex } from '../src/content/content-index';
import type { RoleDirectory } from '../src/domain/roles';
import { auditLogText } from '../src/audit/audit-log-view';
import { AUDIT_LOG_LIMIT, type AuditTrail } from '../src/audit/audit-trail';
import { accessOf, type Access } from '../src/leadership/access';
import { recognizeLeaderCommand, type LeaderCommand } from '../src/leadership/leader-commands';
import { leaderSummaryView } from '../src/leadership/leader-summary-view';
import { exportRows, toCsv, toJson } from '../src/leadership/summary-export';
import type { RoleChanges } from '../src/leadership/role-changes';
import type { SummaryScans } from '../src/leadership/summary-scans';
import type { SummaryService } from '../src/leadership/summary-service';
import type { AggregateStore, TeamMembership, TenantStore } from '../src/storage/ports';
import type { UserInput } from '../src/strategy/submit';
import type { DigestActions } from './leader-digest';
import { turnUnitOf } from './turn-state';

export interface LeaderDeps {
  index: ContentIndex;
  cards: CardRenderer;
  summaries: SummaryService;
  tenants: TenantStore;
  directory: RoleDirectory;
  memberships: TeamMembership;
  aggregates: AggregateStore;
  digests: DigestActions;
  audit: AuditTrail;
  scans: SummaryScans;
  roleChanges: RoleChanges;
  clock: () => Date;
}

/** What the personal-chat router should do after the leadership commands had their look. */
export type PersonalOutcome = 'handled' | 'own summary' | undefined;

const ORGANISATION_TITLE = 'Our AI ambition & success metrics';
const LEADERS_ONLY =
  'The organisation summary is for leaders. Type **summary** for your own ambition & metrics card, or ask in your team’s channel for the team’s.';

/** Leadership summaries in chat: who may see what is decided here, on the server, for every request. */
export class LeaderActions {
  constructor(private readonly deps: LeaderDeps) {}

  /** Personal chat: leaders get the organisation card for `summary`; everyone else falls through to their own card. */
  async inPersonalChat(context: TurnContext, input: UserInput): Promise<PersonalOutcome> {
    const command = recognizeLeaderCommand(input);
    if (!command) return undefined;
    if (command.kind === 'my summary') return 'own summary';
    if (command.kind === 'team summary') {
      await context.sendActivity(
        'Team summaries are posted in the team’s channel: mention me there and type **team summary**.',
      );
      return 'handled';
    }
    const access = await this.access(context);
    if (command.kind === 'summary') {
      if (!access.leader) return 'own summary';
      await this.sendSummary(context, undefined, ORGANISATION_TITLE, true);
      return 'handled';
    }
    await this.privileged(context, command, access);
    return 'handled';
  }

  /**
   * Team channels and group chats: records team membership (see TeamMembership), then answers `summary` (a leader
   * gets the organisation card, others the team's) and `team summary`. True when the message was handled here.
   */
  async inSharedChat(context: TurnContext, input: UserInput): Promise<boolean> {
    const team = teamOf(context.activity);
    if (team) await this.joinTeam(context, team.id);
    const command = recognizeLeaderCommand(input);
    if (!command) return false;
    switch (command.kind) {
      case 'summary':
        if ((await this.access(context)).leader) await this.sendSummary(context, undefined, ORGANISATION_TITLE, false);
        else if (team) await this.sendTeamSummary(context, team);
        else await context.sendActivity(LEADERS_ONLY);
        return true;
      case 'team summary':
        if (team) await this.sendTeamSummary(context, team);
        else await context.sendActivity('Team summaries are shown in a team’s channel; this chat belongs to no team.');
        return true;
      case 'organisation summary':
        if ((await this.access(context)).leader) await this.sendSummary(context, undefined, ORGANISATION_TITLE, false);
        else await context.sendActivity(LEADERS_ONLY);
        return true;
      case 'my summary':
        await context.sendActivity('Your own card stays private: open a 1:1 chat with me and type **summary**.');
        return true;
      default:
        await context.sendActivity('For privacy, ask me that in a 1:1 chat.');
        return true;
    }
  }

  private async privileged(
    context: TurnContext,
    command:
      Exclude<LeaderCommand, { kind: 'summary' | 'my summary' | 'team summary' }> | { kind: 'invalid role command' },
    access: Access,
  ): Promise<void> {
    const { tenantId } = turnUnitOf(context).speaker;
    switch (command.kind) {
      case 'organisation summary':
        if (!access.leader) return void (await context.sendActivity(LEADERS_ONLY));
        return this.sendSummary(context, undefined, ORGANISATION_TITLE, true);
      case 'export summary':
        if (!access.leader)
          return void (await context.sendActivity('Exports of the summary are for leaders and admins.'));
        return this.sendExport(context, tenantId);
      case 'digest':
        if (!access.leader) return void (await context.sendActivity('The summary digest is for leaders.'));
        return this.deps.digests.subscribe(context, command.frequency);
      case 'rebuild summary':
        if (!access.admin)
          return void (await context.sendActivity('Only admins can check or rebuild the summary counters.'));
        return this.rebuild(context, tenantId, command.write);
      case 'audit log':
        if (!access.admin) return void (await context.sendActivity('Only admins can read the audit log.'));
        return this.auditLog(context, tenantId);
      case 'roles':
      case 'role':
      case 'invalid role command':
        if (!access.admin) return void (await context.sendActivity('Only admins can see or change roles.'));
        return this.roles(context, tenantId, command);
    }
  }

  /** The team's name is set by a team owner: the card shows it as user text, never in its heading. */
  private sendTeamSummary(context: TurnContext, team: { id: string; name: string }): Promise<void> {
    return this.sendSummary(context, team, 'This team’s AI ambition & success metrics', false);
  }

  /** The organisation's card (no team) or a team's; either view is audited. */
  private async sendSummary(
    context: TurnContext,
    team: { id: string; name: string } | undefined,
    title: string,
    canExport: boolean,
  ) {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    const summary = await this.deps.summaries.summary(tenantId, team?.id);
    const card = this.deps.cards.leaderSummary(leaderSummaryView(summary, { title, canExport, teamName: team?.name }));
    await this.deps.audit.record(tenantId, {
      action: 'summary.viewed',
      actor: userId,
      ...(team ? { scope: 'team', teamId: team.id, teamName: team.name } : { scope: 'organisation' }),
    });
    await context.sendActivity(MessageFactory.attachment(card));
  }

  /** CSV in the message (readable anywhere) and JSON as a file attachment carried in a data URI. */
  private async sendExport(context: TurnContext, tenantId: string): Promise<void> {
    const summary = await this.deps.summaries.summary(tenantId);
    const { userId } = turnUnitOf(context).speaker;
    await this.deps.audit.record(tenantId, { action: 'summary.exported', actor: userId, scope: 'organisation' });
    const csv = toCsv(exportRows(summary));
    const json = toJson(summary, { scope: 'organisation', exportedAt: this.deps.clock().toISOString() });
    await context.sendActivity(
      MessageFactory.text(`Summary figures (CSV, nothing below the anonymity threshold):\n\n\`\`\`csv\n${csv}\`\`\``),
    );
    await context.sendActivity({
      type: 'message',
      text: 'The same figures as JSON:',
      attachments: [
        {
          contentType: 'application/json',
          name: 'strategy-summary.json',
          contentUrl: `data:application/json;base64,${Buffer.from(json, 'utf8').toString('base64')}`,
        },
      ],
    });
  }

  /** Reads every answer of the tenant, which can take longer than a turn: acknowledged now, reported when done. */
  private async rebuild(context: TurnContext, tenantId: string, write: boolean): Promise<void> {
    const unit = turnUnitOf(context);
    const { activity } = context;
    const { reply, job } = await this.deps.scans.request({
      tenantId,
      actorId: unit.speaker.userId,
      write,
      request: activity.id ? [activity.conversation.id, activity.id] : undefined,
    });
    if (job) unit.backgroundJobs.push(job);
    await context.sendActivity(reply);
  }

  /** Admins read the newest audit records in their 1:1 chat; reading them is audited too. */
  private async auditLog(context: TurnContext, tenantId: string): Promise<void> {
    await this.deps.audit.record(tenantId, { action: 'audit.viewed', actor: turnUnitOf(context).speaker.userId });
    const entries = await this.deps.audit.recent(tenantId, AUDIT_LOG_LIMIT);
    await context.sendActivity(auditLogText(entries, AUDIT_LOG_LIMIT));
  }

  private async roles(
    context: TurnContext,
    tenantId: string,
    command: Extract<LeaderCommand, { kind: 'role' | 'roles' }> | { kind: 'invalid role command' },
  ): Promise<void> {
    if (command.kind === 'invalid role command') {
      await context.sendActivity(
        'Use **grant leader** or **revoke leader** (or **admin**, or **manager**) followed by the person’s Microsoft Entra object id.',
      );
      return;
    }
    if (command.kind === 'roles') {
      const granted = await this.deps.tenants.roles(tenantId);
      const list = (ids: string[]) => (ids.length > 0 ? ids.join(', ') : 'none');
      await context.sendActivity(
        `Granted in chat — leaders: ${list(granted.leaders)}; admins: ${list(granted.admins)}; managers: ${list(granted.managers ?? [])}. Configured ids (LEADER_IDS, ADMIN_IDS, MANAGER_IDS) also apply.`,
      );
      return;
    }
    const { role, userId: targetId, granted } = command;
    const actorId = turnUnitOf(context).speaker.userId;
    await context.sendActivity(await this.deps.roleChanges.change({ tenantId, actorId, role, targetId, granted }));
  }

  private async access(context: TurnContext): Promise<Access> {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    return accessOf(this.deps.directory, this.deps.tenants, tenantId, userId);
  }

  /**
   * First message in a team's channel: the person's answers start counting towards that team. They reach the team's
   * summary with the next publication of each document, once enough people changed it (src/storage/aggregate-doc.ts).
   */
  private async joinTeam(context: TurnContext, teamId: string): Promise<void> {
    const unit = turnUnitOf(context);
    const { tenantId, userId } = unit.speaker;
    const answers = await this.deps.memberships.join(unit.session, teamId);
    if (!answers) return;
    const deltas = [...recomputeCounters(this.deps.index, answers)].map(([questionId, delta]) => ({
      questionId,
      teamId,
      delta,
    }));
    const quotes = answers.map((answer) => {
      const ref = this.deps.index.find(answer.questionId);
      const changes = ref ? quoteChanges(ref.question, userId, undefined, answer.value) : [];
      return { questionId: answer.questionId, teamId, changes };
    });
    for (const change of aggregateChanges(deltas, quotes)) await this.deps.aggregates.apply(tenantId, userId, change);
  }
}

/** The team of a channel message (Teams puts it in channelData), if any. */
function teamOf(activity: Partial<Activity>): { id: string; name: string } | undefined {
  const team = (activity.channelData as { team?: { id?: unknown; name?: unknown } } | undefined)?.team;
  if (typeof team?.id !== 'string' || team.id === '') return undefined;
  return { id: team.id, name: typeof team.name === 'string' ? team.name : '' };
}
