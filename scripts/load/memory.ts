/** Memory samples over a run, and the straight line through them: a leak shows as a slope that does not flatten. */
export interface MemorySample {
  /** Minutes since the sampling started. */
  minute: number;
  rssMb: number;
  /** Heap in use right after a full garbage collection (when node runs with --expose-gc). */
  heapMb: number;
}

const MB = 2 ** 20;

/** Samples memory every `everyMs` until stopped; forces a collection first so the heap figure is live data only. */
export function sampleMemory(everyMs: number): { stop(): MemorySample[] } {
  const started = Date.now();
  const samples: MemorySample[] = [];
  const take = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    samples.push({ minute: (Date.now() - started) / 60_000, rssMb: rss / MB, heapMb: heapUsed / MB });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Least-squares slope of y over x (units of y per unit of x); NaN with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const num = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const den = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}
