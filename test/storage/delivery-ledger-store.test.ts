import type { DeliveryDoc, PulseDoc } from '../../src/domain/pulse-docs';
import type { PulseStores, Versioned } from '../../src/storage/ports';
import { openPulse, queued, startPulseStores } from './embedded-containers';

let stores: PulseStores;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stores, close } = await startPulseStores());
});
afterAll(() => close());

async function pulseWith(userIds: string[]): Promise<PulseDoc> {
  const pulse = openPulse('t1');
  await stores.pulses.createPulse(pulse);
  await stores.ledger.queueDeliveries(userIds.map((userId) => queued(pulse, userId)));
  return pulse;
}

async function entry(pulse: PulseDoc, userId: string): Promise<Versioned<DeliveryDoc>> {
  const read = await stores.ledger.readDelivery(pulse.tenantId, pulse.pulseId, userId);
  if (!read) throw new Error(`no ledger entry for ${userId}`);
  return read;
}

const AT = '2026-03-04T05:06:07.000Z';

describe('CosmosDeliveryLedger', () => {
  it('queues a roster read twice once: entries already there are left as they are', async () => {
    const users = Array.from({ length: 150 }, (_, i) => `u${i}`);
    const pulse = await pulseWith(users);
    expect(await stores.ledger.markSending(await entry(pulse, 'u0'), AT)).toBeDefined();

    const again = [...users, 'u150', 'u151'].map((userId) => queued(pulse, userId));
    expect(await stores.ledger.queueDeliveries(again)).toBe(2);
    expect((await entry(pulse, 'u0')).doc.state).toBe('sending');
    expect(await stores.ledger.deliveryCounts('t1', pulse.pulseId)).toEqual({
      queued: 151,
      sending: 1,
      sent: 0,
      failed: 0,
      interrupted: 0,
    });
  });

  it('moves an entry queued → sending → sent, each step only from the version it read', async () => {
    const pulse = await pulseWith(['ann']);
    const read = await entry(pulse, 'ann');

    const sending = await stores.ledger.markSending(read, AT);
    expect(sending?.doc).toMatchObject({ state: 'sending', attempts: 1, updatedAt: AT });
    // A second sender that read the same version gets nothing: the entry is the first one's.
    expect(await stores.ledger.markSending(read, AT)).toBeUndefined();

    const sent = { conversationId: 'a:conversation', activityId: 'activity-1', at: AT };
    expect(await stores.ledger.markSent(sending as Versioned<DeliveryDoc>, sent)).toBe(true);
    expect(await stores.ledger.markSent(sending as Versioned<DeliveryDoc>, sent)).toBe(false);
    expect((await entry(pulse, 'ann')).doc).toMatchObject({
      state: 'sent',
      attempts: 1,
      conversationId: 'a:conversation',
      activityId: 'activity-1',
      sentAt: AT,
    });
  });

  it('records a failed send with its reason, and a reminder before it is sent', async () => {
    const pulse = await pulseWith(['bob', 'cat']);
    const sending = await stores.ledger.markSending(await entry(pulse, 'bob'), AT);
    expect(await stores.ledger.markFailed(sending as Versioned<DeliveryDoc>, { reason: '403 Forbidden', at: AT })).toBe(
      true,
    );
    expect((await entry(pulse, 'bob')).doc).toMatchObject({ state: 'failed', reason: '403 Forbidden' });

    const reminded = await stores.ledger.markReminded(await entry(pulse, 'cat'), AT);
    expect(reminded?.doc).toMatchObject({ state: 'queued', remindedAt: AT });
    expect((await entry(pulse, 'cat')).etag).toBe(reminded?.etag);
  });

  it('queues an entry left sending again, or settles it as sent when the person has answered', async () => {
    const pulse = await pulseWith(['dan', 'eve']);
    for (const userId of ['dan', 'eve']) await stores.ledger.markSending(await entry(pulse, userId), AT);
    const page = await stores.ledger.deliveriesIn('t1', pulse.pulseId, ['sending'], 10);
    expect(page.deliveries.map((found) => found.doc.userId).sort()).toEqual(['dan', 'eve']);

    const [dan, eve] = ['dan', 'eve'].map((userId) => page.deliveries.find((found) => found.doc.userId === userId));
    expect(await stores.ledger.requeue(dan as Versioned<DeliveryDoc>, 'sent again', AT)).toBe(true);
    expect(await stores.ledger.markAnswered(eve as Versioned<DeliveryDoc>, AT)).toBe(true);
    expect((await entry(pulse, 'dan')).doc).toMatchObject({ state: 'queued', reason: 'sent again', attempts: 1 });
    expect((await entry(pulse, 'eve')).doc.state).toBe('sent');
    expect(await stores.ledger.requeue(dan as Versioned<DeliveryDoc>, 'stale', AT)).toBe(false);
  });

  it('pages through the entries in the asked states', async () => {
    const users = Array.from({ length: 25 }, (_, i) => `p${i}`);
    const pulse = await pulseWith(users);
    await stores.ledger.markSending(await entry(pulse, 'p0'), AT);

    const seen: string[] = [];
    let continuation: string | undefined;
    do {
      const page = await stores.ledger.deliveriesIn('t1', pulse.pulseId, ['queued'], 10, continuation);
      expect(page.deliveries.length).toBeLessThanOrEqual(10);
      seen.push(...page.deliveries.map((found) => found.doc.userId));
      continuation = page.continuation;
    } while (continuation);
    expect(seen.sort()).toEqual(users.filter((userId) => userId !== 'p0').sort());
  });

  it('changes nothing of an entry that is gone (the person deleted their data)', async () => {
    const pulse = await pulseWith(['fay']);
    const read = await entry(pulse, 'fay');
    expect(await stores.responses.deletePersonalDoc(read.doc)).toBe(true);
    expect(await stores.ledger.markSending(read, AT)).toBeUndefined();
    expect(await stores.ledger.markFailed(read, { reason: '404', at: AT })).toBe(false);
    expect(await stores.ledger.readDelivery('t1', pulse.pulseId, 'fay')).toBeUndefined();
  });
});
