import { counterDelta } from '../aggregation/contributions';
import { mergeDelta, personDeltas, type AnsweredRoles } from '../aggregation/person-counters';
import { quoteChanges } from '../aggregation/quotes';
import type { QuestionRef } from '../content/content-index';
import type { ContentPack } from '../content/types';
import type { AnswerValue } from '../domain/answers';
import type { Role } from '../domain/roles';
import { answerDocument } from '../storage/user-docs';
import type { TurnUnit } from './turn-unit';

/** Records answers on the turn: the answer document to write with the session, and the aggregate change it causes. */
export class AnswerRecorder {
  /** Question ids in questionnaire order, for the participation counters. */
  private readonly order: readonly string[];

  constructor(
    private readonly pack: ContentPack,
    private readonly clock: () => Date,
  ) {
    this.order = pack.sections.flatMap((section) =>
      section.considerations.flatMap((consideration) => consideration.questions.map((question) => question.id)),
    );
  }

  /** Makes `value` the user's answer to `ref` (undefined clears it); the same answer again changes nothing. */
  record(unit: TurnUnit, ref: QuestionRef, value: AnswerValue | undefined): void {
    const { tenantId, userId, role } = unit.speaker;
    const session = unit.session.doc;
    const questionId = ref.question.id;
    const before = session.answers[questionId];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    const answeredBefore = answeredRoles(session.answers, session.answerRoles, role);
    // Read before the roles are updated: the old answer leaves the group it was counted in, not the current one.
    const countedBefore = before ? { value: before, role: answeredBefore[questionId] } : undefined;
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
    const delta = counterDelta(ref.question, countedBefore, value ? { value, role } : undefined);
    const answeredAfter = answeredRoles(session.answers, session.answerRoles, role);
    const people = personDeltas(this.order, answeredBefore, answeredAfter);
    // The organisation's counters, and those of every team the person counts towards.
    const quotes = quoteChanges(ref.question, userId, before, value);
    for (const teamId of [undefined, ...(session.teamIds ?? [])]) {
      mergeDelta(unit.pendingDeltas, questionId, delta, teamId);
      if (quotes.length > 0) unit.pendingQuotes.push({ questionId, teamId, changes: quotes });
      for (const change of people) mergeDelta(unit.pendingDeltas, change.questionId, change.delta, teamId);
    }
  }
}

function answeredRoles(
  answers: Record<string, unknown>,
  roles: Record<string, Role> | undefined,
  fallback: Role,
): AnsweredRoles {
  return Object.fromEntries(Object.keys(answers).map((questionId) => [questionId, roles?.[questionId] ?? fallback]));
}
