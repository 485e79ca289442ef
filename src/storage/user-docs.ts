/**
 * The documents of the `users` container, one logical partition per person ([tenantId, userId]): an answer per
 * question, one person document, one membership document and a session per conversation. Types and ids only, so the
 * stores that write them and the features that read them share one module and no store imports another's.
 */
import { createHash } from 'node:crypto';
import type { OwedChanges } from '../aggregation/owed-changes';
import type { AnswerMap, AnswerValue } from '../domain/answers';
import type { Role } from '../domain/roles';

/** One answer document: a user's answer to one question, partitioned by tenant and user. */
export interface StoredAnswer {
  id: string;
  type: 'answer';
  tenantId: string;
  userId: string;
  questionId: string;
  sectionId: string;
  packId: string;
  packVersion: string;
  role: Role;
  value: AnswerValue;
  answeredAt: string;
}

/** The id is derived from user and question, so a redelivered or retried submit overwrites instead of duplicating. */
export function answerId(userId: string, questionId: string): string {
  return `answer|${userId}|${questionId}`;
}

/** A change to one answer, written in the same transactional batch as the session that records it. */
export type AnswerWrite =
  { op: 'upsert'; answer: StoredAnswer } | { op: 'delete'; tenantId: string; userId: string; questionId: string };

/** The answer document for a user's answer; its id makes a repeated write overwrite, never duplicate. */
export function answerDocument(answer: Omit<StoredAnswer, 'id' | 'type'>): StoredAnswer {
  return { ...answer, id: answerId(answer.userId, answer.questionId), type: 'answer' };
}

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
  /**
   * The content pack path they walk (a path id): recorded with their first answer or when they choose one. Their
   * progress and completion are counted against it.
   */
  path?: string;
  /** Counter changes of stored answers not yet known to be in the aggregates (see OwedChanges). */
  owed?: OwedChanges[];
  /** The instances they are owed by, and when the oldest was stored (epoch seconds): the sweep's queries. */
  owedBy?: string[];
  owedSince?: number;
  updatedAt: string;
}

/** The person-level fields, as the dialogs see them on the session. */
export type PersonState = Pick<PersonDoc, 'answers' | 'answerRoles' | 'teamIds' | 'path'>;

export const PERSON_FIELDS = ['answers', 'answerRoles', 'teamIds', 'path'] as const;

export function personId(userId: string): string {
  return `person|${userId}`;
}

/** The teams a person's answers count towards, in their own partition (deleted with "delete my data"). */
export interface MembershipDoc {
  id: string;
  type: 'membership';
  tenantId: string;
  userId: string;
  teamIds: string[];
}

/** Bot and dialog state of one user in one conversation, as stored: what belongs to this conversation only. */
export interface ConversationSessionDoc {
  id: string;
  type: 'session';
  tenantId: string;
  userId: string;
  conversationId: string;
  /** Serialized dialog stack, owned by the dialog layer; opaque JSON here. */
  dialogState: Record<string, unknown>;
  welcomed: boolean;
  /** Content pack id@version the dialog state was built with; a replaced pack closes the open question. */
  pack?: string;
  /** The question last put to the user, so "resume" returns to it even after a skip or a pause. */
  lastQuestionId?: string;
  /** Set when "delete my data" asks for confirmation; the confirm button must carry it. */
  deleteToken?: string;
  /** Ids of the last activities that changed this session, so a redelivered one is not processed twice. */
  handledActivityIds?: string[];
  /** Proactive messages (reminders, pulses) need it; opaque JSON here. */
  conversationReference?: Record<string, unknown>;
  updatedAt: string;
}

/**
 * What the dialogs see: the conversation's session with the person's answers and teams, composed at load from the
 * session and the person document (see PersonDoc) and split again when stored.
 */
export interface SessionDoc extends ConversationSessionDoc {
  /** The user's answers as the dialogs last saw them; the answers container is the record. */
  answers: AnswerMap;
  /** The role each answer is counted under in the aggregates, so an edit takes it out of the right group. */
  answerRoles?: Record<string, Role>;
  /** Teams whose summaries this person's answers count towards (see TeamMembership). */
  teamIds?: string[];
  /** The content pack path the person walks (see PersonDoc). */
  path?: string;
}

export interface Session {
  doc: SessionDoc;
  /** The person document's version as read; undefined while it is not stored yet. */
  personEtag?: string;
  /** Served from this instance's cache: another instance may have moved on since. */
  fromCache?: boolean;
  /**
   * The document as JSON when it was loaded, to tell whether the turn changed it before it is stored; made on demand.
   * After a save it is the stored documents' JSON, whose fields may come in another order.
   */
  snapshot: () => string;
  /** The person's owed counter changes as loaded (not for the dialogs: the store carries them over). */
  owed?: OwedChanges[];
}

/** A turn's owed changes for its batch: the new record, and which of those loaded are applied and may go. */
export interface OwedWrite {
  add?: OwedChanges;
  settled: (owed: OwedChanges) => boolean;
}

/** True when the turn changed the session since it was loaded. */
export function sessionChanged(session: Session): boolean {
  return JSON.stringify(session.doc) !== session.snapshot();
}

/** Conversation ids can be long and hold characters Cosmos ids may not, so they are hashed. */
export function sessionId(userId: string, conversationId: string): string {
  const conversationKey = createHash('sha256').update(conversationId).digest('base64url').slice(0, 22);
  return `session|${userId}|${conversationKey}`;
}
