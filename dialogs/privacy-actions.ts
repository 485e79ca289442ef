import { MessageFactory, type TurnContext } from 'botbuilder';
import { counterDelta } from '../src/aggregation/contributions';
import { mergeDelta, personDeltas } from '../src/aggregation/person-counters';
import { quoteChanges } from '../src/aggregation/quotes';
import { myDataView } from '../src/strategy/summary-views';
import { newToken } from '../src/strategy/token';
import type { PulseAndDigestData } from '../src/privacy/pulse-and-digest-data';
import type { AggregateStore } from '../src/storage/aggregate-store';
import { isRecord } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { turnUnitOf } from './turn-state';

/** Teams drops very long messages; an export is sent in parts below this size. */
const EXPORT_PART_CHARS = 20_000;

/** "My data", export and "delete my data": what an employee can see and remove of what is stored about them. */
export class PrivacyActions {
  constructor(
    private readonly deps: DialogDeps & { aggregates: AggregateStore; pulseAndDigestData: PulseAndDigestData },
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
    const view = myDataView(this.deps.index, this.deps.pack, answers, latest ? new Date(latest).toUTCString() : '', {
      pulseResponses: other.pulseResponses.length,
      pulsesReceived: other.pulsesReceived,
      digest: other.digest?.frequency ?? '',
    });
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

  /** Handles the confirm card: deletes answers, sessions (with the conversation reference) and their share of the aggregates; true when it did. */
  async confirmDelete(context: TurnContext, value: unknown): Promise<boolean> {
    const unit = turnUnitOf(context);
    const expected = unit.session.doc.deleteToken;
    if (!isRecord(value) || !expected || value.token !== expected) {
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
    // Outside the person's partition first: this part can simply run again if the rest fails.
    const other = await this.deps.pulseAndDigestData.erase(unit.speaker.tenantId, unit.speaker.userId);
    const deleted = await this.deps.sessions.eraseUser(unit.session);
    const order = this.deps.index.allQuestions().map(({ question }) => question.id);
    const answered = Object.fromEntries(deleted.map((answer) => [answer.questionId, answer.role]));
    // Out of the organisation's counters and those of every team the person counted towards.
    for (const teamId of [undefined, ...(unit.session.doc.teamIds ?? [])]) {
      for (const answer of deleted) {
        const ref = this.deps.index.find(answer.questionId);
        const quotes = ref ? quoteChanges(ref.question, answer.userId, answer.value, undefined) : [];
        if (quotes.length > 0) unit.pendingQuotes.push({ questionId: answer.questionId, teamId, changes: quotes });
        if (ref)
          mergeDelta(
            unit.pendingDeltas,
            answer.questionId,
            counterDelta(ref.question, { value: answer.value, role: answer.role }, undefined),
            teamId,
          );
      }
      for (const change of personDeltas(order, answered, {}))
        mergeDelta(unit.pendingDeltas, change.questionId, change.delta, teamId);
    }
    unit.sessionDeleted = true;
    const pulseAnswers =
      other.pulseResponses > 0 ? `, ${other.pulseResponses} pulse answer${other.pulseResponses === 1 ? '' : 's'}` : '';
    const digest = other.digest ? ', your leadership digest' : '';
    await context.sendActivity(
      `Done. I deleted ${deleted.length} answer${deleted.length === 1 ? '' : 's'}${pulseAnswers}${digest}, your progress and the conversation details I kept. Type **start** if you ever want to begin again.`,
    );
    return true;
  }
}

function chunk(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}
