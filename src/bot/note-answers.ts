import type { TurnContext } from 'botbuilder';
import type { AnsweringTurn } from '../invitations/participation-service';
import { loggableId, type Logger } from '../logging/logger';
import type { TurnUnit } from '../strategy/turn-unit';

/**
 * Tells participation (invitations and reminders) of a 1:1 turn that stored answers. Secondary to the turn: a failure
 * is logged, never shown, and the next answering turn writes it again.
 */
export async function noteAnswers(
  deps: { afterAnswers?: (turn: AnsweringTurn) => Promise<void>; logger: Logger },
  context: TurnContext,
  unit: TurnUnit,
): Promise<void> {
  if (!deps.afterAnswers) return;
  const { speaker, session } = unit;
  const { activity } = context;
  try {
    await deps.afterAnswers({
      ...speaker,
      answers: session.doc.answers,
      answerRoles: session.doc.answerRoles,
      path: session.doc.path,
      timeZone: activity.localTimezone,
      chat: { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id },
    });
  } catch (error) {
    deps.logger.warn('participation.failed', {
      activityId: loggableId(activity.id),
      tenantId: speaker.tenantId,
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}
