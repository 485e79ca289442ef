import type { AggregateChange } from '../../src/aggregation/aggregate-changes';
import type { Quote } from '../../src/aggregation/quotes';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { aggregateId, CosmosAggregateStore } from '../../src/storage/aggregate-store';
import type { AggregateStore } from '../../src/storage/ports';
import { openCosmos, type Containers } from '../../src/storage/cosmos';

/** The published copy summaries read moves only with batches of people (real client, embedded Cosmos server). */
const TENANT = 'publication';
const BATCH = 3;
let cosmos: EmbeddedCosmos;
let containers: Containers;
let dispose: () => void;
let store: AggregateStore;

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  const opened = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database: 'publish', local: true });
  containers = opened.containers;
  dispose = () => opened.client.dispose();
  store = new CosmosAggregateStore(containers.aggregates, BATCH);
});
afterAll(async () => {
  dispose();
  await cosmos.close();
});

const rated = (questionId: string, rating: number, more: Partial<AggregateChange> = {}): AggregateChange => ({
  questionId,
  delta: { 'employee:n': 1, [`employee:rating:${rating}`]: 1 },
  quoteSets: [],
  quoteRemovals: [],
  ...more,
});
const published = async (questionId: string) => (await store.readPublished(TENANT, [questionId])).get(questionId);
const quote = (k: string): Quote => ({ k, t: `words ${k}` });

describe('aggregate publication', () => {
  it('publishes a document only once enough different people changed it, all of their changes at once', async () => {
    await store.apply(TENANT, 'ann', rated('q-batch', 4));
    await store.apply(TENANT, 'ann', rated('q-batch', 5));
    await store.apply(TENANT, 'bob', rated('q-batch', 1));
    expect((await published('q-batch'))?.counters).toEqual({});
    expect((await store.read(TENANT, ['q-batch'])).get('q-batch')?.['employee:n']).toBe(3);

    await store.apply(TENANT, 'cat', rated('q-batch', 2));
    expect((await published('q-batch'))?.counters).toEqual({
      'employee:n': 4,
      'employee:rating:1': 1,
      'employee:rating:2': 1,
      'employee:rating:4': 1,
      'employee:rating:5': 1,
    });
    expect((await store.readDoc(TENANT, 'q-batch'))?.pending).toEqual({});
  });

  it('does not count a change that moves no counter (a quote edited in place) towards a batch', async () => {
    await store.apply(TENANT, 'zed', rated('q-words', 4));
    for (const person of ['dan', 'eve', 'fay'])
      await store.apply(TENANT, person, {
        questionId: 'q-words',
        delta: {},
        quoteSets: [{ slot: 's:other:0', quote: quote(person) }],
        quoteRemovals: [],
      });
    const doc = await store.readDoc(TENANT, 'q-words');
    expect(Object.keys(doc?.pending ?? {})).toHaveLength(1);
    expect(doc?.quotes).toEqual({ 's:other:0': quote('dan') });
    expect((await published('q-words'))?.quotes).toEqual({});
  });

  it('keeps a published quote while it exists, and empties it from both copies when it is removed', async () => {
    const fill = (person: string) =>
      store.apply(TENANT, person, rated('q-sticky', 3, { quoteSets: [{ slot: 's', quote: quote(person) }] }));
    // The live slot keeps the smallest key, not the latest: the candidate does not point at whoever wrote last.
    for (const person of ['a2', 'a3', 'a1']) await fill(person);
    expect((await published('q-sticky'))?.quotes).toEqual({ s: quote('a1') });
    // A published statement stays, even when a smaller one arrives.
    for (const person of ['a0', 'b1', 'b2']) await fill(person);
    expect((await store.readDoc(TENANT, 'q-sticky'))?.quotes).toEqual({ s: quote('a0') });
    expect((await published('q-sticky'))?.quotes).toEqual({ s: quote('a1') });

    await store.apply(TENANT, 'a1', {
      questionId: 'q-sticky',
      delta: { 'employee:n': -1, 'employee:rating:3': -1 },
      quoteSets: [],
      quoteRemovals: [{ slot: 's', key: 'a1' }],
    });
    expect((await published('q-sticky'))?.quotes).toEqual({ s: null });
    expect(JSON.stringify(await store.readDoc(TENANT, 'q-sticky'))).not.toContain('words a1');

    for (const person of ['c1', 'c2']) await fill(person);
    expect((await published('q-sticky'))?.quotes).toEqual({ s: quote('a0') });
  });

  it('publishes whole batches when many people change one document at once, and never a pending change alone', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `racer-${i}`);
    await Promise.all(people.map((person) => store.apply(TENANT, person, rated('q-race', 4))));
    const doc = await store.readDoc(TENANT, 'q-race');
    expect(doc?.counters['employee:n']).toBe(12);
    const pending = Object.keys(doc?.pending ?? {}).length;
    expect(pending).toBeLessThan(BATCH);
    // A change landing while a batch is published goes with the next batch (which needs that many new people).
    const shown = doc?.published?.counters['employee:n'] ?? 0;
    expect(shown).toBeGreaterThanOrEqual(BATCH);
    expect(shown + pending).toBeLessThanOrEqual(12);
  });

  it('publishes a batch left unpublished for long with the next change, and a fresh one only at its size', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
    const seconds = at(0).getTime() / 1000;
    // Six pending since minute 0 and nothing published: as if the publication at three had failed.
    await containers.aggregates.items.create({
      id: aggregateId('q-stale'),
      type: 'aggregate',
      tenantId: TENANT,
      questionId: 'q-stale',
      counters: { 'employee:n': 6 },
      quotes: {},
      pending: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((person) => [person, seconds])),
      published: { counters: {}, quotes: {} },
      revision: 0,
    });
    await new CosmosAggregateStore(containers.aggregates, BATCH, () => at(1)).apply(TENANT, 'g', rated('q-stale', 4));
    expect((await published('q-stale'))?.counters).toEqual({});
    await new CosmosAggregateStore(containers.aggregates, BATCH, () => at(20)).apply(TENANT, 'h', rated('q-stale', 4));
    expect((await published('q-stale'))?.counters['employee:n']).toBe(8);
  });

  it('marks every person of a change made together, and publishes their batch later only when it is whole and old', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 10, minute));
    const storeAt = (minute: number) => new CosmosAggregateStore(containers.aggregates, BATCH, () => at(minute));
    const together = { ...rated('q-together', 3), delta: { 'employee:n': 2, 'employee:rating:3': 2 } };
    await storeAt(0).applyTogether(TENANT, ['p1', 'p2'], together);
    expect(Object.keys((await store.readDoc(TENANT, 'q-together'))?.pending ?? {})).toHaveLength(2);
    // Fewer people than a batch: never published, however old.
    expect(await storeAt(30).publishIfDue(TENANT, 'q-together')).toBe(false);
    expect((await published('q-together'))?.counters).toEqual({});
    await storeAt(1).applyTogether(TENANT, ['p3', 'p4'], together);
    // A batch of four (not a whole batch size), marked one minute ago: not yet.
    expect(await storeAt(2).publishIfDue(TENANT, 'q-together')).toBe(false);
    expect(await storeAt(30).publishIfDue(TENANT, 'q-together')).toBe(true);
    const doc = await store.readDoc(TENANT, 'q-together');
    expect(doc?.published?.counters).toEqual({ 'employee:n': 4, 'employee:rating:3': 4 });
    expect(doc?.pending).toEqual({});
    expect(await storeAt(60).publishIfDue(TENANT, 'q-together')).toBe(false);
    expect(await storeAt(60).publishIfDue(TENANT, 'q-missing')).toBe(false);
  });

  it('upgrades a document from before publication: summaries keep seeing its figures, changes wait for a batch', async () => {
    const legacy = { 'employee:n': 7, 'employee:rating:4': 7 };
    await containers.aggregates.items.create({
      id: aggregateId('q-old'),
      type: 'aggregate',
      tenantId: TENANT,
      questionId: 'q-old',
      counters: legacy,
      // Keyed without the text, so an edit could not find them: no longer shown.
      quotes: { 'statement:other:0': { k: '0123456789abcdef', t: 'old words' } },
    });
    expect(await published('q-old')).toEqual({ counters: legacy, quotes: {} });
    await store.apply(TENANT, 'new', rated('q-old', 1));
    expect((await published('q-old'))?.counters).toEqual(legacy);
    expect((await store.read(TENANT, ['q-old'])).get('q-old')?.['employee:n']).toBe(8);
  });

  it('lets the rebuild repair the live copy, keeping the published figures and dropping vanished statements', async () => {
    for (const person of ['r1', 'r2', 'r3'])
      await store.apply(TENANT, person, rated('q-rebuild', 2, { quoteSets: [{ slot: 's', quote: quote(person) }] }));
    await store.apply(TENANT, 'r4', rated('q-rebuild', 5));
    const before = await published('q-rebuild');
    await store.rewrite(TENANT, 'q-rebuild', undefined, { counters: { 'employee:n': 9 }, quotes: {} }, () => false);
    const doc = await store.readDoc(TENANT, 'q-rebuild');
    expect(doc?.counters).toEqual({ 'employee:n': 9 });
    expect(doc?.published?.counters).toEqual(before?.counters);
    expect(doc?.published?.quotes).toEqual({});
    expect(Object.keys(doc?.pending ?? {})).toHaveLength(1);
  });

  it('empties a statement wherever it sits, also in the slot of a theme it had before themes were added', async () => {
    // Three people publish; one statement sits in "other", where it was placed before the "products" theme existed.
    for (const [person, k] of [
      ['ann', 'k-ann'],
      ['bob', 'k-bob'],
      ['cat', 'k-cat'],
    ])
      await store.apply(
        TENANT,
        person,
        rated('q-moved', 3, { quoteSets: [{ slot: `statement:other:${k}`, quote: quote(k) }] }),
      );
    expect((await published('q-moved'))?.quotes['statement:other:k-ann']).toEqual(quote('k-ann'));
    // Ann deletes her data: her statement is now named for its new theme's slot, and still leaves the old one.
    await store.apply(
      TENANT,
      'ann',
      rated('q-moved', 3, { quoteRemovals: [{ slot: 'statement:products:k-ann', key: 'k-ann' }] }),
    );
    const doc = await store.readDoc(TENANT, 'q-moved');
    expect(doc?.quotes?.['statement:other:k-ann']).toBeNull();
    expect(doc?.published?.quotes['statement:other:k-ann']).toBeNull();
    expect(doc?.published?.quotes['statement:other:k-bob']).toEqual(quote('k-bob'));

    // The rebuild keeps a published statement only in the slot it belongs to now.
    await store.rewrite(TENANT, 'q-moved', undefined, { counters: doc?.counters ?? {}, quotes: {} }, (key, slot) =>
      key === 'k-bob' ? slot === 'statement:products:k-bob' : key === 'k-cat',
    );
    const rebuilt = await store.readDoc(TENANT, 'q-moved');
    expect(Object.keys(rebuilt?.published?.quotes ?? {})).toEqual(['statement:other:k-cat']);
  });
});
