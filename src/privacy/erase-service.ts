import { randomUUID } from 'node:crypto';
import type { Counters } from '../aggregation/contributions';
import { erasureChanges } from '../aggregation/aggregate-changes';
import type { AuditTrail } from '../audit/audit-trail';
import type { ContentIndex } from '../content/content-index';
import type { Logger } from '../logging/logger';
import { type ActivityClaims, type AggregateStore, SessionConflictError } from '../storage/ports';
import type { OwedChanges } from '../aggregation/owed-changes';
import type { Session, StoredAnswer } from '../storage/user-docs';
import { notApplied, turnRetryBudget, withBoundedRetry, type RetryBudget } from '../storage/bounded-retry';
import type { PulseAndDigestData } from './pulse-and-digest-data';

/** What stays behind when taking someone out of the summaries fails: `rebuild summary` removes both. */
export type Leftover = 'summary figures' | 'example statements';

/** What "delete my data" came to; stored with the claim, so a redelivered confirmation is answered the same way. */
export type ErasureOutcome =
  | { status: 'done'; answers: number; pulseResponses: number; digest: boolean; leftovers: Leftover[] }
  /** Stopped before `part` was removed (what came before it may be gone); the person can simply ask again. */
  | { status: 'not done'; part: 'answers' | 'pulse answers' }
  /** Another delivery of the same confirmation is deleting right now. */
  | { status: 'in progress' };

export interface EraseRequest {
  tenantId: string;
  userId: string;
  /** The turn's session: the erase goes ahead only if nobody changed it since it was read. */
  session: Session;
  /** The teams the person's answers count towards. */
  teamIds: readonly string[];
  /** The confirmation message (conversation and activity id); absent when the channel sent no id. */
  request?: readonly string[];
}

export interface EraseDeps {
  index: ContentIndex;
  sessions: { eraseUser(session: Session): Promise<StoredAnswer[]> };
  aggregates: Pick<AggregateStore, 'apply'>;
  pulseAndDigestData: Pick<PulseAndDigestData, 'erase'>;
  claims: ActivityClaims;
  audit: AuditTrail;
  logger: Logger;
  clock: () => Date;
  /** Retries of one erase (tests pass a shorter one). */
  retryBudget?: () => RetryBudget;
  /**
   * Whether the counters hold the changes the person's stored answers still owe (after writing this instance's): the
   * erasure takes out what is in, so it waits until they are.
   */
  counters?: { owedHeld(tenantId: string, owed: readonly OwedChanges[]): Promise<boolean> };
}

/** AggregateStore.apply patches ten operations at once, one of them the pending mark: no more makes it one patch, so a retry repeats nothing. */
const COUNTERS_PER_PATCH = 9;
/** Teams re-sends a message left unanswered for about 15 s; retries stop well before that. */
const ERASE_WITHIN_MS = 8_000;

/**
 * "Delete my data", botbuilder-free: removes the person's pulse answers and digest, their answers, sessions and
 * membership, then their share of every counter and example statement of the organisation and their teams, retrying
 * what fails for a moment, and only then says what it came to. What could not be removed is logged and recorded for
 * the admins (no id of the person, no answer text). Each confirmation is carried out once, however often it arrives.
 */
export class EraseService {
  constructor(private readonly deps: EraseDeps) {}

  /** The outcome of an erase this confirmation already started, if it did (a redelivery). */
  async earlier(tenantId: string, userId: string, request: readonly string[]): Promise<ErasureOutcome | undefined> {
    const claim = await this.deps.claims.find<ErasureOutcome>(tenantId, claimKey(userId, request));
    return claim && (claim.outcome ?? { status: 'in progress' });
  }

  async erase(request: EraseRequest): Promise<ErasureOutcome> {
    const { tenantId, userId } = request;
    const key = claimKey(userId, request.request ?? [randomUUID()]);
    const claim = await this.deps.claims.claim<ErasureOutcome>(tenantId, key, this.deps.clock());
    if (!claim.first) return claim.outcome ?? { status: 'in progress' };
    let outcome: ErasureOutcome;
    try {
      outcome = await this.run(request);
    } catch (error) {
      // Typically someone changed the session meanwhile: nothing of the partition was removed, and the turn runs
      // again afresh, as a first delivery.
      await this.deps.claims.release(tenantId, key).catch(() => undefined);
      throw error;
    }
    await this.deps.claims.settle(tenantId, key, outcome).catch((error: unknown) => {
      this.deps.logger.warn('erase.claim-unsettled', { tenantId, error: (error as Error).name });
    });
    return outcome;
  }

  private async run(request: EraseRequest): Promise<ErasureOutcome> {
    const { tenantId, userId, session } = request;
    const budget = (this.deps.retryBudget ?? (() => turnRetryBudget(ERASE_WITHIN_MS)))();
    // Counters still owed for their answers would be taken out before they are in (or come back after): not yet.
    if (this.deps.counters && !(await this.deps.counters.owedHeld(tenantId, session.owed ?? []))) {
      this.deps.logger.warn('erase.counters-owed', { tenantId });
      return { status: 'not done', part: 'answers' };
    }
    // Outside the person's partition first: while their answers are still there, asking again redoes all of it.
    let other;
    try {
      other = await withBoundedRetry(
        () => this.deps.pulseAndDigestData.erase(tenantId, userId),
        budget,
        () => true,
      );
    } catch (error) {
      return this.failed(tenantId, 'pulse answers', error);
    }
    let answers: StoredAnswer[];
    try {
      // The SDK reports a failed batch without its status; a repeat is safe, as the batch needs the session unchanged.
      answers = await withBoundedRetry(
        () => this.deps.sessions.eraseUser(session),
        budget,
        (error) => !(error instanceof SessionConflictError),
      );
    } catch (error) {
      if (error instanceof SessionConflictError) throw error;
      return this.failed(tenantId, 'answers', error);
    }
    const leftovers = await this.takeOutOfSummaries(tenantId, userId, answers, request, budget);
    if (leftovers.length > 0) {
      this.deps.logger.error('erase.incomplete', { tenantId, parts: leftovers.join(', ') });
      await this.deps.audit.record(tenantId, { action: 'data.erase-incomplete', detail: leftovers.join(' and ') });
    }
    return {
      status: 'done',
      answers: answers.length,
      pulseResponses: other.pulseResponses,
      digest: other.digest,
      leftovers,
    };
  }

  /** Empties the person's example statements, then takes their answers out of the counters; returns what is left. */
  private async takeOutOfSummaries(
    tenantId: string,
    userId: string,
    answers: readonly StoredAnswer[],
    { teamIds, session }: Pick<EraseRequest, 'teamIds' | 'session'>,
    budget: RetryBudget,
  ): Promise<Leftover[]> {
    const leftovers = new Set<Leftover>();
    const attempt = async (what: Leftover, write: () => Promise<void>, retryable: (error: unknown) => boolean) => {
      if (budget.now() > budget.deadline) return void leftovers.add(what);
      await withBoundedRetry(write, budget, retryable).catch(() => leftovers.add(what));
    };
    const changes = erasureChanges(this.deps.index, userId, answers, teamIds, session.doc.path);
    // Emptying a slot is conditional on it holding this person's statement, so repeating it is always safe.
    for (const { questionId, teamId, quoteRemovals } of changes)
      if (quoteRemovals.length > 0)
        await attempt(
          'example statements',
          () =>
            this.deps.aggregates.apply(tenantId, userId, {
              questionId,
              ...(teamId === undefined ? {} : { teamId }),
              delta: {},
              quoteSets: [],
              quoteRemovals,
            }),
          () => true,
        );
    for (const { questionId, teamId, delta } of changes)
      for (const part of slices(delta, COUNTERS_PER_PATCH))
        await attempt(
          'summary figures',
          () =>
            this.deps.aggregates.apply(tenantId, userId, {
              questionId,
              ...(teamId === undefined ? {} : { teamId }),
              delta: part,
              quoteSets: [],
              quoteRemovals: [],
            }),
          notApplied,
        );
    return [...leftovers].sort();
  }

  private async failed(tenantId: string, part: 'answers' | 'pulse answers', error: unknown): Promise<ErasureOutcome> {
    this.deps.logger.error('erase.failed', { tenantId, part, error: (error as Error).name });
    await this.deps.audit.record(tenantId, { action: 'data.erase-failed', detail: part });
    return { status: 'not done', part };
  }
}

/** The claim of one confirmation by one person (their id only inside a hash). */
function claimKey(userId: string, request: readonly string[]): string[] {
  return ['erase', userId, ...request];
}

/** Splits counter changes into parts of at most `size` counters. */
function slices(delta: Counters, size: number): Counters[] {
  const entries = Object.entries(delta);
  const parts: Counters[] = [];
  for (let start = 0; start < entries.length; start += size)
    parts.push(Object.fromEntries(entries.slice(start, start + size)));
  return parts;
}
