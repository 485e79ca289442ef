import { pulseIds, type DeliveryDoc, type PulseDoc, type ResponseDoc } from '../../src/domain/pulse-docs';
import type { PulseStores, Versioned } from '../../src/storage/ports';
import { openPulse, queued, startPulseStores } from './embedded-containers';

let stores: PulseStores;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stores, close } = await startPulseStores());
});
afterAll(() => close());

async function sentTo(userIds: string[]): Promise<PulseDoc> {
  const pulse = openPulse('t1');
  await stores.pulses.createPulse(pulse);
  await stores.ledger.queueDeliveries(userIds.map((userId) => queued(pulse, userId)));
  return pulse;
}

function response(pulse: PulseDoc, userId: string, answer: string, comment?: string): ResponseDoc {
  const at = new Date().toISOString();
  return {
    id: pulseIds.response(pulse.pulseId, userId),
    type: 'response',
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    userId,
    answers: { q1: answer },
    ...(comment ? { comment } : {}),
    submittedAt: at,
    updatedAt: at,
  };
}

async function save(pulse: PulseDoc, doc: ResponseDoc) {
  const current = (await stores.pulses.readPulse(pulse.tenantId, pulse.pulseId)) as Versioned<PulseDoc>;
  const delivery = (await stores.ledger.readDelivery(
    pulse.tenantId,
    pulse.pulseId,
    doc.userId,
  )) as Versioned<DeliveryDoc>;
  return stores.responses.saveResponse(doc, delivery, current);
}

describe('CosmosPulseResponses', () => {
  it('stores a first response with the count and the ledger mark, and an edit in its place', async () => {
    const pulse = await sentTo(['ann', 'bob']);
    const first = response(pulse, 'ann', 'a');
    expect(await save(pulse, first)).toBe('created');
    expect(await save(pulse, { ...response(pulse, 'ann', 'b'), submittedAt: 'later' })).toBe('updated');

    expect((await stores.pulses.readPulse('t1', pulse.pulseId))?.doc.responses).toBe(1);
    expect((await stores.ledger.readDelivery('t1', pulse.pulseId, 'ann'))?.doc.respondedAt).toBe(first.submittedAt);
    const stored = await stores.responses.readResponse('t1', pulse.pulseId, 'ann');
    expect(stored?.doc).toMatchObject({ answers: { q1: 'b' }, submittedAt: first.submittedAt });
  });

  it('takes no response once the pulse is closed', async () => {
    const pulse = await sentTo(['cat']);
    await stores.pulses.closePulse('t1', pulse.pulseId, { closedAt: new Date().toISOString(), closedBy: 'sender' });
    expect(await save(pulse, response(pulse, 'cat', 'a'))).toBe('closed');
    expect(await stores.responses.readResponse('t1', pulse.pulseId, 'cat')).toBeUndefined();
  });

  it('gives the answers and comments of a pulse without who gave them', async () => {
    const pulse = await sentTo(['dan', 'eve']);
    await save(pulse, response(pulse, 'dan', 'a', 'More training'));
    await save(pulse, response(pulse, 'eve', 'a'));

    const given = await stores.responses.anonymousResponses('t1', pulse.pulseId);
    expect(given).toHaveLength(2);
    expect(JSON.stringify(given)).not.toMatch(/dan|eve/);
    expect(given.map((one) => one.comment ?? null).sort()).toEqual(['More training', null]);
  });

  it("finds a person's records, unlinks them from a closed pulse and deletes them from an open one", async () => {
    const closedPulse = await sentTo(['fay']);
    const openOne = await sentTo(['fay']);
    await save(closedPulse, response(closedPulse, 'fay', 'a', 'Fine'));
    await save(openOne, response(openOne, 'fay', 'a'));
    await stores.pulses.closePulse('t1', closedPulse.pulseId, {
      closedAt: new Date().toISOString(),
      closedBy: 'sender',
    });

    const mine = await stores.responses.personalDocs('t1', 'fay');
    expect(mine.responses).toHaveLength(2);
    expect(mine.deliveries).toHaveLength(2);
    for (const doc of [...mine.responses, ...mine.deliveries])
      expect(
        doc.pulseId === closedPulse.pulseId
          ? await stores.responses.anonymise(doc)
          : await stores.responses.deletePersonalDoc(doc),
      ).toBe(true);

    expect(await stores.responses.personalDocs('t1', 'fay')).toEqual({ responses: [], deliveries: [] });
    expect(await stores.responses.anonymousResponses('t1', closedPulse.pulseId)).toEqual([
      { answers: { q1: 'a' }, comment: 'Fine' },
    ]);
    expect(await stores.ledger.deliveryCounts('t1', closedPulse.pulseId)).toMatchObject({ queued: 1 });
    expect(await stores.responses.anonymise(mine.responses[0])).toBe(false);
    expect(await stores.responses.deletePersonalDoc(mine.deliveries[0])).toBe(false);
  });
});
