import type { JSONObject, OperationInput } from '@azure/cosmos';
import { owedFields, type OwedChanges } from '../aggregation/owed-changes';
import type { RawAnswer } from '../aggregation/recompute';
import { personId, type PersonDoc, type PersonState, type StoredAnswer } from './user-docs';

/** The person-level part of a session as the dialogs left it (see SessionDoc), with the counter changes it owes. */
export function personOf(
  session: Pick<PersonDoc, 'tenantId' | 'userId' | 'updatedAt' | 'answers'> & Partial<PersonState>,
  owed: readonly OwedChanges[] = [],
): PersonDoc {
  const { tenantId, userId, answers, answerRoles = {}, teamIds = [], path, updatedAt } = session;
  const person: PersonDoc = {
    id: personId(userId),
    type: 'person',
    tenantId,
    userId,
    answers,
    answerRoles,
    teamIds,
    ...(path === undefined ? {} : { path }),
    updatedAt,
  };
  return { ...person, ...owedFields(owed) };
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
