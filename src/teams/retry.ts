import { ChannelError, isRetriable } from './teams-channel';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time, up to `maxBackoffMs`, with jitter. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** When a 429 gives no Retry-After. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseBackoffMs: 500,
  maxBackoffMs: 8_000,
  defaultRetryAfterMs: 1_000,
};

export type Attempted<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: ChannelError; attempts: number };

/**
 * Calls `call` until it succeeds, fails finally (403, 404, other 4xx) or runs out of attempts: a 429 waits its
 * Retry-After, 412/502/503/504 and network errors back off exponentially.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  random: () => number = Math.random,
): Promise<Attempted<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await call(), attempts: attempt };
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      if (!isRetriable(error) || attempt >= policy.maxAttempts) return { ok: false, error, attempts: attempt };
      await sleep(delayBefore(attempt + 1, error, policy, random));
    }
  }
}

/** How long to wait before attempt number `attempt` (2, 3, ...). */
export function delayBefore(attempt: number, error: ChannelError, policy: RetryPolicy, random: () => number): number {
  if (error.status === 429) return error.retryAfterMs ?? policy.defaultRetryAfterMs;
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (attempt - 2));
  // Half fixed, half random: bounded, and instances that failed together do not retry together.
  return ceiling / 2 + (random() * ceiling) / 2;
}
