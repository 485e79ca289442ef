import type { JSONObject, OperationInput } from '@azure/cosmos';
import type { RawAnswer } from '../aggregation/recompute';
import type { AnswerMap } from '../domain/answers';
import type { Role } from '../domain/roles';
import type { StoredAnswer } from './answer-store';

/**
 * What is the same in every conversation of one person, kept once in their partition: a copy of their answers for
 * the dialogs (the answer documents are the record, written in the same batch), the role each answer is counted
 * under, and the teams the answers count towards. Every write of one of their sessions rewrites it conditionally, so
 * its ETag is the person's version: two turns that read the same version cannot both be stored.
 */
export interface PersonDoc {
  id: string;
  type: 'person';
  tenantId: string;
  userId: string;
  answers: AnswerMap;
  /** The role each answer is counted under in the aggregates, so an edit takes it out of the right group. */
  answerRoles: Record<string, Role>;
  /** Teams whose summaries this person's answers count towards (see TeamMembership). */
  teamIds: string[];
  updatedAt: string;
}

/** The person-level fields, as the dialogs see them on the session. */
export type PersonState = Pick<PersonDoc, 'answers' | 'answerRoles' | 'teamIds'>;

export const PERSON_FIELDS = ['answers', 'answerRoles', 'teamIds'] as const;

export function personId(userId: string): string {
  return `person|${userId}`;
}

/** The person-level part of a session as the dialogs left it (see SessionDoc). */
export function personOf(
  session: Pick<PersonDoc, 'tenantId' | 'userId' | 'updatedAt' | 'answers'> & Partial<PersonState>,
): PersonDoc {
  const { tenantId, userId, answers, answerRoles = {}, teamIds = [], updatedAt } = session;
  return { id: personId(userId), type: 'person', tenantId, userId, answers, answerRoles, teamIds, updatedAt };
}

/** The person as their answer documents and membership say (a new person, or data stored before this document). */
export function personFromRecords(
  tenantId: string,
  userId: string,
  answers: readonly StoredAnswer[],
  teamIds: readonly string[],
): PersonDoc {
  return {
    id: personId(userId),
    type: 'person',
    tenantId,
    userId,
    answers: Object.fromEntries(answers.map((answer) => [answer.questionId, answer.value])),
    answerRoles: Object.fromEntries(answers.map((answer) => [answer.questionId, answer.role])),
    teamIds: [...teamIds],
    updatedAt: new Date(0).toISOString(),
  };
}

/**
 * The batch operation that stores the person, conditional on the version read: a Create when it was never stored (a
 * concurrent first write makes it fail with 409), otherwise a Replace if the ETag still matches (412 otherwise).
 */
export function personWrite(doc: PersonDoc, etag: string | undefined): OperationInput {
  const partitionKey = [doc.tenantId, doc.userId];
  return etag
    ? { operationType: 'Replace', id: doc.id, resourceBody: doc as unknown as JSONObject, ifMatch: etag, partitionKey }
    : { operationType: 'Create', resourceBody: doc as unknown as JSONObject, partitionKey };
}

/** The person's answers in the shape a recomputation of counters takes. */
export function rawAnswers(person: Pick<PersonDoc, 'userId'> & Partial<PersonState>): RawAnswer[] {
  return Object.entries(person.answers ?? {}).map(([questionId, value]) => ({
    userId: person.userId,
    questionId,
    value,
    role: person.answerRoles?.[questionId] ?? 'employee',
  }));
}
