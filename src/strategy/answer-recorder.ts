import { counterDelta } from '../aggregation/contributions';
import type { QuestionRef } from '../content/content-index';
import type { ContentPack } from '../content/types';
import type { AnswerValue } from '../domain/answers';
import { answerDocument } from '../storage/answer-store';
import type { TurnUnit } from './turn-unit';

/** Records answers on the turn: the answer document to write with the session, and the aggregate change it causes. */
export class AnswerRecorder {
  constructor(
    private readonly pack: ContentPack,
    private readonly clock: () => Date,
  ) {}

  /** Makes `value` the user's answer to `ref` (undefined clears it); the same answer again changes nothing. */
  record(unit: TurnUnit, ref: QuestionRef, value: AnswerValue | undefined): void {
    const { tenantId, userId, role } = unit.speaker;
    const session = unit.session.doc;
    const questionId = ref.question.id;
    const before = session.answers[questionId];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    if (value) {
      const answer = answerDocument({
        tenantId,
        userId,
        questionId,
        sectionId: ref.section.id,
        packId: this.pack.id,
        packVersion: this.pack.version,
        role,
        value,
        answeredAt: this.clock().toISOString(),
      });
      unit.pendingAnswers.push({ op: 'upsert', answer });
      session.answers[questionId] = value;
      session.answerRoles = { ...session.answerRoles, [questionId]: role };
    } else {
      unit.pendingAnswers.push({ op: 'delete', tenantId, userId, questionId });
      delete session.answers[questionId];
      delete session.answerRoles?.[questionId];
    }
    const countedBefore = before ? { value: before, role: session.answerRoles?.[questionId] ?? role } : undefined;
    const delta = counterDelta(ref.question, countedBefore, value ? { value, role } : undefined);
    if (Object.keys(delta).length > 0) unit.pendingDeltas.push({ questionId, delta });
  }
}
