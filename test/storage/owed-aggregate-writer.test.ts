import type { AggregateChange } from '../../src/aggregation/aggregate-changes';
import { newInstanceId, type OwedItem } from '../../src/aggregation/owed-changes';
import type { Quote } from '../../src/aggregation/quotes';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import type { Containers } from '../../src/storage/cosmos';
import { startContainers } from './embedded-containers';

/** Owed changes applied with one conditional replace (real client, embedded Cosmos server). */
const TENANT = 'owed';
const BATCH = 3;
let containers: Containers;
let close: () => Promise<void>;
let store: CosmosAggregateStore;

beforeAll(async () => {
  const started = await startContainers();
  close = started.close;
  containers = started.containers;
  store = new CosmosAggregateStore(containers.aggregates, BATCH);
});
afterAll(async () => {
  await close();
});

const quote = (k: string): Quote => ({ k, t: `words ${k}` });
const change = (questionId: string, rating: number, more: Partial<AggregateChange> = {}): AggregateChange => ({
  questionId,
  delta: { 'employee:n': 1, [`employee:rating:${rating}`]: 1 },
  quoteSets: [],
  quoteRemovals: [],
  ...more,
});
/** A realistic mix for one document: ratings, a statement offered, one taken back, a person editing their answer. */
const script = (questionId: string): [string, AggregateChange][] => [
  ['ann', change(questionId, 4, { quoteSets: [{ slot: 's', quote: quote('k-ann') }] })],
  ['bob', change(questionId, 2, { quoteSets: [{ slot: 's', quote: quote('k-bob') }] })],
  ['cat', change(questionId, 5)],
  ['ann', { questionId, delta: { 'employee:rating:4': -1, 'employee:rating:1': 1 }, quoteSets: [], quoteRemovals: [] }],
  ['dan', change(questionId, 3, { quoteSets: [{ slot: 's', quote: quote('k-dan') }] })],
  [
    'bob',
    {
      questionId,
      delta: { 'employee:n': -1, 'employee:rating:2': -1 },
      quoteSets: [],
      quoteRemovals: [{ slot: 's', key: 'k-bob' }],
    },
  ],
  ['eve', change(questionId, 1)],
  ['fay', change(questionId, 2, { quoteSets: [{ slot: 's', quote: quote('k-aaa') }] })],
];
const INSTANCE = newInstanceId(new Date());
const owedItems = (questionId: string, by = INSTANCE): OwedItem[] =>
  script(questionId).map(([personId, owed], index) => ({ by, seq: index + 1, personId, change: owed }));
const comparable = async (questionId: string) => {
  const doc = await store.readDoc(TENANT, questionId);
  return { counters: doc?.counters, quotes: doc?.quotes, published: doc?.published, pending: doc?.pending };
};

describe('owed changes applied to a counters document (real Cosmos client, embedded server)', () => {
  it('ends exactly where the same changes applied one patch at a time end', async () => {
    for (const [personId, owed] of script('q-patched')) await store.apply(TENANT, personId, owed);
    await store.applyOwed(TENANT, 'q-replaced', undefined, owedItems('q-replaced'));

    const patched = await comparable('q-patched');
    const replaced = await comparable('q-replaced');
    expect(replaced.counters).toEqual(patched.counters);
    expect(replaced.quotes).toEqual(patched.quotes);
    expect(replaced.published).toEqual(patched.published);
    expect(Object.keys(replaced.pending ?? {}).sort()).toEqual(Object.keys(patched.pending ?? {}).sort());
    expect(replaced.counters?.['employee:n']).toBe(5);
    expect(JSON.stringify(replaced)).not.toContain('words k-bob');
    expect((await store.readDoc(TENANT, 'q-replaced'))?.applied).toEqual({
      [INSTANCE]: { seq: 8, at: expect.any(Number) },
    });
  });

  it('applies a change it holds already (by its high-water mark) not again: after a crash, twice means once', async () => {
    const items = owedItems('q-twice');
    await store.applyOwed(TENANT, 'q-twice', undefined, items.slice(0, 5));
    // The sweep finds every change the stopped instance owed, the first five already applied.
    await store.applyOwed(TENANT, 'q-twice', undefined, items);
    await store.applyOwed(TENANT, 'q-twice', undefined, items);
    await store.applyOwed(TENANT, 'q-once', undefined, items);
    expect((await comparable('q-twice')).counters).toEqual((await comparable('q-once')).counters);
  });

  it('keeps the changes of every writer when two instances write one document at the same time', async () => {
    const other = new CosmosAggregateStore(containers.aggregates, BATCH);
    const [one, two] = [newInstanceId(new Date()), newInstanceId(new Date())];
    // Each instance applies its own changes in sequence order, one write per change, the two interleaving.
    const inOrder = async (writer: CosmosAggregateStore, items: OwedItem[]) => {
      for (const item of items) await writer.applyOwed(TENANT, 'q-race', undefined, [item]);
    };
    await Promise.all([inOrder(store, owedItems('q-race', one)), inOrder(other, owedItems('q-race', two))]);
    const doc = await store.readDoc(TENANT, 'q-race');
    expect(doc?.counters['employee:n']).toBe(10);
    expect([doc?.applied?.[one]?.seq, doc?.applied?.[two]?.seq]).toEqual([8, 8]);
  });

  it('keeps the mark of an instance that has run for months, so its changes still count once', async () => {
    const old = newInstanceId(new Date(Date.now() - 90 * 24 * 60 * 60 * 1000));
    const items = owedItems('q-old', old);
    await store.applyOwed(TENANT, 'q-old', undefined, items);
    await store.applyOwed(TENANT, 'q-old', undefined, items);
    expect((await store.readDoc(TENANT, 'q-old'))?.counters['employee:n']).toBe(5);
  });

  it('publishes nothing for a change that marks nobody pending (statements only), as the patches do not', async () => {
    const words = (questionId: string, k: string): AggregateChange => ({
      questionId,
      delta: {},
      quoteSets: [{ slot: 's', quote: quote(k) }],
      quoteRemovals: [],
    });
    // Two people pending, then a statement-only change: no batch of three, so nothing is published either way.
    for (const [personId, owed] of script('q-p').slice(0, 2)) await store.apply(TENANT, personId, owed);
    await store.apply(TENANT, 'gil', words('q-p', 'k-000'));
    await store.applyOwed(
      TENANT,
      'q-r',
      undefined,
      [...script('q-r').slice(0, 2), ['gil', words('q-r', 'k-000')] as const].map(([personId, owed], index) => ({
        by: INSTANCE,
        seq: index + 1,
        personId,
        change: owed,
      })),
    );
    expect((await comparable('q-r')).published).toEqual((await comparable('q-p')).published);
    expect((await comparable('q-r')).quotes).toEqual((await comparable('q-p')).quotes);
  });

  it('forgets the version it kept when a patch of its own changes the document', async () => {
    await store.applyOwed(TENANT, 'q-mixed', undefined, owedItems('q-mixed').slice(0, 2));
    await store.apply(TENANT, 'zed', change('q-mixed', 5));
    await store.applyOwed(TENANT, 'q-mixed', undefined, owedItems('q-mixed').slice(2, 3));
    expect((await store.readDoc(TENANT, 'q-mixed'))?.counters['employee:n']).toBe(4);
  });
});
