import type { TurnContext } from 'botbuilder';
import type { InvitationService } from '../src/invitations/invitation-service';
import type { OptOutCommand, ParticipationService } from '../src/invitations/participation-service';
import { isReminderDays, setReminderDays, type ReminderDaysDeps } from '../src/invitations/reminder-days';
import { recognizeCommand } from '../src/strategy/commands';
import { isRecord, type UserInput } from '../src/strategy/submit';
import { sendReplies } from '../src/bot/send-replies';
import { turnUnitOf } from '../src/bot/turn-state';
import { originOf } from './pulse-actions';

const OPT_OUTS: ReadonlySet<string> = new Set<OptOutCommand>([
  'stop invitations',
  'start invitations',
  'stop reminders',
  'start reminders',
]);

/** The invitations feature's part of a turn: reads the facts it needs from the activity and sends the replies. */
export class InvitationActions {
  constructor(
    private readonly service: InvitationService,
    private readonly participation: ParticipationService,
    private readonly reminderDays: ReminderDaysDeps,
  ) {}

  /** Whether a team-channel or group-chat message is `invite`. */
  static handles(input: UserInput): boolean {
    return recognizeCommand(input) === 'invite';
  }

  /** `invite` where it was typed: everyone in this team or chat. */
  async inSharedChat(context: TurnContext): Promise<void> {
    const { activity } = context;
    const team = (activity.channelData as { team?: { name?: unknown } } | undefined)?.team;
    const replies = await this.service.inviteHere(turnUnitOf(context).speaker, {
      origin: originOf(activity),
      teamName: typeof team?.name === 'string' ? team.name : undefined,
      activityId: activity.id,
      timeZone: activity.localTimezone,
    });
    await sendReplies(context, replies);
  }

  /** The 1:1 commands and the team list's submit; false when the message is none of them. */
  async inPersonalChat(context: TurnContext, input: UserInput): Promise<boolean> {
    const person = turnUnitOf(context).speaker;
    const value = isRecord(input.value) ? input.value : undefined;
    if (value?.sg === 'invitations') {
      const replies =
        value.action === 'invite-teams'
          ? await this.service.inviteTeams(person, value)
          : ["I don't recognise that card, so nothing was changed."];
      await sendReplies(context, replies);
      return true;
    }
    if (input.value === undefined && isReminderDays(input.text)) {
      await sendReplies(context, [await setReminderDays(this.reminderDays, person, input.text ?? '')]);
      return true;
    }
    const command = recognizeCommand(input);
    if (command === 'invite') {
      await sendReplies(context, await this.service.teamList(person));
      return true;
    }
    if (command && OPT_OUTS.has(command)) {
      await sendReplies(context, [await this.participation.optOut(person, command as OptOutCommand)]);
      return true;
    }
    return false;
  }
}
