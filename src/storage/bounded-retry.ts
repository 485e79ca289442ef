/** Cosmos answers that say a request was not applied: throttled (429, 449) or the service was unavailable (503). */
const NOT_APPLIED = new Set<unknown>([429, 449, 503, 'ECONNREFUSED']);

/** True when a failed Cosmos request certainly changed nothing, so sending it again cannot apply it twice. */
export function notApplied(error: unknown): boolean {
  return NOT_APPLIED.has((error as { code?: unknown }).code);
}

/** How many tries, the pause before each retry, and a time after which no retry starts. */
export interface RetryBudget {
  attempts: number;
  pausesMs: readonly number[];
  deadline: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** A budget for work a person waits for in a turn: 3 tries, 200 ms then 800 ms apart, no retry after `withinMs`. */
export function turnRetryBudget(withinMs: number, now: () => number = Date.now): RetryBudget {
  return {
    attempts: 3,
    pausesMs: [200, 800],
    deadline: now() + withinMs,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/**
 * Calls `call` until it succeeds, `retryable` says an error is final, the attempts run out or the next pause would
 * end past the deadline; then the last error is thrown.
 */
export async function withBoundedRetry<T>(
  call: () => Promise<T>,
  budget: RetryBudget,
  retryable: (error: unknown) => boolean = notApplied,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const pause = budget.pausesMs[Math.min(attempt - 1, budget.pausesMs.length - 1)] ?? 0;
      if (!retryable(error) || attempt >= budget.attempts || budget.now() + pause > budget.deadline) throw error;
      await budget.sleep(pause);
    }
  }
}
