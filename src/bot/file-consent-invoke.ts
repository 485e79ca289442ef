import { randomUUID } from 'node:crypto';
import { ActivityTypes, DeliveryModes, TurnContext, type Activity } from 'botbuilder';
import { knownTimeZone } from '../domain/time-zones';
import { loggableId, type Logger } from '../logging/logger';
import { consentReply } from '../privacy/export-replies';
import type { ConsentAnswer, ConsentOutcome, ExportService } from '../privacy/export-service';
import type { OutgoingMessage } from '../strategy/turn-unit';
import type { Person } from '../domain/person';
import type { BackgroundWork } from './background-work';

/**
 * The person's answer to a file consent card (an export or a strategy document, `fileConsent/invoke`), thin: ExportService checks and carries
 * it out. Teams waits about 15 s for the invoke's answer, and the adapter gives it only when this handler returns; the
 * upload alone may take 8 s and the reply its retries. So in Teams (normal delivery) the invoke is answered 200 at once
 * and the answer is carried out as background work, which tells the person how it went in a message of its own.
 * With `expectReplies` (the Agents Playground, tests) replies can only travel in the HTTP answer, so it runs in the turn.
 */
export class FileConsentInvoke {
  constructor(
    private readonly exports: ExportService,
    private readonly background: BackgroundWork,
    private readonly logger: Logger,
  ) {}

  static handles(activity: Partial<Activity>): boolean {
    return activity.type === ActivityTypes.Invoke && activity.name === 'fileConsent/invoke';
  }

  async handle(context: TurnContext, speaker: Person): Promise<void> {
    const { activity } = context;
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    const answer: ConsentAnswer = {
      tenantId: speaker.tenantId,
      userId: speaker.userId,
      conversationId: activity.conversation.id,
      // Without an id a redelivery cannot be recognised, so it counts as a replay.
      invokeId: activity.id || randomUUID(),
      value: activity.value,
      timeZone: knownTimeZone(activity.localTimezone),
      role: speaker.role,
    };
    const job = { name: 'export.consent', run: () => this.carryOut(answer, activity.id) };
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      this.background.start(TurnContext.getConversationReference(activity), job, speaker.tenantId);
      return;
    }
    for (const message of await job.run()) await context.sendActivity({ type: ActivityTypes.Message, ...message });
  }

  private async carryOut(answer: ConsentAnswer, activityId: string | undefined): Promise<OutgoingMessage[]> {
    const outcome = await this.exports.answer(answer);
    this.logger.info('export.consent', {
      activityId: loggableId(activityId),
      tenantId: answer.tenantId,
      ...loggable(outcome),
    });
    const reply = consentReply(outcome);
    return reply ? [reply] : [];
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
