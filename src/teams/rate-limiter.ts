/**
 * Paces requests at `ratePerSecond`: callers start one at a time on a grid of 1000/rate ms, and never more than `rate`
 * within one second plus `marginMs` of actual start times (so jitter on the way cannot push a window over the cap
 * where Teams counts it). Timer lateness of a millisecond or two is absorbed by the grid; after a longer hold-up (a
 * busy event loop) the grid restarts from the present, so waiting callers go out one by one, not in a burst. A 429's
 * Retry-After pauses everyone sharing the limiter, since Teams throttles per app and tenant.
 */
/** How late a timer may fire and still count as on time. */
const TIMER_SLACK_MS = 4;

export class RateLimiter {
  private pausedUntil = 0;
  /** When the previous caller was due to start. */
  private planned = -Infinity;
  private readonly interval: number;
  /** Actual start times of the last `windowCount` requests, oldest first. */
  private readonly starts: number[] = [];
  private readonly windowCount: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    private readonly marginMs = 40,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(ratePerSecond >= 1)) throw new RangeError('a rate limit must be at least 1 request per second');
    this.interval = 1000 / ratePerSecond;
    this.windowCount = Math.floor(ratePerSecond);
  }

  /** Waits for this caller's turn (callers are served in order). */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.startNext());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody sharing this limiter starts a request for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async startNext(): Promise<void> {
    for (;;) {
      await this.until(this.pausedUntil);
      const windowStart = this.starts.length >= this.windowCount ? this.starts[0] : -Infinity;
      let due = Math.max(this.planned + this.interval, windowStart + 1000 + this.marginMs);
      // More than a slot behind: restart the grid now rather than catch up with a burst.
      if (this.now() - due > this.interval) due = this.now();
      await this.until(due);
      // A 429 that came in while this caller waited holds it back too.
      if (this.pausedUntil > this.now()) continue;
      const started = this.now();
      // Woken a little late (timers are): stay on the grid. Held up for longer: the next one is spaced from now.
      this.planned = started - due > TIMER_SLACK_MS ? started : due;
      this.starts.push(started);
      if (this.starts.length > this.windowCount) this.starts.shift();
      return;
    }
  }

  /**
   * Waits until `moment`; setTimeout may fire a little early, so the time is checked again. Less than a millisecond
   * to go counts as arrived: a timer cannot wait that little, and at high rates each one would cost a millisecond.
   */
  private async until(moment: number): Promise<void> {
    for (let wait = moment - this.now(); wait >= 1; wait = moment - this.now()) await this.sleep(Math.ceil(wait));
  }
}

/** One limiter per tenant: the cap is per app and tenant. */
export class TenantRateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly ratePerSecond: number) {}

  for(tenantId: string): RateLimiter {
    let limiter = this.limiters.get(tenantId);
    if (!limiter) {
      limiter = new RateLimiter(this.ratePerSecond);
      this.limiters.set(tenantId, limiter);
    }
    return limiter;
  }
}
