import { TurnContext, type Activity } from 'botbuilder';
import { PendingChanges } from '../src/aggregation/aggregate-changes';
import type { LeaderService, Team } from '../src/leadership/leader-service';
import type { UserInput } from '../src/strategy/submit';
import { takesFiles } from '../src/bot/conversation-kind';
import { sendReplies } from '../src/bot/send-replies';
import { turnUnitOf } from '../src/bot/turn-state';

/** What the personal-chat router should do after the leadership commands had their look. */
export type PersonalOutcome = 'handled' | 'own summary' | undefined;

/** The leadership commands' part of a turn: reads the facts they need from the activity and sends the replies. */
export class LeaderActions {
  constructor(private readonly service: LeaderService) {}

  /** Personal chat: leaders get the organisation card for `summary`; everyone else falls through to their own card. */
  async inPersonalChat(context: TurnContext, input: UserInput): Promise<PersonalOutcome> {
    const unit = turnUnitOf(context);
    const { activity } = context;
    const answer = await this.service.inPersonalChat(unit.speaker, input, {
      request: activity.id ? [activity.conversation.id, activity.id] : undefined,
      conversationReference: () => {
        const reference: Record<string, unknown> = { ...TurnContext.getConversationReference(activity) };
        delete reference.activityId;
        return reference;
      },
      timeZone: activity.localTimezone,
      conversationId: activity.conversation.id,
      takesFiles: takesFiles(activity),
    });
    if (answer === undefined || answer === 'own summary') return answer;
    if (answer.job) unit.backgroundJobs.push(answer.job);
    await sendReplies(context, answer.replies);
    return 'handled';
  }

  /**
   * Team channels and group chats: records team membership (see TeamMembership), then answers `summary` (a leader
   * gets the organisation card, others the team's) and `team summary`. True when the message was handled here.
   */
  async inSharedChat(context: TurnContext, input: UserInput): Promise<boolean> {
    const unit = turnUnitOf(context);
    const team = teamOf(context.activity);
    if (team) {
      const joined = new PendingChanges();
      await this.service.joinTeam(unit.session, team.id, joined);
      // The membership is stored already, so the counters move now: this message's team card counts the person.
      await unit.applyNow(joined);
    }
    const replies = await this.service.inSharedChat(unit.speaker, unit.session, input, team);
    if (!replies) return false;
    await sendReplies(context, replies);
    return true;
  }
}

/** The team of a channel message (Teams puts it in channelData), if any. */
function teamOf(activity: Partial<Activity>): Team | undefined {
  const team = (activity.channelData as { team?: { id?: unknown; name?: unknown } } | undefined)?.team;
  if (typeof team?.id !== 'string' || team.id === '') return undefined;
  return { id: team.id, name: typeof team.name === 'string' ? team.name : '' };
}
