import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { aggregateChanges } from '../src/aggregation/aggregate-changes';
import { quoteChanges } from '../src/aggregation/quotes';
import { recomputeCounters } from '../src/aggregation/recompute';
import type { CardRenderer } from '../src/cards/card-renderer';
import type { ContentIndex } from '../src/content/content-index';
import type { RoleDirectory } from '../src/domain/roles';
import { accessOf, type Access } from '../src/leadership/access';
import { recognizeLeaderCommand, type LeaderCommand } from '../src/leadership/leader-commands';
import { leaderSummaryView } from '../src/leadership/leader-summary-view';
import { rebuildAggregates } from '../src/leadership/rebuild';
import { exportRows, toCsv, toJson } from '../src/leadership/summary-export';
import type { SummaryService } from '../src/leadership/summary-service';
import type { AggregateStore } from '../src/storage/aggregate-store';
import type { AnswerStore } from '../src/storage/answer-store';
import type { TeamMembership } from '../src/storage/team-membership';
import type { TenantStore } from '../src/storage/tenant-store';
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
  answers: AnswerStore;
  aggregates: AggregateStore;
  digests: DigestActions;
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
      case 'roles':
      case 'role':
      case 'invalid role command':
        if (!access.admin) return void (await context.sendActivity('Only admins can see or change roles.'));
        return this.roles(context, tenantId, command);
    }
  }

  private sendTeamSummary(context: TurnContext, team: { id: string; name: string }): Promise<void> {
    return this.sendSummary(
      context,
      team.id,
      team.name ? `${team.name}: AI ambition & success metrics` : 'This team’s AI ambition & success metrics',
      false,
    );
  }

  private async sendSummary(context: TurnContext, teamId: string | undefined, title: string, canExport: boolean) {
    const { tenantId } = turnUnitOf(context).speaker;
    const summary = await this.deps.summaries.summary(tenantId, teamId);
    const card = this.deps.cards.leaderSummary(leaderSummaryView(summary, { title, canExport }));
    await context.sendActivity(MessageFactory.attachment(card));
  }

  /** CSV in the message (readable anywhere) and JSON as a file attachment carried in a data URI. */
  private async sendExport(context: TurnContext, tenantId: string): Promise<void> {
    const summary = await this.deps.summaries.summary(tenantId);
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
    turnUnitOf(context).backgroundJobs.push({
      name: write ? 'summary.rebuild' : 'summary.check',
      run: async () => {
        const report = await rebuildAggregates(this.deps.index, this.deps, tenantId, { write });
        const checked = `I recomputed the counters from ${report.answers} answers by ${report.people} people (${report.documents} counter documents, ${report.teams} teams).`;
        const outcome =
          report.differences.length === 0
            ? 'They match the maintained counters exactly.'
            : report.written
              ? `${report.differences.length} counters had drifted and are now repaired.`
              : `${report.differences.length} counters differ. Type **rebuild summary** to repair them.`;
        return [{ text: `${checked} ${outcome}` }];
      },
    });
    await context.sendActivity(
      `${write ? 'Rebuilding' : 'Checking'} the summary counters from every stored answer. With many answers this takes a while; I'll post the result here when it's done.`,
    );
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
    const changed = await this.deps.tenants.setRole(tenantId, command.role, command.userId, command.granted);
    const verb = command.granted ? 'granted' : 'revoked';
    await context.sendActivity(
      changed ? `Done: ${command.role} role ${verb} for ${command.userId}.` : `Nothing to change: that was already so.`,
    );
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
    const session = unit.session.doc;
    if (session.teamIds?.includes(teamId)) return;
    const { tenantId, userId } = unit.speaker;
    const answers = await this.deps.memberships.join(tenantId, userId, teamId, session.id);
    session.teamIds = [...(session.teamIds ?? []), teamId];
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
