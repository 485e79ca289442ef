import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { knownTimeZone } from '../domain/time-zones';
import { loggableId, type Logger } from '../logging/logger';
import { consentReply } from '../privacy/export-replies';
import type { ConsentOutcome, ExportService } from '../privacy/export-service';
import type { Speaker } from '../strategy/turn-unit';
import { ReplyNotDelivered } from './connector-replies';

/**
 * The person's answer to an export's file consent card (`fileConsent/invoke`), thin: ExportService checks and carries
 * it out, this tells the person and answers the invoke with 200 (Teams shows an error on the card otherwise).
 */
export class FileConsentInvoke {
  constructor(
    private readonly exports: ExportService,
    private readonly logger: Logger,
  ) {}

  static handles(activity: Partial<Activity>): boolean {
    return activity.type === ActivityTypes.Invoke && activity.name === 'fileConsent/invoke';
  }

  async handle(context: TurnContext, speaker: Speaker): Promise<void> {
    const { activity } = context;
    // Set first: whatever happens below, Teams gets its answer.
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    const outcome = await this.exports.answer({
      tenantId: speaker.tenantId,
      userId: speaker.userId,
      conversationId: activity.conversation.id,
      // Without an id a redelivery cannot be recognised, so it counts as a replay.
      invokeId: activity.id || randomUUID(),
      value: activity.value,
      timeZone: knownTimeZone(activity.localTimezone),
    });
    this.logger.info('export.consent', {
      activityId: loggableId(activity.id),
      tenantId: speaker.tenantId,
      ...loggable(outcome),
    });
    const reply = consentReply(outcome);
    if (!reply) return;
    try {
      await context.sendActivity({ type: ActivityTypes.Message, ...reply });
    } catch (error) {
      if (!(error instanceof ReplyNotDelivered)) throw error;
      this.logger.warn('reply.failed', {
        activityId: loggableId(activity.id),
        tenantId: speaker.tenantId,
        status: error.failure.status,
        attempts: error.attempts,
        maybePosted: error.maybePosted,
      });
    }
  }
}

/** The outcome without the file's name or links (the upload URL carries a credential). */
function loggable(outcome: ConsentOutcome): Record<string, string | number> {
  switch (outcome.kind) {
    case 'refused':
      return { outcome: outcome.kind, reason: outcome.reason };
    case 'failed':
      return { outcome: outcome.kind, reason: outcome.failure, ...(outcome.status ? { status: outcome.status } : {}) };
    default:
      return { outcome: outcome.kind };
  }
}
