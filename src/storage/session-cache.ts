/** A person as last read or written here, and the sessions of theirs known to be current at that version. */
interface PersonEntry {
  personJson: string;
  /** Undefined while the person document is not stored yet. */
  etag?: string;
  /** Conversation session JSON by session id. */
  sessions: Map<string, string>;
}

export interface CachedTurnState {
  personJson: string;
  etag?: string;
  sessionJson: string;
}

const PERSON_LIMIT = 5_000;
const SESSIONS_PER_PERSON = 20;

/**
 * The read-through cache of SessionStore, keyed by the person's version (ETag). Every stored session write also
 * rewrites the person document, so a session cached with one version is current as long as the person is still at
 * that version, or moved on only through this cache's own writes of other sessions. A stale entry does no harm: the
 * write is conditional on the version, fails, and the turn runs again on a fresh read.
 */
export class SessionCache {
  private readonly persons = new Map<string, PersonEntry>();

  get(personKey: string, sessionId: string): CachedTurnState | undefined {
    const entry = this.persons.get(personKey);
    const sessionJson = entry?.sessions.get(sessionId);
    if (!entry || sessionJson === undefined) return undefined;
    return { personJson: entry.personJson, etag: entry.etag, sessionJson };
  }

  /** After a read from Cosmos: the person at `etag` and this session, current together. */
  read(personKey: string, state: CachedTurnState, sessionId: string): void {
    this.put(personKey, state, sessionId, this.persons.get(personKey)?.etag === state.etag);
  }

  /** After a write conditional on `basedOn` succeeded: sessions current at `basedOn` are still current. */
  written(personKey: string, basedOn: string | undefined, state: CachedTurnState, sessionId: string): void {
    const entry = this.persons.get(personKey);
    this.put(personKey, state, sessionId, entry !== undefined && entry.etag === basedOn);
  }

  forget(personKey: string): void {
    this.persons.delete(personKey);
  }

  clear(): void {
    this.persons.clear();
  }

  private put(personKey: string, state: CachedTurnState, sessionId: string, keepOthers: boolean): void {
    const previous = this.persons.get(personKey);
    const sessions = keepOthers && previous ? previous.sessions : new Map<string, string>();
    sessions.delete(sessionId);
    sessions.set(sessionId, state.sessionJson);
    if (sessions.size > SESSIONS_PER_PERSON) sessions.delete(sessions.keys().next().value as string);
    this.persons.delete(personKey);
    this.persons.set(personKey, { personJson: state.personJson, etag: state.etag, sessions });
    if (this.persons.size > PERSON_LIMIT) this.persons.delete(this.persons.keys().next().value as string);
  }
}
