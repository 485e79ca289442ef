import type { AggregateChange } from '../../src/aggregation/aggregate-changes';
import { AggregateQueue } from '../../src/aggregation/aggregate-queue';
import { newInstanceId, type OwedChanges } from '../../src/aggregation/owed-changes';
import { OwedSweeper } from '../../src/aggregation/owed-sweeper';
import { cosmosStores } from '../../src/storage/cosmos-stores';
import type { Containers } from '../../src/storage/cosmos';
import { personOf } from '../../src/storage/person-doc';
import type { Stores } from '../../src/storage/ports';
import { startContainers } from '../storage/embedded-containers';

/** What stopped instances owed is applied once and dropped (real stores, real client, embedded Cosmos server). */
const TENANT = 'sweep';
let containers: Containers;
let close: () => Promise<void>;
let stores: Stores;
const clockMs = Date.UTC(2026, 11, 6, 12);
const clock = () => new Date(clockMs);

beforeAll(async () => {
  const started = await startContainers();
  close = started.close;
  containers = started.containers;
  stores = cosmosStores(containers, { publishAfter: 5, clock });
});
afterAll(async () => {
  await close();
});

const rated = (questionId: string): AggregateChange => ({
  questionId,
  delta: { 'employee:n': 1 },
  quoteSets: [],
  quoteRemovals: [],
});
const owedBy = (by: string, seq: number, questionId: string): OwedChanges => ({
  by,
  seq,
  at: Math.floor(Date.now() / 1000),
  changes: [rated(questionId)],
});
/**
 * Heartbeats and owed changes are judged on the server's clock, in whole seconds, against AGE_MS: this makes one
 * stored now older than that. AGE_MS leaves a loaded machine time between storing and sweeping.
 */
const AGE_MS = 3_000;
const laterThanAge = () => new Promise((resolve) => setTimeout(resolve, AGE_MS + 1_100));
/** A person document as a turn stores it: the answers' counter changes still owed on it. */
const storePerson = (userId: string, owed: OwedChanges[]) =>
  containers.users.items.create(
    personOf({ tenantId: TENANT, userId, answers: {}, updatedAt: clock().toISOString() }, owed),
  );
const counted = async (questionId: string) =>
  (await stores.aggregates.readDoc(TENANT, questionId))?.counters['employee:n'] ?? 0;
const owedOn = async (userId: string) =>
  (await containers.users.item(`person|${userId}`, [TENANT, userId]).read<{ owed?: OwedChanges[] }>()).resource?.owed;
const newQueue = () => new AggregateQueue({ store: stores.aggregates, flushMs: 10, onFailure: () => undefined, clock });
const sweeperFor = (queue: AggregateQueue) =>
  new OwedSweeper({
    queue,
    instances: stores.instances,
    people: stores.owedPeople,
    aggregates: stores.aggregates,
    deadAfterMs: AGE_MS,
    lingerMs: AGE_MS,
  });

describe('OwedSweeper', () => {
  it("applies a stopped instance's changes once, in order, and leaves a running instance's alone", async () => {
    const stopped = newInstanceId(clock());
    const running = newInstanceId(clock());
    await stores.instances.beat(stopped);
    await stores.instances.beat(running);
    // The stopped instance had applied its first change to q-a before it died; the second it had not.
    await stores.aggregates.applyOwed(TENANT, 'q-a', undefined, [
      { by: stopped, seq: 1, personId: 'ann', change: rated('q-a') },
    ]);
    await storePerson('ann', [owedBy(stopped, 1, 'q-a'), owedBy(stopped, 3, 'q-b')]);
    await storePerson('bob', [owedBy(stopped, 2, 'q-a'), owedBy(running, 1, 'q-a')]);

    await laterThanAge();
    await stores.instances.beat(running);
    const first = await sweeperFor(newQueue()).sweep();

    expect(first).toEqual({ applied: 3, dropped: 3, failed: 0 });
    expect([await counted('q-a'), await counted('q-b')]).toEqual([2, 1]);
    expect(await owedOn('ann')).toBeUndefined();
    expect((await owedOn('bob'))?.map(({ by }) => by)).toEqual([running]);
    // Swept: a second sweep (another instance's, or this one's next round) finds nothing to do.
    expect(await sweeperFor(newQueue()).sweep()).toEqual({ applied: 0, dropped: 0, failed: 0 });
    expect([await counted('q-a'), await counted('q-b')]).toEqual([2, 1]);
  });

  it('applies at once what an instance that shut down left, without waiting for its heartbeat to age', async () => {
    const closed = newInstanceId(clock());
    await stores.instances.beat(closed);
    await storePerson('eve', [owedBy(closed, 1, 'q-closed')]);
    await stores.instances.markStopped(closed);
    await sweeperFor(newQueue()).sweep();
    expect(await counted('q-closed')).toBe(1);
    expect(await owedOn('eve')).toBeUndefined();
  });

  it('applies every change a stopped instance owed, whatever their age and whoever holds them', async () => {
    const stopped = newInstanceId(clock());
    await stores.instances.beat(stopped);
    // An old change and a newer one on one person, a change in between on another: the document's mark must not
    // pass the one in between before it is applied.
    await storePerson('cyd', [owedBy(stopped, 3, 'q-mixed'), { ...owedBy(stopped, 12, 'q-mixed'), at: 0 }]);
    await storePerson('dee', [owedBy(stopped, 11, 'q-mixed')]);
    await laterThanAge();
    await sweeperFor(newQueue()).sweep();
    expect(await counted('q-mixed')).toBe(3);
    expect([await owedOn('cyd'), await owedOn('dee')]).toEqual([undefined, undefined]);
  });

  it("drops a running instance's change left on a person's document a while on, once every document holds it", async () => {
    const running = newInstanceId(clock());
    await stores.instances.beat(running);
    await stores.aggregates.applyOwed(TENANT, 'q-c', undefined, [
      { by: running, seq: 7, personId: 'cat', change: rated('q-c') },
    ]);
    await storePerson('cat', [owedBy(running, 7, 'q-c'), owedBy(running, 8, 'q-c')]);
    await sweeperFor(newQueue()).sweep();
    expect((await owedOn('cat'))?.map(({ seq }) => seq)).toEqual([7, 8]);

    await laterThanAge();
    await stores.instances.beat(running);
    await sweeperFor(newQueue()).sweep();
    expect((await owedOn('cat'))?.map(({ seq }) => seq)).toEqual([8]);
    expect(await counted('q-c')).toBe(1);
  });
});
