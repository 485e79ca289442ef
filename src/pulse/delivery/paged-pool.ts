/**
 * Runs `work` over items that arrive page by page, at most `limit` at a time. The next page is read as soon as no more
 * than `limit` items are left waiting, so the workers (and the rate limiter they keep busy) never stand idle waiting
 * for a page. `readPage` returns undefined (or an empty page) when there is nothing more. The first failure, of a read
 * or of a piece of work, stops new work and is rethrown once the work already started has finished.
 */
export async function runPagedPool<T>(
  readPage: () => Promise<readonly T[] | undefined>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  if (!(limit >= 1)) throw new RangeError('a pool needs at least one worker');
  const buffer: T[] = [];
  let exhausted = false;
  let failure: { error: unknown } | undefined;
  let reading: Promise<void> | undefined;

  const readAhead = (): Promise<void> =>
    (reading ??= Promise.resolve()
      .then(readPage)
      .then(
        (items) => {
          if (!items?.length) exhausted = true;
          else buffer.push(...items);
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => {
        reading = undefined;
      }));

  const worker = async (): Promise<void> => {
    while (!failure) {
      if (!exhausted && buffer.length <= limit) void readAhead();
      const item = buffer.shift();
      if (item === undefined) {
        if (exhausted) return;
        await readAhead();
        continue;
      }
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };

  await Promise.all(Array.from({ length: limit }, worker));
  // A read started by the last worker to leave is not left running unobserved.
  await reading;
  if (failure) throw failure.error;
}
