import type { Activity, TurnContext } from 'botbuilder';
import { knownTimeZone, timeZoneOrUtc } from '../src/domain/time-zones';
import type { PulseReply, PulseService } from '../src/pulse/pulse-service';
import type { ActionPlanService } from '../src/actions/action-service';
import type { SummaryPlace, SummaryPlanService } from '../src/actions/summary-plans';
import type { Person } from '../src/domain/person';
import type { PulseOrigin } from '../src/domain/pulse-docs';
import { recognizeCommand } from '../src/strategy/commands';
import { isRecord, type UserInput } from '../src/strategy/submit';
import { sendReplies } from '../src/bot/send-replies';
import { turnUnitOf } from '../src/bot/turn-state';

/** The pulse feature's part of a turn: reads the facts it needs from the activity and sends the service's replies. */
export class PulseActions {
  constructor(
    private readonly service: PulseService,
    private readonly plans: ActionPlanService,
    private readonly summaryPlans: SummaryPlanService,
  ) {}

  /** Whether a team-channel or group-chat message is for pulses: the `pulse` command or a pulse card's button. */
  static handles(input: UserInput): boolean {
    return recognizeCommand(input) === 'pulse' || (isRecord(input.value) && input.value.sg === 'pulse');
  }

  /** `pulse`, the setup card's submit and the channel card's Close button. */
  async inSharedChat(context: TurnContext, input: UserInput): Promise<void> {
    const { activity } = context;
    const person = personOf(context);
    const placeKind = activity.conversation?.conversationType === 'groupChat' ? 'group chat' : 'team';
    const value = isRecord(input.value) ? input.value : undefined;
    // Teams sends the sender's IANA zone; a missing, forged or unknown one means UTC.
    const timeZone = timeZoneOrUtc(activity.localTimezone);
    let replies: PulseReply[];
    if (value?.sg !== 'pulse') replies = await this.service.setupCard(person, placeKind, timeZone);
    else if (value.action === 'create')
      replies = await this.service.create(person, originOf(activity), placeKind, value, timeZone);
    else if (value.action === 'close') replies = await this.service.closeBySender(person, value, rosterOf(activity));
    else if (value.action === 'stop-series') replies = await this.service.stopSeries(person, value, rosterOf(activity));
    else if (value.action === 'run-again') replies = await this.service.runAgain(person, value, rosterOf(activity));
    else if (value.action === 'plan') replies = await this.plans.planCard(person, value, placeOf(activity), timeZone);
    else if (value.action === 'plan-create')
      replies = await this.plans.plan(person, value, placeOf(activity), timeZone);
    else if (value.action === 'summary-plan' || value.action === 'summary-plan-create')
      replies = await this.planFromSummary(person, value, summaryPlaceOf(context), timeZone);
    else replies = ['Answers to a pulse go in your 1:1 chat with me, on the card I sent you there.'];
    await sendReplies(context, replies);
  }

  /** A 1:1 pulse card's submit. */
  async inPersonalChat(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const person = personOf(context);
    const zone = context.activity.localTimezone;
    let replies: PulseReply[];
    if (value.action === 'respond') replies = await this.service.respond(person, value, knownTimeZone(zone));
    else if (value.action === 'action-done') replies = await this.plans.owner.done(person, value);
    else if (value.action === 'action-update') replies = await this.plans.owner.update(person, value);
    else if (value.action === 'summary-plan' || value.action === 'summary-plan-create')
      replies = await this.planFromSummary(person, value, summaryPlaceOf(context), timeZoneOrUtc(zone));
    else replies = ['Pulses are started and closed in a team channel or group chat: mention me there with **pulse**.'];
    await sendReplies(context, replies);
  }

  private planFromSummary(
    person: Person,
    value: Record<string, unknown>,
    place: SummaryPlace,
    zone: string,
  ): Promise<PulseReply[]> {
    return value.action === 'summary-plan'
      ? this.summaryPlans.planCard(person, value, place, zone)
      : this.summaryPlans.plan(person, value, place, zone);
  }
}

function personOf(context: TurnContext): Person {
  return turnUnitOf(context).speaker;
}

/** The team (or group chat) a button was pressed in, from the (authenticated) activity. */
function placeOf(activity: Activity): { rosterId: string; teamName?: string } {
  const name = (activity.channelData as { team?: { name?: unknown } } | undefined)?.team?.name;
  return { rosterId: rosterOf(activity), ...(typeof name === 'string' && name ? { teamName: name } : {}) };
}

/** The team (or group chat) where a button was pressed: a pulse's buttons work only where it was asked. */
function rosterOf(activity: Activity): string {
  return originOf(activity).rosterId;
}

/** Where a summary's Plan an action was pressed: how the bot is reached, and the team when in one's channel. */
function summaryPlaceOf(context: TurnContext): SummaryPlace {
  const { activity } = context;
  const { serviceUrl, botId, botName } = originOf(activity);
  const team = (activity.channelData as { team?: { id?: unknown; name?: unknown } } | undefined)?.team;
  if (typeof team?.id !== 'string' || !team.id) return { serviceUrl, botId, botName };
  const name = typeof team.name === 'string' && team.name ? team.name : undefined;
  const member = turnUnitOf(context).session.doc.teamIds?.includes(team.id) ?? false;
  return { serviceUrl, botId, botName, team: { id: team.id, ...(name ? { name } : {}), member } };
}

/** Where a pulse's (or campaign's) cards go and whose roster it is sent to; all from the (authenticated) activity. */
export function originOf(activity: Activity): PulseOrigin {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return {
    serviceUrl: activity.serviceUrl,
    conversationId: activity.conversation.id,
    rosterId: typeof team === 'string' && team ? team : activity.conversation.id,
    botId: activity.recipient.id,
    botName: activity.recipient.name ?? 'Strategy Guide',
  };
}
