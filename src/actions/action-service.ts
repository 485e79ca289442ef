import { createHash, randomBytes } from 'node:crypto';
import type { ActionPlanView } from '../cards/action-view-models';
import type { Person } from '../domain/person';
import type { PulseDoc } from '../domain/pulse-docs';
import { actionDocId, MAX_ACTION_TEXT, MAX_ACTIONS_PER_PULSE, type ActionDoc } from '../domain/action-docs';
import type { ActionDeps, ActionReply } from './action-deps';
import { pulseOnCard } from '../pulse/pulse-on-card';
import { checkPlan, PLAN_TOKEN } from './action-input';
import { echoedPlan, planDates, rosterMember, type OwnerMember } from './plan-card';
import { ActionOwner } from './action-owner';
import { isFollowUp } from './follow-ups';
import { formatDueDate, reminderAt } from './action-schedule';

const UNKNOWN = "I don't recognise that pulse, so nothing has been planned.";
const NOT_ALLOWED =
  'Actions are planned by the person who started the pulse, a manager or a leader, so nothing has been planned.';

/** Where the button was pressed: the team (or group chat) whose roster counts. */
export interface PlanPlace {
  rosterId: string;
  /** As Teams sent it with the activity, if it did. */
  teamName?: string;
}

/** Planning actions from a pulse's results card; the owner's side is ActionOwner. */
export class ActionPlanService {
  readonly owner: ActionOwner;

  constructor(private readonly deps: ActionDeps) {
    this.owner = new ActionOwner(deps);
  }

  /** Plan an action on a results card: the plan card, for the pulse's sender, a manager or a leader in its team. */
  async planCard(
    person: Person,
    value: Record<string, unknown>,
    place: PlanPlace,
    zone: string,
  ): Promise<ActionReply[]> {
    const pulse = await this.plannable(person, value, place);
    if (typeof pulse === 'string') return [pulse];
    const values = { what: '', owner: '', dueDate: '', addressed: [] };
    return [
      this.deps.cards.actionPlan(planView(pulse, randomBytes(16).toString('hex'), zone, this.deps.clock(), values)),
    ];
  }

  /** The plan card's submit: checked as forged, stored once per card, sent to the owner's 1:1 chat. */
  async plan(person: Person, value: Record<string, unknown>, place: PlanPlace, zone: string): Promise<ActionReply[]> {
    const pulse = await this.plannable(person, value, place);
    if (typeof pulse === 'string') return [pulse];
    const token = typeof value.token === 'string' ? value.token : '';
    if (!PLAN_TOKEN.test(token)) return [UNKNOWN];
    const now = this.deps.clock();
    const offered = addressableIds(pulse);
    const refusal = 'Pick the questions of this pulse the action addresses.';
    const checked = checkPlan(value, { raw: value.questionIds, offered, refusal }, now, zone);
    const again = (error: string) => [
      this.deps.cards.actionPlan(planView(pulse, token, zone, now, echoed(value, pulse), error)),
    ];
    if (!checked.ok) return again(checked.message);
    let member: OwnerMember | undefined;
    try {
      member = await rosterMember(this.deps.channel, pulse.origin, checked.value.owner);
    } catch {
      return ["I couldn't reach Teams just now, so nothing has been planned. Please try again."];
    }
    if (!member) return again('The owner must be someone in this team. Pick them again.');
    if ((await this.deps.actions.openActionCount(person.tenantId, pulse.pulseId)) >= MAX_ACTIONS_PER_PULSE)
      return [`This pulse has ${MAX_ACTIONS_PER_PULSE} open actions already: mark some done first.`];
    const actionId = createHash('sha256').update(`${person.tenantId}|${pulse.pulseId}|${token}`).digest('hex');
    const { what, dueDate, addressed: questionIds } = checked.value;
    const ownerId = member.aadObjectId;
    const action: ActionDoc = {
      id: actionDocId(pulse.pulseId, actionId.slice(0, 32)),
      type: 'action',
      tenantId: person.tenantId,
      pulseId: pulse.pulseId,
      actionId: actionId.slice(0, 32),
      rosterId: pulse.origin.rosterId,
      ...(place.teamName ? { teamName: place.teamName.slice(0, 100) } : {}),
      what,
      ownerId,
      ownerName: member.name?.trim().slice(0, 80) || 'Someone in the team',
      dueDate,
      status: 'open',
      source: { kind: 'pulse', pulseId: pulse.pulseId, questionIds },
      createdBy: person.userId.toLowerCase(),
      createdAt: now.toISOString(),
      updates: [],
      timeZone: zone,
      memberId: member.id,
      remindAt: reminderAt(dueDate, zone, now)?.toISOString(),
    };
    if (!(await this.deps.actions.createAction(action))) return ['That action has already been planned.'];
    await this.deps.audit.record(person.tenantId, { action: 'action.planned', actor: person.userId, target: ownerId });
    this.deps.logger.info('action.planned', { tenantId: person.tenantId, pulseId: pulse.pulseId });
    const planned = `Planned: ${action.ownerName} owns it, due ${formatDueDate(dueDate)}.`;
    try {
      await this.owner.send(action, false, pulse);
    } catch (error) {
      this.deps.logger.warn('action.send.failed', {
        tenantId: person.tenantId,
        pulseId: pulse.pulseId,
        status: (error as { status?: number }).status,
      });
      return [`${planned} I couldn't reach them in Teams just now, so please tell them yourself.`];
    }
    return [`${planned} They have it in their chat with me.`];
  }

  /** The pulse on the card, if it is in this tenant, was asked of this team, and `person` may plan for it. */
  private async plannable(
    person: Person,
    value: Record<string, unknown>,
    place: PlanPlace,
  ): Promise<PulseDoc | string> {
    const pulse = await pulseOnCard(this.deps.pulses, person.tenantId, value, place.rosterId);
    if (!pulse) return UNKNOWN;
    if (pulse.status !== 'closed') return "Actions are planned from a closed pulse's results; this one has not closed.";
    if (pulse.createdBy.toLowerCase() === person.userId.toLowerCase()) return pulse;
    const access = await this.deps.accessOf(person);
    return access.manager || access.leader ? pulse : NOT_ALLOWED;
  }
}

function planView(
  pulse: PulseDoc,
  token: string,
  zone: string,
  now: Date,
  values: ActionPlanView['values'],
  error?: string,
): ActionPlanView {
  return {
    target: { kind: 'pulse', pulseId: pulse.pulseId },
    token,
    title: pulse.title,
    options: addressable(pulse).map((question) => ({ id: question.id, label: question.text })),
    ownerFrom: 'team',
    ...planDates(now, zone),
    whatMaxLength: MAX_ACTION_TEXT,
    values,
    ...(error === undefined ? {} : { error }),
  };
}

/** What the person typed, shown again with the error; only values the card could hold. */
function echoed(value: Record<string, unknown>, pulse: PulseDoc): ActionPlanView['values'] {
  return echoedPlan(value, value.questionIds, addressableIds(pulse));
}

/** The questions an action may address: the pulse's own, not its "Has this improved?" follow-ups (they would nest). */
function addressable(pulse: PulseDoc): PulseDoc['questions'] {
  return pulse.questions.filter((question) => !isFollowUp(question.id));
}

function addressableIds(pulse: PulseDoc): Set<string> {
  return new Set(addressable(pulse).map((question) => question.id));
}
