/**
 * Paces requests evenly at `ratePerSecond` (one every 1000/rate ms, no bursts) and, as a second guard, never starts
 * more than `rate` requests within any window of one second plus `marginMs`, so network jitter cannot push a window
 * over the cap at the receiving end. A 429's Retry-After pauses everyone sharing the limiter, since Teams throttles
 * per app and tenant.
 */
export class RateLimiter {
  private next = 0;
  private pausedUntil = 0;
  private readonly interval: number;
  /** Start times of the last `windowCount` requests, oldest first: planned, then the real time once started. */
  private readonly starts: { at: number }[] = [];
  private readonly windowCount: number;

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

  /** Waits for this caller's turn. */
  async take(): Promise<void> {
    for (;;) {
      await this.until(this.pausedUntil);
      const oldest = this.starts.length >= this.windowCount ? this.starts[0].at : -Infinity;
      const at = Math.max(this.now(), this.next, oldest + 1000 + this.marginMs);
      this.next = at + this.interval;
      const start = { at };
      this.starts.push(start);
      if (this.starts.length > this.windowCount) this.starts.shift();
      await this.until(at);
      start.at = this.now();
      // A 429 seen while this caller waited for its slot holds it back too.
      if (this.pausedUntil <= this.now()) return;
    }
  }

  /** Nobody sharing this limiter starts a request for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
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
