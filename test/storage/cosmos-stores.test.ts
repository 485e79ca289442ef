import { randomUUID } from 'node:crypto';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { AggregateStore } from '../../src/storage/aggregate-store';
import { AnswerStore } from '../../src/storage/answer-store';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import { SessionConflictError, SessionStore } from '../../src/storage/session-store';

let cosmos: EmbeddedCosmos;
let containers: Containers;
let dispose: () => void;

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  const opened = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database: 'stores', local: true });
  containers = opened.containers;
  dispose = () => opened.client.dispose();
});
afterAll(async () => {
  dispose();
  await cosmos.close();
});

const answer = (userId: string, text: string) => ({
  tenantId: 't1',
  userId,
  questionId: 'q1',
  sectionId: 's1',
  packId: 'p',
  packVersion: '1',
  role: 'employee' as const,
  value: { kind: 'text' as const, text },
  answeredAt: new Date(0).toISOString(),
});

describe('Cosmos stores against the embedded Cosmos-compatible server', () => {
  it('refuses a self-signed certificate outside local mode', async () => {
    const production = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database: 'stores', local: false });
    try {
      await expect(production.containers.answers.item('x', ['t1', 'u']).read()).rejects.toThrow(/certificate/i);
    } finally {
      production.client.dispose();
    }
  });

  it('writes an answer under a deterministic id, so a retry overwrites instead of duplicating', async () => {
    const store = new AnswerStore(containers.answers);
    const userId = randomUUID();
    await store.save(answer(userId, 'first'));
    await store.save(answer(userId, 'retried'));
    const stored = await store.listForUser('t1', userId);
    expect(stored).toHaveLength(1);
    expect(stored[0].value).toEqual({ kind: 'text', text: 'retried' });
    expect(await store.listForUser('t2', userId)).toHaveLength(0);
  });

  it('creates aggregate counters on first use and applies more than ten increments at once', async () => {
    const store = new AggregateStore(containers.aggregates);
    const delta = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`all:counts:o${i}`, i + 1]));
    await store.apply('t1', 'q-many', delta);
    await store.apply('t1', 'q-many', { 'all:counts:o0': -1 });
    const counters = (await store.read('t1', ['q-many', 'q-none'])).get('q-many');
    expect(counters?.['all:counts:o12']).toBe(13);
    expect(counters?.['all:counts:o0']).toBe(0);
    expect((await store.read('t1', ['q-none'])).get('q-none')).toEqual({});
  });

  it('loses no counter update when many turns patch the same question at once', async () => {
    const store = new AggregateStore(containers.aggregates);
    await Promise.all(Array.from({ length: 40 }, () => store.apply('t1', 'q-race', { 'all:n': 1 })));
    expect((await store.read('t1', ['q-race'])).get('q-race')?.['all:n']).toBe(40);
  });

  it('refuses to overwrite a session someone else changed since it was read', async () => {
    const userId = randomUUID();
    const first = new SessionStore(containers.sessions);
    const second = new SessionStore(containers.sessions);
    const mine = await first.load('t1', userId, 'conv');
    await first.save(mine, new Date());
    const theirs = await second.load('t1', userId, 'conv');
    theirs.doc.welcomed = true;
    await second.save(theirs, new Date());
    const stale = await first.load('t1', userId, 'conv');
    expect(stale.fromCache).toBe(true);
    await expect(first.save(stale, new Date())).rejects.toBeInstanceOf(SessionConflictError);
    const fresh = await first.load('t1', userId, 'conv');
    expect(fresh.fromCache).toBeUndefined();
    expect(fresh.doc.welcomed).toBe(true);
  });
});
