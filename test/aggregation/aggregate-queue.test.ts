import type { AggregateChange } from '../../src/aggregation/aggregate-changes';
import { AggregateQueue } from '../../src/aggregation/aggregate-queue';
import type { OwedItem } from '../../src/aggregation/owed-changes';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { until } from '../support/wait';
import { startContainers } from '../storage/embedded-containers';

/** The queue that applies counters behind the turns, on the real aggregate store (real client, embedded server). */
const TENANT = 'queue';
let close: () => Promise<void>;
let store: CosmosAggregateStore;

beforeAll(async () => {
  const started = await startContainers();
  close = started.close;
  store = new CosmosAggregateStore(started.containers.aggregates, 5);
});
afterAll(async () => {
  await close();
});

const rated = (questionId: string): AggregateChange[] => [
  { questionId, delta: { 'employee:n': 1, 'employee:rating:3': 1 }, quoteSets: [], quoteRemovals: [] },
];
const counted = async (questionId: string) => (await store.readDoc(TENANT, questionId))?.counters['employee:n'] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The store as the queue sees it, counting its writes and failing the first `failures` of them. */
function recorded(failures = 0) {
  const writes: OwedItem[][] = [];
  let toFail = failures;
  return {
    writes,
    applyOwed(tenantId: string, questionId: string, teamId: string | undefined, items: readonly OwedItem[]) {
      writes.push([...items]);
      if (toFail-- > 0) return Promise.reject(Object.assign(new Error('service unavailable'), { code: 503 }));
      return store.applyOwed(tenantId, questionId, teamId, items);
    },
  };
}

describe('AggregateQueue', () => {
  it('writes the changes that reach one document within the flush delay together', async () => {
    const recorder = recorded();
    const queue = new AggregateQueue({ store: recorder, flushMs: 200, onFailure: () => undefined });
    for (let person = 0; person < 20; person++)
      queue.stored(TENANT, `p${person}`, queue.reserve(TENANT, rated('q-together'), new Date()));
    expect(queue.backlog).toBe(20);
    // Left to its own timer (no settle): nothing before the delay, all of it in one write after.
    await sleep(100);
    expect(recorder.writes).toHaveLength(0);
    await until(() => queue.backlog === 0, 'the changes to be written', 5_000);
    expect(await counted('q-together')).toBe(20);
    expect(recorder.writes.length).toBeLessThanOrEqual(2);
    expect(queue.backlog).toBe(0);
  });

  it('applies a change only after every earlier one of the instance is stored or abandoned', async () => {
    const recorder = recorded();
    const queue = new AggregateQueue({ store: recorder, flushMs: 10, onFailure: () => undefined });
    const first = queue.reserve(TENANT, rated('q-order'), new Date());
    const second = queue.reserve(TENANT, rated('q-order'), new Date());
    const third = queue.reserve(TENANT, rated('q-order'), new Date());
    queue.stored(TENANT, 'second', second);
    await sleep(100);
    // The second waits: were it applied first, the document's high-water mark would hide the first from a sweep.
    expect(recorder.writes).toHaveLength(0);
    expect(queue.isSettled(second)).toBe(false);
    queue.abandoned(first);
    queue.stored(TENANT, 'third', third);
    await queue.settle();
    expect(await counted('q-order')).toBe(2);
    expect(recorder.writes.flat().map((item) => item.seq)).toEqual([second.seq, third.seq]);
    expect((await store.readDoc(TENANT, 'q-order'))?.applied?.[queue.instanceId]?.seq).toBe(third.seq);
    expect([queue.isSettled(second), queue.isSettled(third)]).toEqual([true, true]);
    expect(queue.isSettled({ ...third, by: 'another.instance' })).toBe(false);
  });

  it('holds back, behind a batch whose outcome is unknown, only the documents it is for', async () => {
    const recorder = recorded();
    const queue = new AggregateQueue({ store: recorder, flushMs: 10, onFailure: () => undefined });
    let answer: (stored: boolean) => void = () => undefined;
    const told = new Promise<boolean>((resolve) => (answer = resolve));
    const unknown = queue.reserve(TENANT, rated('q-held'), new Date());
    const later = queue.reserve(TENANT, rated('q-held'), new Date());
    const elsewhere = queue.reserve(TENANT, rated('q-free'), new Date());
    queue.unsure(TENANT, 'ann', unknown, () => told);
    queue.stored(TENANT, 'bob', later);
    queue.stored(TENANT, 'cat', elsewhere);
    await until(async () => (await counted('q-free')) === 1, 'the other document to be written', 5_000);
    expect(await counted('q-held')).toBe(0);
    // It never landed: the change waiting behind it is written, the unknown one never.
    answer(false);
    await until(async () => (await counted('q-held')) === 1, 'the waiting change', 5_000);
    expect(await queue.settle()).toBe(true);
    expect(recorder.writes.flat().map((item) => item.seq)).not.toContain(unknown.seq);
  });

  it('settles what was stored before it was asked, however busy the queue stays after', async () => {
    const queue = new AggregateQueue({ store: recorded(), flushMs: 10, onFailure: () => undefined });
    queue.stored(TENANT, 'early', queue.reserve(TENANT, rated('q-busy'), new Date()));
    let busy = true;
    const traffic = (async () => {
      for (let person = 0; busy; person++) {
        const owed = queue.reserve(TENANT, rated('q-busy'), new Date());
        await sleep(5);
        queue.stored(TENANT, `p${person}`, owed);
      }
    })();
    expect(await queue.settle(3_000)).toBe(true);
    busy = false;
    await traffic;
    expect(await queue.settle()).toBe(true);
  });

  it('tries a failed write again until it lands, counting each change once', async () => {
    const recorder = recorded(2);
    const failures: string[] = [];
    const started = Date.now();
    const queue = new AggregateQueue({
      store: recorder,
      flushMs: 10,
      onFailure: (_tenant, questionId) => failures.push(questionId),
    });
    const owed = queue.reserve(TENANT, rated('q-retry'), new Date());
    queue.stored(TENANT, 'ann', owed);
    expect(await queue.settle()).toBe(true);
    expect(failures).toEqual(['q-retry', 'q-retry']);
    expect(recorder.writes).toHaveLength(3);
    // Settling does not skip the pause after a failure (200 ms, then 400 ms): a failing Cosmos is not hammered.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(await counted('q-retry')).toBe(1);
  });

  it('says when settling ran out of time, and keeps what it could not write', async () => {
    const queue = new AggregateQueue({ store: recorded(1_000), flushMs: 10, onFailure: () => undefined });
    const owed = queue.reserve(TENANT, rated('q-down'), new Date());
    queue.stored(TENANT, 'ann', owed);
    expect(await queue.close(300)).toBe(false);
    expect(queue.backlog).toBe(1);
    expect(queue.isSettled(owed)).toBe(false);
    expect(await counted('q-down')).toBe(0);
  });
});
