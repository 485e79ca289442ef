import type { QuestionDelta } from '../aggregation/person-counters';
import type { ScopedQuoteChanges } from '../aggregation/quotes';
import type { Role } from '../domain/roles';
import type { AnswerWrite } from '../storage/answer-store';
import type { Session } from '../storage/session-store';

/** Who is speaking, taken from the activity (never from card data). */
export interface Speaker {
  tenantId: string;
  userId: string;
  role: Role;
}

/**
 * The work of one turn: the session it loaded, the answers given and the aggregate changes they cause. When the
 * turn ends, the session and the answers are written together in one transactional batch, then the aggregates.
 */
export class TurnUnit {
  readonly pendingDeltas: QuestionDelta[] = [];
  /** Changes to the example statements kept for the leadership card, applied with the counters. */
  readonly pendingQuotes: ScopedQuoteChanges[] = [];
  /** Answer changes, stored with the session in one batch when the turn ends. */
  readonly pendingAnswers: AnswerWrite[] = [];
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
