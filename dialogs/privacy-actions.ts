import { MessageFactory, type TurnContext } from 'botbuilder';
import { formatInZone, timeZoneOrUtc } from '../src/domain/time-zones';
import { myDataView } from '../src/strategy/summary-views';
import { newToken } from '../src/strategy/token';
import type { PulseAndDigestData } from '../src/privacy/pulse-and-digest-data';
import type { EraseService, ErasureOutcome } from '../src/privacy/erase-service';
import { erasureReply } from '../src/privacy/erasure-replies';
import { isRecord } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from './turn-state';

/** Teams drops very long messages; an export is sent in parts below this size. */
const EXPORT_PART_CHARS = 20_000;

/** "My data", export and "delete my data": what an employee can see and remove of what is stored about them. */
export class PrivacyActions {
  constructor(
    private readonly deps: DialogDeps & { pulseAndDigestData: PulseAndDigestData; erasure: EraseService },
    private readonly clock: () => Date,
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

  /** Sends the stored answers as JSON in the chat. */
  async exportData(context: TurnContext): Promise<void> {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    const [stored, other] = await Promise.all([
      this.deps.answers.listForUser(tenantId, userId),
      this.deps.pulseAndDigestData.export(tenantId, userId),
    ]);
    const exported = {
      exportedAt: this.clock().toISOString(),
      pack: { id: this.deps.pack.id, version: this.deps.pack.version },
      answers: stored.map(({ questionId, sectionId, packId, packVersion, value, answeredAt }) => ({
        questionId,
        sectionId,
        packId,
        packVersion,
        value,
        answeredAt,
      })),
      ...other,
    };
    // \u escapes keep the JSON valid while making sure no answer can close the code block or form a mention.
    const json = JSON.stringify(exported, null, 2)
      .replace(/`/g, '\\u0060')
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e');
    const parts = chunk(json, EXPORT_PART_CHARS);
    for (const [i, part] of parts.entries()) {
      const heading = parts.length > 1 ? `Your data (part ${i + 1} of ${parts.length})` : 'Your data';
      await context.sendActivity(MessageFactory.text(`${heading}:\n\n\`\`\`json\n${part}\n\`\`\``));
    }
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

function chunk(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}
