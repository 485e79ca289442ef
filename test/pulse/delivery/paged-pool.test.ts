import { runPagedPool } from '../../../src/pulse/delivery/paged-pool';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Pages of numbers, read one at a time; `reads` records how much work was in flight when each read began. */
function pages(contents: number[][], inFlight: () => number) {
  const reads: number[] = [];
  let next = 0;
  const readPage = async () => {
    reads.push(inFlight());
    await tick();
    return next < contents.length ? contents[next++] : undefined;
  };
  return { readPage, reads };
}

describe('paged pool', () => {
  it('works every item once, never more than the limit at a time', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const source = pages([[1, 2, 3, 4, 5], [6, 7, 8], [9]], () => running);
    await runPagedPool(source.readPage, 2, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      done.push(item);
      running--;
    });
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(2);
  });

  it('reads the next page before the current one has run out, not once it has', async () => {
    let started = 0;
    const source = pages(
      [
        [1, 2, 3, 4, 5, 6],
        [7, 8, 9, 10, 11, 12],
      ],
      () => started,
    );
    await runPagedPool(source.readPage, 3, async () => {
      started++;
      await tick();
      await tick();
    });
    // The first read finds nothing started; the second starts while the first page still has items waiting.
    expect(source.reads[0]).toBe(0);
    expect(source.reads[1]).toBeLessThan(6);
  });

  it('stops on the first failed piece of work and rethrows it after the work under way has finished', async () => {
    const finished: number[] = [];
    const source = pages([[1, 2, 3, 4, 5, 6, 7, 8]], () => 0);
    const run = runPagedPool(source.readPage, 2, async (item) => {
      await tick();
      if (item === 3) throw new Error('send failed');
      finished.push(item);
    });
    await expect(run).rejects.toThrow('send failed');
    expect(finished).toEqual([1, 2, 4]);
  });

  it('rethrows a failed page read and starts nothing more', async () => {
    const worked: number[] = [];
    let reads = 0;
    const readPage = async () => {
      reads++;
      if (reads === 2) throw new Error('query failed');
      return reads === 1 ? [1, 2] : undefined;
    };
    await expect(runPagedPool(readPage, 4, async (item) => void worked.push(item))).rejects.toThrow('query failed');
    expect(worked).toEqual([1, 2]);
  });

  it('treats a read that throws at once like one that fails later', async () => {
    const readPage = (): Promise<number[]> => {
      throw new Error('bad query');
    };
    await expect(runPagedPool(readPage, 2, async () => undefined)).rejects.toThrow('bad query');
  });
});
