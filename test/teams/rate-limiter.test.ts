import { retryAfterMs } from '../../src/teams/http-teams-channel';
import { RateLimiter } from '../../src/teams/rate-limiter';
import { delayBefore, DEFAULT_RETRY } from '../../src/teams/retry';
import { ChannelError } from '../../src/teams/teams-channel';

/** A clock that only moves when the limiter sleeps. */
function virtualTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('rate limiter (injected clock)', () => {
  it('spaces requests evenly and never starts more than the cap within a second plus the margin', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter(45, 25, time.now, time.sleep);
    const starts: number[] = [];
    for (let i = 0; i < 200; i++) {
      await limiter.take();
      starts.push(time.now());
    }
    for (let i = 45; i < starts.length; i++) expect(starts[i] - starts[i - 45]).toBeGreaterThanOrEqual(1025);
    const perSecond = (starts.length - 1) / ((starts.at(-1) ?? 0) / 1000);
    expect(perSecond).toBeGreaterThan(45 * 0.95);
  });

  it('after the event loop stalls, waiting callers go out one interval apart, not in a burst', async () => {
    let now = 0;
    let stalls = 1;
    // The first sleep overruns by half a second, as a blocked event loop would make it.
    const sleep = async (ms: number) => void (now += ms + (stalls-- > 0 ? 500 : 0));
    const limiter = new RateLimiter(45, 25, () => now, sleep);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 20 }, () => limiter.take().then(() => starts.push(now))));
    // On the grid a start may come up to the timer slack (4 ms) sooner after a late one; never in a burst.
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(1000 / 45 - 4);
  });

  it('holds everyone back for a pause (a 429 Retry-After)', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter(100, 25, time.now, time.sleep);
    await limiter.take();
    limiter.pause(2000);
    await limiter.take();
    expect(time.now()).toBeGreaterThanOrEqual(2000);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('waits the Retry-After on 429 and backs off exponentially, bounded, otherwise', () => {
    expect(delayBefore(2, new ChannelError(429, undefined, 3000), DEFAULT_RETRY, () => 0.5)).toBe(3000);
    const backoffs = [2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      delayBefore(attempt, new ChannelError(503), DEFAULT_RETRY, () => 1),
    );
    expect(backoffs).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
