import { randomUUID } from 'node:crypto';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosSessionStore } from '../../src/storage/session-store';
import { SessionConflictError } from '../../src/storage/ports';
import { answerDocument } from '../../src/storage/user-docs';
import { openCosmos, type Containers } from '../../src/storage/cosmos';

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

const change = (questionId: string, delta: Record<string, number>) => ({
  questionId,
  delta,
  quoteSets: [],
  quoteRemovals: [],
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
  it('accepts a loopback self-signed certificate in local mode only', async () => {
    const tls = await startEmbeddedCosmos({ tls: true });
    const local = await openCosmos({ endpoint: tls.endpoint, key: tls.key, database: 'tls', local: true });
    const production = await openCosmos({ endpoint: tls.endpoint, key: tls.key, database: 'tls', local: false });
    try {
      await expect(
        local.containers.users.items.upsert({ id: 'x', tenantId: 't1', userId: 'u' }),
      ).resolves.toBeDefined();
      await expect(production.containers.users.item('x', ['t1', 'u']).read()).rejects.toThrow(/certificate/i);
    } finally {
      local.client.dispose();
      production.client.dispose();
      await tls.close();
    }
  });

  it('writes answers with their session under deterministic ids, so a retry overwrites instead of duplicating', async () => {
    const sessions = new CosmosSessionStore(containers.users);
    const answers = new CosmosAnswerStore(containers.users);
    const userId = randomUUID();
    const session = await sessions.load('t1', userId, 'conv');
    await sessions.save(session, new Date(), [{ op: 'upsert', answer: answerDocument(answer(userId, 'first')) }]);
    await sessions.save(session, new Date(), [{ op: 'upsert', answer: answerDocument(answer(userId, 'retried')) }]);
    const stored = await answers.listForUser('t1', userId);
    expect(stored).toHaveLength(1);
    expect(stored[0].value).toEqual({ kind: 'text', text: 'retried' });
    expect(await answers.listForUser('t2', userId)).toHaveLength(0);

    await sessions.save(session, new Date(), [{ op: 'delete', tenantId: 't1', userId, questionId: 'q1' }]);
    expect(await answers.listForUser('t1', userId)).toHaveLength(0);
  });

  it('stores no answer when its session was changed by someone else (all or nothing)', async () => {
    const userId = randomUUID();
    const first = new CosmosSessionStore(containers.users);
    const second = new CosmosSessionStore(containers.users);
    await first.save(await first.load('t1', userId, 'conv'), new Date());
    const stale = await first.load('t1', userId, 'conv');
    await second.save(await second.load('t1', userId, 'conv'), new Date());
    const write = { op: 'upsert' as const, answer: answerDocument(answer(userId, 'lost race')) };
    await expect(first.save(stale, new Date(), [write])).rejects.toBeInstanceOf(SessionConflictError);
    expect(await new CosmosAnswerStore(containers.users).listForUser('t1', userId)).toHaveLength(0);
  });

  it('creates aggregate counters on first use and applies more than ten increments at once', async () => {
    const store = new CosmosAggregateStore(containers.aggregates);
    const delta = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`employee:counts:o${i}`, i + 1]));
    await store.apply('t1', 'person', change('q-many', delta));
    await store.apply('t1', 'person', change('q-many', { 'employee:counts:o0': -1 }));
    const counters = (await store.read('t1', ['q-many', 'q-none'])).get('q-many');
    expect(counters?.['employee:counts:o12']).toBe(13);
    expect(counters?.['employee:counts:o0']).toBe(0);
    expect((await store.read('t1', ['q-none'])).get('q-none')).toEqual({});
  });

  it('loses no counter update when many turns patch the same question at once', async () => {
    const store = new CosmosAggregateStore(containers.aggregates);
    await Promise.all(
      Array.from({ length: 40 }, () => store.apply('t1', 'person', change('q-race', { 'employee:n': 1 }))),
    );
    expect((await store.read('t1', ['q-race'])).get('q-race')?.['employee:n']).toBe(40);
  });

  it('refuses to overwrite a session someone else changed since it was read', async () => {
    const userId = randomUUID();
    const first = new CosmosSessionStore(containers.users);
    const second = new CosmosSessionStore(containers.users);
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
