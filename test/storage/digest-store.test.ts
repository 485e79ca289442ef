import { CosmosDigestStore } from '../../src/storage/digest-store';
import { startContainers } from './embedded-containers';

let digests: CosmosDigestStore;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  digests = new CosmosDigestStore(started.containers.tenants);
  close = started.close;
});
afterAll(() => close());

const subscription = (userId: string, nextDueAt: string) => ({
  tenantId: 't1',
  userId,
  frequency: 'weekly' as const,
  conversationReference: { conversation: { id: `a:${userId}` } },
  nextDueAt,
  timeZone: 'Europe/Paris',
});

describe('CosmosDigestStore', () => {
  it('finds the subscriptions due, and moves one on only once per version read', async () => {
    await digests.subscribe(subscription('due', '2026-05-01T08:00:00.000Z'));
    await digests.subscribe(subscription('later', '2026-05-09T08:00:00.000Z'));
    const now = new Date('2026-05-02T00:00:00.000Z');

    const due = await digests.due('t1', now);
    expect(due.map(({ doc }) => doc.userId)).toEqual(['due']);
    const next = new Date('2026-05-08T08:00:00.000Z');
    expect(await digests.markSent(due[0], now, next)).toBe(true);
    expect(await digests.markSent(due[0], now, next)).toBe(false);
    expect(await digests.find('t1', 'due')).toMatchObject({
      lastSentAt: now.toISOString(),
      nextDueAt: next.toISOString(),
      timeZone: 'Europe/Paris',
    });
    expect(await digests.due('t1', now)).toEqual([]);
  });

  it('unsubscribes once', async () => {
    await digests.subscribe(subscription('leaving', '2026-05-01T08:00:00.000Z'));
    expect(await digests.unsubscribe('t1', 'leaving')).toBe(true);
    expect(await digests.unsubscribe('t1', 'leaving')).toBe(false);
    expect(await digests.find('t1', 'leaving')).toBeUndefined();
  });

  it('lets one holder at a time send a tenant’s digests, until its lease runs out', async () => {
    const now = new Date('2026-05-02T00:00:00.000Z');
    const until = new Date('2026-05-02T00:01:00.000Z');
    expect(await digests.acquireLease('t1', 'instance-a', now, until)).toBe(true);
    expect(await digests.acquireLease('t1', 'instance-b', now, until)).toBe(false);
    expect(await digests.acquireLease('t1', 'instance-b', until, new Date('2026-05-02T00:02:00.000Z'))).toBe(true);
  });
});
