import { PendingChanges } from '../aggregation/aggregate-changes';
import type { ReplyMessage } from '../cards/reply';
import type { Person } from '../domain/person';
import type { AnswerWrite, Session } from '../storage/user-docs';

/** A message a background job sends when it is done: text, cards, or both. */
export type OutgoingMessage = ReplyMessage;

/**
 * Work too long for a turn: Teams re-sends an activity it has not seen answered within about 15 s. The turn only
 * acknowledges it; the job runs once the turn has been stored and its result is sent to the conversation proactively.
 */
export interface BackgroundJob {
  /** For logs, e.g. "pulse.send". */
  name: string;
  run(): Promise<OutgoingMessage[]>;
}

/** Applies aggregate changes at once, each failed document logged for the rebuild rather than failing the turn. */
export type ApplyChanges = (changes: PendingChanges) => Promise<void>;

/**
 * The work of one turn: the session it loaded, the answers given and the aggregate changes they cause. When the
 * turn ends, the session and the answers are written together in one transactional batch, then the aggregates.
 */
export class TurnUnit {
  /** Counter and example-statement changes, applied once the answers are stored. */
  readonly pendingChanges = new PendingChanges();
  /** Answer changes, stored with the session in one batch when the turn ends. */
  readonly pendingAnswers: AnswerWrite[] = [];
  /** Started after the turn is stored and its replies are sent (see BackgroundJob). */
  readonly backgroundJobs: BackgroundJob[] = [];
  /** The user's data was deleted (this turn, or by the delivery this turn repeats): the session must not be written back. */
  sessionDeleted = false;

  constructor(
    readonly speaker: Person,
    readonly session: Session,
    /** For changes whose cause is stored already (a team join), so they count before the turn's replies are made. */
    readonly applyNow: ApplyChanges,
  ) {}
}

/** A submit looked stale against a cached session; the turn is run again on a fresh read before saying so. */
export class StaleSessionSuspected extends Error {
  override name = 'StaleSessionSuspected';
}
