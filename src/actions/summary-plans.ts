import { createHash, randomBytes } from 'node:crypto';
import type { ActionPlanView } from '../cards/action-view-models';
import type { Person } from '../domain/person';
import type { SummaryService } from '../leadership/summary-service';
import { MAX_RECOMMENDATIONS, type Recommendation } from '../leadership/readiness-figures';
import { ChannelError } from '../teams/teams-channel';
import {
  actionDocId,
  MAX_ACTION_TEXT,
  MAX_ACTIONS_PER_PULSE,
  summaryPlanKey,
  type ActionDoc,
  type ActionReach,
  type ActionScope,
} from '../domain/action-docs';
import type { ActionDeps, ActionReply } from './action-deps';
import { checkPlan, PLAN_TOKEN } from './action-input';
import type { ActionOwner } from './action-owner';
import { formatDueDate, reminderAt } from './action-schedule';
import { echoedPlan, ownerMember, planDates, rosterMember, type OwnerMember } from './plan-card';

const UNKNOWN = "I don't recognise that summary, so nothing has been planned.";
const LEADERS_ONLY = "Actions on the organisation's summary are planned by leaders, so nothing has been planned.";
const MANAGERS_ONLY =
  "Actions on a team's summary are planned by its managers or a leader, so nothing has been planned.";
const IN_ITS_CHANNEL = "A team's actions are planned in the team's channel, so nothing has been planned.";
const WRITE_HERE_FIRST =
  "I don't know you as a member of this team yet: mention me here once (any message), then press Plan an action again.";
const NONE_YET = 'This summary has no recommendations yet, so there is nothing to plan from.';

/** Where the button was pressed: how the bot is reached there and, in a team's channel, which team. */
export interface SummaryPlace extends ActionReach {
  /** `member`: the team is among the person's teams (they have written in its channels), as its card requires. */
  team?: { id: string; name?: string; member: boolean };
}

export interface SummaryPlanDeps extends ActionDeps {
  summaries: Pick<SummaryService, 'summary'>;
}

/** Planning actions from a summary's recommendations: a team's (its managers or a leader) or the organisation's (leaders). */
export class SummaryPlanService {
  constructor(
    private readonly deps: SummaryPlanDeps,
    private readonly owner: ActionOwner,
  ) {}

  /** Plan an action on a summary card: the plan card, offering the summary's current recommendations. */
  async planCard(
    person: Person,
    value: Record<string, unknown>,
    place: SummaryPlace,
    zone: string,
  ): Promise<ActionReply[]> {
    const { scope, refusal } = await this.plannable(person, value, place);
    if (!scope) return [refusal];
    const offered = await this.recommendations(person.tenantId, scope, place);
    if (offered.length === 0) return [NONE_YET];
    const values = { what: '', owner: '', dueDate: '', addressed: [] };
    const token = randomBytes(16).toString('hex');
    return [this.deps.cards.actionPlan(planView(scope, place, offered, token, zone, this.deps.clock(), values))];
  }

  /** The plan card's submit: checked as forged, stored once per card, sent to the owner's 1:1 chat. */
  async plan(
    person: Person,
    value: Record<string, unknown>,
    place: SummaryPlace,
    zone: string,
  ): Promise<ActionReply[]> {
    const { scope, refusal: refused } = await this.plannable(person, value, place);
    if (!scope) return [refused];
    const token = typeof value.token === 'string' ? value.token : '';
    if (!PLAN_TOKEN.test(token)) return [UNKNOWN];
    const now = this.deps.clock();
    const rosterId = scope === 'team' ? (place.team?.id ?? '') : '';
    const planKey = summaryPlanKey(person.tenantId, scope, rosterId);
    if ((await this.deps.actions.openActionCount(person.tenantId, planKey)) >= MAX_ACTIONS_PER_PULSE)
      return [`This summary has ${MAX_ACTIONS_PER_PULSE} open actions already: mark some done first.`];
    // Any of the pack's recommendations is accepted: the summary may have moved on since the card was sent.
    const known = { has: (id: string) => this.deps.index.recommendation(id) !== undefined };
    const refusal = `Pick the recommendations the action addresses (at most ${MAX_RECOMMENDATIONS}).`;
    const choices = { raw: value.recommendationIds, offered: known, refusal, max: MAX_RECOMMENDATIONS };
    const checked = checkPlan(value, choices, now, zone);
    const again = async (error: string): Promise<ActionReply[]> => {
      // The summary's recommendations now, and those picked that it no longer shows (still accepted).
      const current = await this.recommendations(person.tenantId, scope, place);
      const picked = echoedPlan(value, value.recommendationIds, known).addressed.slice(0, MAX_RECOMMENDATIONS);
      const offered = [...current];
      for (const id of picked)
        if (!offered.some((shown) => shown.id === id))
          offered.push({ id, text: this.deps.index.recommendation(id) ?? id });
      if (offered.length === 0) return [NONE_YET];
      const echoed = echoedPlan(value, value.recommendationIds, new Set(offered.map(({ id }) => id)));
      return [this.deps.cards.actionPlan(planView(scope, place, offered, token, zone, now, echoed, error))];
    };
    if (!checked.ok) return again(checked.message);
    const found = await this.findOwner(person.tenantId, scope, place, checked.value.owner);
    if (found === 'unreachable')
      return ["I couldn't reach Teams just now, so nothing has been planned. Please try again."];
    if (found === 'refused by Teams')
      return again(
        "I can't reach that person in Teams: they may not have Strategy Guide yet, or may have blocked it. Ask them to open it once, or pick someone else.",
      );
    if (!found)
      return again(
        scope === 'team'
          ? 'The owner must be someone in this team. Pick them again.'
          : "I couldn't find that person in Teams. Pick them again.",
      );
    const actionId = createHash('sha256').update(`${person.tenantId}|${planKey}|${token}`).digest('hex').slice(0, 32);
    const { what, dueDate, addressed } = checked.value;
    const ownerId = found.aadObjectId;
    const teamName = scope === 'team' ? place.team?.name : undefined;
    const action: ActionDoc = {
      id: actionDocId(planKey, actionId),
      type: 'action',
      tenantId: person.tenantId,
      pulseId: planKey,
      actionId,
      rosterId,
      ...(teamName ? { teamName: teamName.slice(0, 100) } : {}),
      what,
      ownerId,
      ownerName:
        found.name?.trim().slice(0, 80) || (scope === 'team' ? 'Someone in the team' : 'Someone in the organisation'),
      dueDate,
      status: 'open',
      source: { kind: 'summary', scope, recommendationIds: addressed },
      createdBy: person.userId.toLowerCase(),
      createdAt: now.toISOString(),
      updates: [],
      timeZone: zone,
      memberId: found.id,
      reach: { serviceUrl: place.serviceUrl, botId: place.botId, botName: place.botName },
      remindAt: reminderAt(dueDate, zone, now)?.toISOString(),
    };
    if (!(await this.deps.actions.createAction(action))) return ['That action has already been planned.'];
    await this.deps.audit.record(person.tenantId, { action: 'action.planned', actor: person.userId, target: ownerId });
    this.deps.logger.info('action.planned', { tenantId: person.tenantId, scope });
    const planned = `Planned: ${action.ownerName} owns it, due ${formatDueDate(dueDate)}.`;
    try {
      await this.owner.send(action, false);
    } catch (error) {
      this.deps.logger.warn('action.send.failed', {
        tenantId: person.tenantId,
        status: (error as ChannelError).status,
      });
      return [`${planned} I couldn't reach them in Teams just now, so please tell them yourself.`];
    }
    return [`${planned} They have it in their chat with me.`];
  }

  /** The card's scope, if `person` may plan for it here: the organisation's for leaders, a team's in its channel. */
  private async plannable(
    person: Person,
    value: Record<string, unknown>,
    place: SummaryPlace,
  ): Promise<{ scope: ActionScope; refusal?: undefined } | { scope?: undefined; refusal: string }> {
    const scope = value.scope;
    if (scope !== 'team' && scope !== 'organisation') return { refusal: UNKNOWN };
    const access = await this.deps.accessOf(person);
    if (scope === 'organisation') return access.leader ? { scope } : { refusal: LEADERS_ONLY };
    if (!place.team) return { refusal: IN_ITS_CHANNEL };
    if (!(access.manager || access.leader)) return { refusal: MANAGERS_ONLY };
    // As the team's card, shown only to the team's members (see LeaderService.inSharedChat); a press alone joins nobody.
    return place.team.member ? { scope } : { refusal: WRITE_HERE_FIRST };
  }

  private async recommendations(tenantId: string, scope: ActionScope, place: SummaryPlace): Promise<Recommendation[]> {
    const teamId = scope === 'team' ? place.team?.id : undefined;
    return (await this.deps.summaries.summary(tenantId, teamId)).recommendations;
  }

  /**
   * The owner as Teams knows them: in the team's roster for a team's action; for the organisation's, anyone Teams finds
   * by what the picker gave in a 1:1 chat with the bot (which also checks they are in this tenant and have the app).
   */
  private async findOwner(
    tenantId: string,
    scope: ActionScope,
    place: SummaryPlace,
    picked: string,
  ): Promise<OwnerMember | undefined | 'refused by Teams' | 'unreachable'> {
    const { channel } = this.deps;
    try {
      if (scope === 'team' && place.team)
        return await rosterMember(channel, { ...place, rosterId: place.team.id }, picked);
      const bot = { id: place.botId, name: place.botName };
      const conversationId = await channel.createPersonalConversation(place.serviceUrl, tenantId, bot, picked);
      return ownerMember(await channel.member(place.serviceUrl, conversationId, picked));
    } catch (error) {
      if (!(error instanceof ChannelError)) return 'unreachable';
      // Teams opens a 1:1 chat only with someone who has the app (or shares a team that has it).
      if (error.status === 403 && scope === 'organisation') return 'refused by Teams';
      return error.status === 400 || error.status === 404 ? undefined : 'unreachable';
    }
  }
}

function planView(
  scope: ActionScope,
  place: SummaryPlace,
  offered: Recommendation[],
  token: string,
  zone: string,
  now: Date,
  values: ActionPlanView['values'],
  error?: string,
): ActionPlanView {
  const team = place.team?.name ? `${place.team.name}'s summary` : "this team's summary";
  return {
    target: { kind: 'summary', scope },
    token,
    title: scope === 'organisation' ? "the organisation's summary" : team,
    options: offered.map(({ id, text }) => ({ id, label: text })),
    ownerFrom: scope,
    ...planDates(now, zone),
    whatMaxLength: MAX_ACTION_TEXT,
    values,
    ...(error === undefined ? {} : { error }),
  };
}
