/**
 * Paces requests at `ratePerSecond`: callers start one at a time, each at least 1000/rate ms after the previous one
 * really started, and never more than `rate` within one second plus `marginMs` (so jitter on the way cannot push a
 * window over the cap where Teams counts it). Spacing is measured from actual start times, so callers held up by a
 * busy event loop go out one by one afterwards, not in a burst. A 429's Retry-After pauses everyone sharing the
 * limiter, since Teams throttles per app and tenant.
 */
export class RateLimiter {
  private pausedUntil = 0;
  private readonly interval: number;
  /** Actual start times of the last `windowCount` requests, oldest first. */
  private readonly starts: number[] = [];
  private readonly windowCount: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    private readonly marginMs = 25,
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
      const previous = this.starts.at(-1) ?? -Infinity;
      const windowStart = this.starts.length >= this.windowCount ? this.starts[0] : -Infinity;
      await this.until(Math.max(previous + this.interval, windowStart + 1000 + this.marginMs));
      // A 429 that came in while this caller waited holds it back too.
      if (this.pausedUntil > this.now()) continue;
      this.starts.push(this.now());
      if (this.starts.length > this.windowCount) this.starts.shift();
      return;
    }
  }

  /** setTimeout may fire a little early; wait until the moment has really come. */
  private async until(moment: number): Promise<void> {
    for (let wait = moment - this.now(); wait > 0; wait = moment - this.now()) await this.sleep(Math.ceil(wait));
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
