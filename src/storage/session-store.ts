import { createHash } from 'node:crypto';
import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { AnswerMap } from '../domain/answers';
import type { Role } from '../domain/roles';
import { answerId, type AnswerWrite, type StoredAnswer } from './answer-store';
import { withoutSystemFields } from './system-fields';
import type { MembershipDoc } from './team-membership';

/** Bot and dialog state of one user in one conversation, plus a copy of their answers for the dialogs. */
export interface SessionDoc {
  id: string;
  type: 'session';
  tenantId: string;
  userId: string;
  conversationId: string;
  /** Serialized dialog stack, owned by the dialog layer; opaque JSON here. */
  dialogState: Record<string, unknown>;
  /** The user's answers as the dialogs last saw them; the answers container is the record. */
  answers: AnswerMap;
  /** The role each answer is counted under in the aggregates, so an edit takes it out of the right group. */
  answerRoles?: Record<string, Role>;
  welcomed: boolean;
  /** Content pack id@version the dialog state was built with; a replaced pack closes the open question. */
  pack?: string;
  /** The question last put to the user, so "resume" returns to it even after a skip or a pause. */
  lastQuestionId?: string;
  /** Set when "delete my data" asks for confirmation; the confirm button must carry it. */
  deleteToken?: string;
  /** Ids of the last activities that changed this session, so a redelivered one is not processed twice. */
  handledActivityIds?: string[];
  /** Teams whose summaries this person's answers count towards (see TeamMembership); the same on all their sessions. */
  teamIds?: string[];
  /** Proactive messages (reminders, pulses) need it; opaque JSON here. */
  conversationReference?: Record<string, unknown>;
  updatedAt: string;
}

export interface Session {
  doc: SessionDoc;
  /** Undefined for a session not yet stored. */
  etag?: string;
  /** Served from this instance's cache: another instance may have moved on since. */
  fromCache?: boolean;
  /** The document as JSON when it was loaded, to tell whether the turn changed it. */
  snapshot: string;
}

interface CachedSession {
  json: string;
  etag?: string;
}

/** Someone else (another instance or a concurrent turn) changed the session since it was read. */
export class SessionConflictError extends Error {
  override name = 'SessionConflictError';
}

const CACHE_LIMIT = 5_000;
const BATCH_LIMIT = 100;

/**
 * Sessions in Cosmos with optimistic concurrency. A read-through cache keyed by ETag saves the read on
 * most turns; a stale entry cannot do harm because every write is conditional on the ETag it read.
 */
export class SessionStore {
  private readonly cache = new Map<string, CachedSession>();

  constructor(private readonly container: Container) {}

  /**
   * Loads the session; a conversation without one starts from the user's stored answers (a second personal
   * conversation must not count them again). `fresh` skips the cache (after a conflict).
   */
  async load(tenantId: string, userId: string, conversationId: string, fresh = false): Promise<Session> {
    const id = sessionId(userId, conversationId);
    const cached = fresh ? undefined : this.cache.get(id);
    if (cached)
      return { doc: JSON.parse(cached.json) as SessionDoc, etag: cached.etag, fromCache: true, snapshot: cached.json };
    const { resource, etag } = await this.container.item(id, [tenantId, userId]).read<SessionDoc>();
    const doc = resource
      ? withoutSystemFields(resource)
      : newSession(id, tenantId, userId, conversationId, await this.storedState(tenantId, userId));
    const snapshot = JSON.stringify(doc);
    this.remember(id, { json: snapshot, etag: resource ? etag : undefined });
    return { doc, etag: resource ? etag : undefined, snapshot };
  }

  /** A person's stored answers and team memberships, in one query of their partition (for a new session). */
  private async storedState(tenantId: string, userId: string): Promise<StoredState> {
    const { resources } = await this.container.items
      .query<StoredAnswer | MembershipDoc>(
        {
          query:
            'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId AND (c.type = "answer" OR c.type = "membership")',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey: [tenantId, userId] },
      )
      .fetchAll();
    const docs = resources.map(withoutSystemFields);
    return {
      answers: docs.filter((doc): doc is StoredAnswer => doc.type === 'answer'),
      teamIds: docs.find((doc): doc is MembershipDoc => doc.type === 'membership')?.teamIds ?? [],
    };
  }

  /** True when the turn changed the session since it was loaded. */
  static changed(session: Session): boolean {
    return JSON.stringify(session.doc) !== session.snapshot;
  }

  /**
   * Writes the session, and the answer changes of its turn, in one transactional batch: all or nothing, and
   * only if nobody changed the session since it was loaded (SessionConflictError otherwise).
   */
  async save(session: Session, now: Date, answerWrites: readonly AnswerWrite[] = []): Promise<void> {
    const doc: SessionDoc = { ...session.doc, updatedAt: now.toISOString() };
    const { tenantId, userId, id } = doc;
    const partitionKey = [tenantId, userId];
    const sessionWrite: OperationInput = session.etag
      ? { operationType: 'Replace', id, resourceBody: asJson(doc), ifMatch: session.etag, partitionKey }
      : { operationType: 'Create', resourceBody: asJson(doc), partitionKey };
    // The session goes first: when its condition fails nothing after it is applied, even on servers without rollback.
    const operations: OperationInput[] = [
      sessionWrite,
      ...answerWrites.map((write) => answerOperation(write, partitionKey)),
    ];
    const response = await this.container.items.batch(operations, partitionKey);
    const results = response.result ?? [];
    const failed =
      results.find((result) => result.statusCode >= 400 && result.statusCode !== 424) ??
      (response.code && response.code >= 400 ? { statusCode: response.code } : undefined);
    if (failed) {
      this.cache.delete(id);
      // A 404 on the session itself: deleted meanwhile ("delete my data" elsewhere); the retry starts afresh.
      const sessionGone = failed.statusCode === 404 && results[0]?.statusCode === 404;
      if (failed.statusCode === 412 || failed.statusCode === 409 || sessionGone)
        throw new SessionConflictError(`session ${id} changed concurrently`);
      throw Object.assign(new Error(`session batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    }
    Object.assign(session, { doc, etag: results[0]?.eTag, snapshot: JSON.stringify(doc) });
    this.remember(id, { json: session.snapshot, etag: session.etag });
  }

  /**
   * "Delete my data": removes every document in the user's partition (answers and the sessions of all their
   * conversations) in one transactional batch that first checks this turn's session is unchanged. Returns the
   * answers removed, so their share of the aggregates can be taken out.
   */
  async eraseUser(session: Session): Promise<StoredAnswer[]> {
    const { tenantId, userId, id } = session.doc;
    const partitionKey = [tenantId, userId];
    const { resources } = await this.container.items
      .query<{ id: string; type: string }>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey },
      )
      .fetchAll();
    const answers = resources
      .filter((doc): doc is StoredAnswer & { id: string; type: 'answer' } => doc.type === 'answer')
      .map(withoutSystemFields);
    // Batch deletes take no condition, so an unchanged write of the session carries the ETag check.
    const guard: OperationInput[] = session.etag
      ? [{ operationType: 'Replace', id, resourceBody: asJson(session.doc), ifMatch: session.etag, partitionKey }]
      : [];
    const operations: OperationInput[] = [
      ...guard,
      ...resources.map((doc): OperationInput => ({ operationType: 'Delete', id: doc.id, partitionKey })),
    ];
    for (const doc of resources) this.cache.delete(doc.id);
    this.cache.delete(id);
    // A transactional batch holds at most 100 operations; a person has far fewer documents than that.
    for (let start = 0; start < operations.length; start += BATCH_LIMIT) {
      const response = await this.container.items.batch(operations.slice(start, start + BATCH_LIMIT), partitionKey);
      const failed = (response.result ?? []).find((result) => result.statusCode >= 400 && result.statusCode !== 424);
      if (failed?.statusCode === 412) throw new SessionConflictError(`session ${id} changed concurrently`);
      if (failed)
        throw Object.assign(new Error(`erase batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    }
    return answers;
  }

  /** Forgets cached copies, as a restarted process would. */
  clearCache(): void {
    this.cache.clear();
  }

  private remember(id: string, entry: CachedSession): void {
    this.cache.delete(id);
    this.cache.set(id, entry);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/** Conversation ids can be long and hold characters Cosmos ids may not, so they are hashed. */
export function sessionId(userId: string, conversationId: string): string {
  const conversationKey = createHash('sha256').update(conversationId).digest('base64url').slice(0, 22);
  return `session|${userId}|${conversationKey}`;
}

interface StoredState {
  answers: StoredAnswer[];
  teamIds: string[];
}

function newSession(
  id: string,
  tenantId: string,
  userId: string,
  conversationId: string,
  { answers: stored, teamIds }: StoredState,
): SessionDoc {
  return {
    id,
    type: 'session',
    tenantId,
    userId,
    conversationId,
    dialogState: {},
    answers: Object.fromEntries(stored.map((answer) => [answer.questionId, answer.value])),
    answerRoles: Object.fromEntries(stored.map((answer) => [answer.questionId, answer.role])),
    welcomed: false,
    ...(teamIds.length > 0 ? { teamIds } : {}),
    updatedAt: new Date(0).toISOString(),
  };
}

function answerOperation(write: AnswerWrite, partitionKey: string[]): OperationInput {
  return write.op === 'upsert'
    ? { operationType: 'Upsert', resourceBody: asJson(write.answer), partitionKey }
    : { operationType: 'Delete', id: answerId(write.userId, write.questionId), partitionKey };
}

/** Our documents are plain JSON already; the SDK's batch type just cannot see that through `unknown` fields. */
function asJson(doc: object): JSONObject {
  return doc as JSONObject;
}
