import type { TurnContext } from 'botbuilder';
import type { PrivacyService } from '../src/privacy/privacy-service';
import { isPersonal, takesFiles } from '../src/bot/conversation-kind';
import { sendReplies } from '../src/bot/send-replies';
import { turnUnitOf } from '../src/bot/turn-state';

/** The privacy commands' part of a turn: reads the facts they need from the activity and sends the service's replies. */
export class PrivacyActions {
  constructor(private readonly service: PrivacyService) {}

  async showMyData(context: TurnContext): Promise<void> {
    const { speaker } = turnUnitOf(context);
    await sendReplies(context, await this.service.myData(speaker, context.activity.localTimezone));
  }

  async exportData(context: TurnContext): Promise<void> {
    const { activity } = context;
    const place = {
      conversationId: activity.conversation.id,
      personal: isPersonal(activity),
      takesFiles: takesFiles(activity),
      timeZone: activity.localTimezone,
    };
    await sendReplies(context, await this.service.exportData(turnUnitOf(context).speaker, place));
  }

  async askToDelete(context: TurnContext): Promise<void> {
    await sendReplies(context, this.service.askToDelete(turnUnitOf(context).session));
  }

  /** The confirm card's submit. True when the session is gone (it must then not be written back). */
  async confirmDelete(context: TurnContext, value: unknown): Promise<boolean> {
    const unit = turnUnitOf(context);
    const { activity } = context;
    const request = activity.id ? [activity.conversation.id, activity.id] : undefined;
    const { replies, sessionGone } = await this.service.confirmDelete(unit.speaker, unit.session, value, request);
    if (sessionGone) unit.sessionDeleted = true;
    await sendReplies(context, replies);
    return sessionGone;
  }
}
