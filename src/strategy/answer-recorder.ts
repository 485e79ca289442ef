import { answerChanges } from '../aggregation/aggregate-changes';
import type { AnsweredRoles } from '../aggregation/person-counters';
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
    unit.pendingChanges.add(
      answerChanges({
        question: ref.question,
        userId,
        before: countedBefore,
        after: value ? { value, role } : undefined,
        order: this.order,
        answeredBefore,
        answeredAfter: answeredRoles(session.answers, session.answerRoles, role),
        teamIds: session.teamIds ?? [],
      }),
    );
  }
}

function answeredRoles(
  answers: Record<string, unknown>,
  roles: Record<string, Role> | undefined,
  fallback: Role,
): AnsweredRoles {
  return Object.fromEntries(Object.keys(answers).map((questionId) => [questionId, roles?.[questionId] ?? fallback]));
}
