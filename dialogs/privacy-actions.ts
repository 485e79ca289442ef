import { MessageFactory, type TurnContext } from 'botbuilder';
import { formatInZone, knownTimeZone, timeZoneOrUtc } from '../src/domain/time-zones';
import { myDataView } from '../src/strategy/summary-views';
import { newToken } from '../src/strategy/token';
import type { PulseAndDigestData } from '../src/privacy/pulse-and-digest-data';
import type { EraseService, ErasureOutcome } from '../src/privacy/erase-service';
import { erasureReply } from '../src/privacy/erasure-replies';
import type { ExportService } from '../src/privacy/export-service';
import { fileConsentCard, textExport } from '../src/privacy/export-replies';
import { isRecord } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { takesFiles } from './conversation-kind';
import { turnUnitOf } from './turn-state';

/** "My data", export and "delete my data": what an employee can see and remove of what is stored about them. */
export class PrivacyActions {
  constructor(
    private readonly deps: DialogDeps & {
      pulseAndDigestData: PulseAndDigestData;
      erasure: EraseService;
      exports: ExportService;
    },
  ) {}

  /** Shows every stored answer, read from the answers container (the record), not from the session copy. */
  async showMyData(context: TurnContext): Promise<void> {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    const [stored, other] = await Promise.all([
      this.deps.answers.listForUser(tenantId, userId),
      this.deps.pulseAndDigestData.export(tenantId, userId),
    ]);
    const answers = Object.fromEntries(stored.map((answer) => [answer.questionId, answer.value]));
    const latest = stored
      .map((answer) => answer.answeredAt)
      .sort()
      .at(-1);
    const view = myDataView(
      this.deps.index,
      this.deps.pack,
      answers,
      latest ? formatInZone(new Date(latest), timeZoneOrUtc(context.activity.localTimezone)) : '',
      {
        pulseResponses: other.pulseResponses.length,
        pulsesReceived: other.pulsesReceived,
        digest: other.digest?.frequency ?? '',
      },
    );
    await context.sendActivity(MessageFactory.attachment(this.deps.cards.myData(view)));
  }

  /**
   * In a Teams 1:1 chat, a file consent card (the file is built and uploaded when the person allows it, see
   * FileConsentInvoke); where files are not possible, the JSON as text.
   */
  async exportData(context: TurnContext): Promise<void> {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    const { activity } = context;
    if (takesFiles(activity)) {
      const holder = { userId, conversationId: activity.conversation.id };
      const offer = await this.deps.exports.offer(tenantId, holder, knownTimeZone(activity.localTimezone));
      await context.sendActivity({ type: 'message', attachments: [fileConsentCard(offer)] });
      return;
    }
    for (const message of textExport(await this.deps.exports.asText(tenantId, userId)))
      await context.sendActivity({ type: 'message', ...message });
  }

  /** Asks for confirmation with a one-time token, so an old or forged button cannot delete anything. */
  async askToDelete(context: TurnContext): Promise<void> {
    const unit = turnUnitOf(context);
    const token = newToken();
    unit.session.doc.deleteToken = token;
    const answerCount = Object.keys(unit.session.doc.answers).length;
    await context.sendActivity(MessageFactory.attachment(this.deps.cards.confirmDelete({ token, answerCount })));
  }

  /**
   * Handles the confirm card: the erase service removes everything, then the person is told what it came to. A
   * redelivered confirmation gets the same answer and writes nothing (the session it would write is gone). True when
   * the session is gone.
   */
  async confirmDelete(context: TurnContext, value: unknown): Promise<boolean> {
    const unit = turnUnitOf(context);
    const { tenantId, userId } = unit.speaker;
    const { activity } = context;
    const request = activity.id ? [activity.conversation.id, activity.id] : undefined;
    const expected = unit.session.doc.deleteToken;
    if (!isRecord(value) || !expected || value.token !== expected) {
      const earlier = request && (await this.deps.erasure.earlier(tenantId, userId, request));
      if (earlier) return this.tell(context, earlier);
      await context.sendActivity(
        'That confirmation has expired, so nothing was deleted. Type **delete my data** to start again.',
      );
      return false;
    }
    delete unit.session.doc.deleteToken;
    if (value.confirm !== true) {
      await context.sendActivity('Nothing was deleted. Your answers are still here.');
      return false;
    }
    const outcome = await this.deps.erasure.erase({
      tenantId,
      userId,
      session: unit.session,
      teamIds: unit.session.doc.teamIds ?? [],
      request,
    });
    return this.tell(context, outcome);
  }

  private async tell(context: TurnContext, outcome: ErasureOutcome): Promise<boolean> {
    const gone = outcome.status !== 'not done';
    // The session was erased (or is being erased by the first delivery): writing it back would recreate it.
    if (gone) turnUnitOf(context).sessionDeleted = true;
    await context.sendActivity(erasureReply(outcome));
    return gone;
  }
}
