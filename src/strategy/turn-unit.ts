import type { Counters } from '../aggregation/contributions';
import type { Role } from '../domain/roles';
import type { Session } from '../storage/session-store';

/** Who is speaking, taken from the activity (never from card data). */
export interface Speaker {
  tenantId: string;
  userId: string;
  role: Role;
}

/**
 * The work of one turn: the session it loaded and the aggregate changes it owes. Answers are written the
 * moment they are given; the session and then the aggregates are written once, when the turn ends.
 */
export class TurnUnit {
  readonly pendingDeltas: Array<{ questionId: string; delta: Counters }> = [];
  /** The user deleted their data this turn: the session must not be written back. */
  sessionDeleted = false;

  constructor(
    readonly speaker: Speaker,
    readonly session: Session,
  ) {}
}

/** A submit looked stale against a cached session; the turn is run again on a fresh read before saying so. */
export class StaleSessionSuspected extends Error {
  override name = 'StaleSessionSuspected';
}
