import { answerChanges, personChanges } from '../aggregation/aggregate-changes';
import type { AnsweredRoles, PersonProgress } from '../aggregation/person-counters';
import type { ContentIndex, QuestionRef } from '../content/content-index';
import type { AnswerValue } from '../domain/answers';
import type { Role } from '../domain/roles';
import { answerDocument, type SessionDoc } from '../storage/user-docs';
import { pathOfPerson } from './person-path';
import type { TurnUnit } from './turn-unit';

/**
 * Records answers and path choices on the turn: the answer document to write with the session, and the aggregate
 * change it causes.
 */
export class AnswerRecorder {
  constructor(
    private readonly index: ContentIndex,
    private readonly clock: () => Date,
  ) {}

  /** Makes `value` the user's answer to `ref` (undefined clears it); the same answer again changes nothing. */
  record(unit: TurnUnit, ref: QuestionRef, value: AnswerValue | undefined): void {
    const { tenantId, userId, role } = unit.speaker;
    const session = unit.session.doc;
    const questionId = ref.question.id;
    const before = session.answers[questionId];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    const personBefore = progressOf(session, role);
    // Recorded with the first answer (it changes no counter), so that it stays put when the person's group changes.
    session.path ??= pathOfPerson(this.index, session, role).id;
    // Read before the roles are updated: the old answer leaves the group it was counted in, not the current one.
    const countedBefore = before ? { value: before, role: personBefore.answered[questionId] } : undefined;
    if (value) {
      const { pack } = this.index;
      const answer = answerDocument({
        tenantId,
        userId,
        questionId,
        sectionId: ref.section.id,
        packId: pack.id,
        packVersion: pack.version,
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
        index: this.index,
        personBefore,
        personAfter: progressOf(session, role),
        teamIds: session.teamIds ?? [],
      }),
    );
  }

  /** Puts the user on another path of the pack; their answers are kept and counted against the new one. */
  choosePath(unit: TurnUnit, pathId: string): void {
    const session = unit.session.doc;
    if (session.path === pathId) return;
    const { role } = unit.speaker;
    const personBefore = progressOf(session, role);
    session.path = pathId;
    unit.pendingChanges.add(personChanges(this.index, personBefore, progressOf(session, role), session.teamIds ?? []));
  }
}

function progressOf(session: Pick<SessionDoc, 'answers' | 'answerRoles' | 'path'>, fallback: Role): PersonProgress {
  return { answered: answeredRoles(session.answers, session.answerRoles, fallback), path: session.path };
}

function answeredRoles(
  answers: Record<string, unknown>,
  roles: Record<string, Role> | undefined,
  fallback: Role,
): AnsweredRoles {
  return Object.fromEntries(Object.keys(answers).map((questionId) => [questionId, roles?.[questionId] ?? fallback]));
}
