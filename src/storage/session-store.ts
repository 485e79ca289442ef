import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { OwedChanges } from '../aggregation/owed-changes';
import { personFromRecords, personOf, personWrite } from './person-doc';
import { SessionConflictError, type SessionStore } from './ports';
import { SessionCache, type CachedTurnState } from './session-cache';
import { withoutSystemFields } from './system-fields';
import {
  answerId,
  PERSON_FIELDS,
  personId,
  sessionId,
  type AnswerWrite,
  type ConversationSessionDoc,
  type MembershipDoc,
  type OwedWrite,
  type PersonDoc,
  type Session,
  type SessionDoc,
  type StoredAnswer,
} from './user-docs';

const BATCH_LIMIT = 100;

/**
 * Sessions in Cosmos with optimistic concurrency: one per conversation (dialog state), and one person document per
 * user (answers, roles, teams), written together in one transactional batch of the user's partition, conditional on
 * the person's version. A read-through cache keyed by that version saves the reads on most turns; a stale entry
 * cannot do harm because every write is conditional on the version it read.
 */
export class CosmosSessionStore implements SessionStore {
  private readonly cache = new SessionCache();

  constructor(private readonly container: Container) {}

  /**
   * Loads the session of this conversation with the person's answers and teams. A person without a person document
   * (new, or stored before it existed) starts from their answer documents and membership. `fresh` skips the cache
   * (after a conflict).
   */
  async load(tenantId: string, userId: string, conversationId: string, fresh = false): Promise<Session> {
    const id = sessionId(userId, conversationId);
    const key = personKey(tenantId, userId);
    const cached = fresh ? undefined : this.cache.get(key, id);
    if (cached) return compose(cached, true);
    const stored = await this.readPersonAndSession(tenantId, userId, id);
    const person = stored.person ?? (await this.personFromRecords(tenantId, userId));
    const state = {
      personJson: JSON.stringify(withoutSystemFields(person)),
      etag: stored.person?._etag,
      sessionJson: JSON.stringify(
        stored.session ? conversationPart(stored.session) : newSession(id, tenantId, userId, conversationId),
      ),
    };
    this.cache.read(key, state, id);
    return compose(state, false);
  }

  /**
   * The session of someone with nothing stored yet, without reading (a bulk import, such as the local demo): saving it
   * creates their person document, and fails with SessionConflictError if they have one after all.
   */
  static forNewPerson(tenantId: string, userId: string, conversationId: string): Session {
    const id = sessionId(userId, conversationId);
    return compose(
      {
        personJson: JSON.stringify(personFromRecords(tenantId, userId, [], [])),
        sessionJson: JSON.stringify(newSession(id, tenantId, userId, conversationId)),
      },
      false,
    );
  }

  /** The person and this conversation's session: two point reads at once (a query would cost a query plan too). */
  private async readPersonAndSession(
    tenantId: string,
    userId: string,
    id: string,
  ): Promise<{ person?: PersonDoc & { _etag?: string }; session?: SessionDoc }> {
    const partitionKey = [tenantId, userId];
    const [person, session] = await Promise.all([
      this.container.item(personId(userId), partitionKey).read<PersonDoc>(),
      this.container.item(id, partitionKey).read<SessionDoc>(),
    ]);
    return { person: person.resource, session: session.resource };
  }

  /** A person's stored answers and team memberships, in one query of their partition (for a new person document). */
  private async personFromRecords(tenantId: string, userId: string): Promise<PersonDoc> {
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
    const answers = docs.filter((doc): doc is StoredAnswer => doc.type === 'answer');
    const teamIds = docs.find((doc): doc is MembershipDoc => doc.type === 'membership')?.teamIds ?? [];
    return personFromRecords(tenantId, userId, answers, teamIds);
  }

  /**
   * Writes the person (with the counter changes it owes, less those applied), the session and the answer changes of
   * its turn in one transactional batch: all or nothing, and only if nobody stored a turn of this person since it was
   * loaded (SessionConflictError otherwise).
   */
  async save(session: Session, now: Date, answerWrites: readonly AnswerWrite[] = [], owed?: OwedWrite): Promise<void> {
    const updatedAt = now.toISOString();
    const { tenantId, userId, id } = session.doc;
    const partitionKey = [tenantId, userId];
    const stillOwed = (session.owed ?? []).filter((entry) => !owed?.settled(entry));
    const person = personOf({ ...session.doc, updatedAt }, owed?.add ? [...stillOwed, owed.add] : stillOwed);
    const conversation: ConversationSessionDoc = { ...conversationPart(session.doc), updatedAt };
    // The person goes first and carries the only condition: when it fails nothing after it is applied, even on
    // servers without rollback, and when it holds nobody else can have written this person's documents.
    const operations: OperationInput[] = [
      personWrite(person, session.personEtag),
      { operationType: 'Upsert', resourceBody: asJson(conversation), partitionKey },
      ...answerWrites.map((write) => answerOperation(write, partitionKey)),
    ];
    const response = await this.container.items.batch(operations, partitionKey);
    const results = response.result ?? [];
    const failed =
      results.find((result) => result.statusCode >= 400 && result.statusCode !== 424) ??
      (response.code && response.code >= 400 ? { statusCode: response.code } : undefined);
    const key = personKey(tenantId, userId);
    if (failed) {
      this.cache.forget(key);
      // A 404 on the person: deleted meanwhile ("delete my data" elsewhere); the retry starts afresh.
      if (failed.statusCode === 412 || failed.statusCode === 409 || failed.statusCode === 404)
        throw new SessionConflictError(`session ${id} changed concurrently`);
      throw Object.assign(new Error(`session batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    }
    const basedOn = session.personEtag;
    const state = {
      personJson: JSON.stringify(person),
      etag: results[0]?.eTag,
      sessionJson: JSON.stringify(conversation),
    };
    // The turn's document is what was stored; only the version, the owed changes and the snapshot move on.
    session.doc.updatedAt = updatedAt;
    session.personEtag = state.etag;
    session.owed = person.owed;
    session.snapshot = lazySnapshot(state);
    this.cache.written(key, basedOn, state, id);
  }

  async wasStored(tenantId: string, userId: string, personEtag: string | undefined, owed: OwedChanges) {
    const item = this.container.item(personId(userId), [tenantId, userId]);
    for (let attempt = 1; ; attempt++) {
      const { resource } = await item.read<PersonDoc & { _etag?: string }>();
      if (resource?.owed?.some((entry) => entry.by === owed.by && entry.seq === owed.seq)) return true;
      if (resource && resource._etag !== personEtag) return false;
      // Unchanged since the batch read it: a write of our own moves the version, so the batch can never land.
      try {
        if (resource)
          await item.patch([{ op: 'set', path: '/updatedAt', value: resource.updatedAt }], {
            accessCondition: { type: 'IfMatch', condition: personEtag ?? '' },
          });
        else await this.container.items.create(personFromRecords(tenantId, userId, [], []));
        this.cache.forget(personKey(tenantId, userId));
        return false;
      } catch (error) {
        const code = (error as { code?: number }).code;
        // It changed meanwhile (perhaps the batch landed): look again.
        if ((code !== 412 && code !== 409) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * "Delete my data": removes every document in the user's partition (answers, the person document, membership and
   * the sessions of all their conversations), the first batch conditional on the person being unchanged since this
   * turn read it. Returns the answers removed, so their share of the aggregates can be taken out.
   */
  async eraseUser(session: Session): Promise<StoredAnswer[]> {
    const { tenantId, userId } = session.doc;
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
    // Batch deletes take no condition, so an unchanged write of the person carries the version check.
    const guard: OperationInput[] = session.personEtag
      ? [personWrite(personOf(JSON.parse(session.snapshot()) as SessionDoc), session.personEtag)]
      : [];
    // Sessions last: the answers and the person go in the first batch, so a concurrent turn sees all or none of them.
    const ordered = [...resources].sort((a, b) => Number(a.type === 'session') - Number(b.type === 'session'));
    const operations: OperationInput[] = [
      ...guard,
      ...ordered.map((doc): OperationInput => ({ operationType: 'Delete', id: doc.id, partitionKey })),
    ];
    this.cache.forget(personKey(tenantId, userId));
    // A transactional batch holds at most 100 operations; a person with many conversations needs several.
    for (let start = 0; start < operations.length; start += BATCH_LIMIT) {
      const response = await this.container.items.batch(operations.slice(start, start + BATCH_LIMIT), partitionKey);
      const failed = (response.result ?? []).find((result) => result.statusCode >= 400 && result.statusCode !== 424);
      if (failed?.statusCode === 412 || (failed?.statusCode === 404 && start === 0))
        throw new SessionConflictError(`person ${userId} changed concurrently`);
      if (failed)
        throw Object.assign(new Error(`erase batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    }
    return answers;
  }

  /** Forgets cached copies, as a restarted process would. */
  clearCache(): void {
    this.cache.clear();
  }
}

function personKey(tenantId: string, userId: string): string {
  return `${tenantId}|${userId}`;
}

/** The session as the dialogs see it, from the stored (or cached) JSON of the person and the conversation. */
function compose(state: CachedTurnState, fromCache: boolean | undefined): Session {
  const { person, doc } = parsed(state);
  return {
    doc,
    personEtag: state.etag,
    ...(fromCache ? { fromCache } : {}),
    snapshot: lazySnapshot(state),
    ...(person.owed ? { owed: person.owed } : {}),
  };
}

/** Only a turn that stores no answer asks for it (to tell whether it changed anything), so it is made only then. */
function lazySnapshot(state: CachedTurnState): () => string {
  let snapshot: string | undefined;
  return () => (snapshot ??= JSON.stringify(parsed(state).doc));
}

function parsed(state: CachedTurnState): { person: PersonDoc; doc: SessionDoc } {
  const person = JSON.parse(state.personJson) as PersonDoc;
  const doc: SessionDoc = {
    ...(JSON.parse(state.sessionJson) as ConversationSessionDoc),
    answers: person.answers,
    answerRoles: person.answerRoles,
    teamIds: person.teamIds,
    ...(person.path === undefined ? {} : { path: person.path }),
  };
  return { person, doc };
}

/** The session without the person's fields (sessions stored before the person document carried a copy of them). */
function conversationPart(doc: SessionDoc): ConversationSessionDoc {
  const conversation: Partial<SessionDoc> = withoutSystemFields({ ...doc });
  for (const field of PERSON_FIELDS) delete conversation[field];
  return conversation as ConversationSessionDoc;
}

function newSession(id: string, tenantId: string, userId: string, conversationId: string): ConversationSessionDoc {
  return {
    id,
    type: 'session',
    tenantId,
    userId,
    conversationId,
    dialogState: {},
    welcomed: false,
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
