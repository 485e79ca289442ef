import type { OwedChanges } from '../../aggregation/owed-changes';
import type { RawAnswer } from '../../aggregation/recompute';
import type { AnswerWrite, MembershipDoc, OwedWrite, Session, StoredAnswer } from '../user-docs';

/** Someone else (another instance or a concurrent turn) changed the session since it was read. */
export class SessionConflictError extends Error {
  override name = 'SessionConflictError';
}

/** A person's session of one conversation, with their answers and teams, written together and conditionally. */
export interface SessionStore {
  /** The session of this conversation with the person's answers and teams; `fresh` skips any cache. */
  load(tenantId: string, userId: string, conversationId: string, fresh?: boolean): Promise<Session>;
  /**
   * Stores the turn's session, answer changes and owed counter changes, all or nothing; SessionConflictError when
   * someone stored first.
   */
  save(session: Session, now: Date, answerWrites?: readonly AnswerWrite[], owed?: OwedWrite): Promise<void>;
  /**
   * After a batch whose outcome is unknown (it timed out): true when it was stored (the person document holds `owed`);
   * false once it is certain it never will be — the person document moved on from `personEtag`, or is made to, since
   * the batch is conditional on it.
   */
  wasStored(tenantId: string, userId: string, personEtag: string | undefined, owed: OwedChanges): Promise<boolean>;
  /** "Delete my data": everything of the person; returns the answers removed. SessionConflictError on a race. */
  eraseUser(session: Session): Promise<StoredAnswer[]>;
  /** Forgets cached copies, as a restarted process would. */
  clearCache(): void;
}

/** The teams a person's answers count towards. */
export interface TeamMembership {
  /**
   * Records that the person of this session counts towards `teamId`: the answers to add to the team's counters, or
   * undefined when they counted there already. SessionConflictError when the person changed meanwhile.
   */
  join(session: Session, teamId: string): Promise<RawAnswer[] | undefined>;
  /** Every membership in the tenant (for the rebuild). */
  listAll(tenantId: string): Promise<MembershipDoc[]>;
}
