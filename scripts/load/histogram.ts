/** Latencies in 0.1 ms buckets up to a minute, allocated once: a soak's bookkeeping must not grow with its length. */
export class LatencyHistogram {
  private static readonly BUCKETS = 600_000;
  private readonly counts = new Uint32Array(LatencyHistogram.BUCKETS).fill(0);
  count = 0;

  add(ms: number): void {
    const bucket = Math.min(LatencyHistogram.BUCKETS - 1, Math.max(0, Math.round(ms * 10)));
    this.counts[bucket] += 1;
    this.count += 1;
  }

  /** Nearest-rank percentile, in ms. */
  percentile(p: number): number {
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket += 1) {
      seen += this.counts[bucket];
      if (seen >= rank) return bucket / 10;
    }
    return Number.NaN;
  }
}
