import { counterDelta } from '../aggregation/contributions';
import type { QuestionRef } from '../content/content-index';
import type { ContentPack } from '../content/types';
import type { AnswerValue } from '../domain/answers';
import type { AnswerStore } from '../storage/answer-store';
import type { TurnUnit } from './turn-unit';

/** Records answers: writes the answer document at once and queues the aggregate change for the end of the turn. */
export class AnswerRecorder {
  constructor(
    private readonly answers: AnswerStore,
    private readonly pack: ContentPack,
    private readonly clock: () => Date,
  ) {}

  /** Stores `value` as the user's answer to `ref` (undefined clears it); a repeat of the same answer writes nothing. */
  async record(unit: TurnUnit, ref: QuestionRef, value: AnswerValue | undefined): Promise<void> {
    const { tenantId, userId, role } = unit.speaker;
    const session = unit.session.doc;
    const before = session.answers[ref.question.id];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    if (value) {
      await this.answers.save({
        tenantId,
        userId,
        questionId: ref.question.id,
        sectionId: ref.section.id,
        packId: this.pack.id,
        packVersion: this.pack.version,
        role,
        value,
        answeredAt: this.clock().toISOString(),
      });
      session.answers[ref.question.id] = value;
    } else {
      await this.answers.remove(tenantId, userId, ref.question.id);
      delete session.answers[ref.question.id];
    }
    const delta = counterDelta(ref.question, role, before, value);
    if (Object.keys(delta).length > 0) unit.pendingDeltas.push({ questionId: ref.question.id, delta });
  }
}
