import { pulseIds, type ResultsDoc } from '../../src/domain/pulse-docs';
import type { PulseStores } from '../../src/storage/ports';
import { openPulse, startPulseStores } from './embedded-containers';

let stores: PulseStores;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stores, close } = await startPulseStores());
});
afterAll(() => close());

describe('CosmosPulseStore', () => {
  it('replaces a pulse only with the ETag it was read with', async () => {
    const pulse = openPulse('t1');
    await stores.pulses.createPulse(pulse);
    const read = await stores.pulses.readPulse('t1', pulse.pulseId);
    expect(read?.doc).toEqual(pulse);

    const etag = await stores.pulses.replacePulse({ ...pulse, title: 'Renamed' }, read?.etag ?? '');
    expect(etag).toEqual(expect.any(String));
    expect(await stores.pulses.replacePulse({ ...pulse, title: 'Stale' }, read?.etag ?? '')).toBeUndefined();
    expect((await stores.pulses.readPulse('t1', pulse.pulseId))?.doc.title).toBe('Renamed');
    expect(await stores.pulses.readPulse('another-tenant', pulse.pulseId)).toBeUndefined();
  });

  it('records the fan-out as it goes: roster pages, the channel card, the end of sending and of reminders', async () => {
    const pulse = openPulse('t1');
    await stores.pulses.createPulse(pulse);
    const fanOut = async () => (await stores.pulses.readPulse('t1', pulse.pulseId))?.doc;

    await stores.pulses.recordRosterPage('t1', pulse.pulseId, 40, 'page-2');
    expect((await fanOut())?.fanOut).toEqual({ phase: 'roster', recipients: 40, rosterContinuation: 'page-2' });
    await stores.pulses.recordRosterPage('t1', pulse.pulseId, 7, undefined);
    expect((await fanOut())?.fanOut).toMatchObject({ phase: 'sending', recipients: 47 });

    await stores.pulses.recordChannelCard('t1', pulse.pulseId, 'activity-1');
    await stores.pulses.markFanOutDone('t1', pulse.pulseId);
    await stores.pulses.markReminderRoundDone('t1', pulse.pulseId);
    const done = await fanOut();
    expect(done).toMatchObject({ channelActivityId: 'activity-1', reminderRound: 'done' });
    expect(done?.fanOut.phase).toBe('done');
  });

  it('closes a pulse once: the second closer and a later cancel get nothing', async () => {
    const pulse = openPulse('t1');
    await stores.pulses.createPulse(pulse);
    const close = { closedAt: '2026-01-02T03:04:05.000Z', closedBy: 'deadline' as const, resultsDue: true };

    const closed = await stores.pulses.closePulse('t1', pulse.pulseId, close);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'deadline', resultsDue: true });
    expect(await stores.pulses.closePulse('t1', pulse.pulseId, { ...close, closedBy: 'sender' })).toBeUndefined();
    expect(await stores.pulses.cancelPulse('t1', pulse.pulseId, close.closedAt)).toBeUndefined();
    expect(await stores.pulses.closePulse('t1', 'no-such-pulse', close)).toBeUndefined();

    await stores.pulses.markResultsPosted('t1', pulse.pulseId, '2026-01-02T04:00:00.000Z');
    expect((await stores.pulses.readPulse('t1', pulse.pulseId))?.doc).toMatchObject({
      status: 'closed',
      resultsDue: false,
      resultsPostedAt: '2026-01-02T04:00:00.000Z',
    });
  });

  it('counts a response off an open pulse only, and never below zero', async () => {
    const pulse = openPulse('t1', { responses: 1 });
    await stores.pulses.createPulse(pulse);
    const responses = async () => (await stores.pulses.readPulse('t1', pulse.pulseId))?.doc.responses;

    await stores.pulses.decrementResponses('t1', pulse.pulseId);
    await stores.pulses.decrementResponses('t1', pulse.pulseId);
    expect(await responses()).toBe(0);

    const closedPulse = openPulse('t1', { responses: 2, status: 'closed' });
    await stores.pulses.createPulse(closedPulse);
    await stores.pulses.decrementResponses('t1', closedPulse.pulseId);
    expect((await stores.pulses.readPulse('t1', closedPulse.pulseId))?.doc.responses).toBe(2);
  });

  it("lists the pulses the scheduler looks after, one tenant's at a time", async () => {
    const open = openPulse('t-scheduled');
    const resultsDue = openPulse('t-scheduled', { status: 'closed', resultsDue: true });
    const finished = openPulse('t-scheduled', { status: 'closed' });
    const cancelled = openPulse('t-scheduled', { status: 'cancelled' });
    const elsewhere = openPulse('t-other');
    for (const pulse of [open, resultsDue, finished, cancelled, elsewhere]) await stores.pulses.createPulse(pulse);

    const scheduled = await stores.pulses.scheduledPulses('t-scheduled');
    expect(scheduled.map((pulse) => pulse.pulseId).sort()).toEqual([open.pulseId, resultsDue.pulseId].sort());
    expect(await stores.pulses.tenantsWithScheduledPulses()).toEqual(
      expect.arrayContaining(['t-scheduled', 't-other']),
    );
  });

  it('stores the results once: the first stored are the final ones', async () => {
    const pulse = openPulse('t1', { status: 'closed' });
    await stores.pulses.createPulse(pulse);
    const results = (responses: number): ResultsDoc => ({
      id: pulseIds.results(pulse.pulseId),
      type: 'results',
      tenantId: 't1',
      pulseId: pulse.pulseId,
      results: {
        title: pulse.title,
        responses,
        reached: 10,
        responseRate: responses / 10,
        threshold: 3,
        commentThreshold: 5,
        questions: null,
        comments: null,
      },
      unreachable: 0,
      computedAt: new Date().toISOString(),
    });

    expect(await stores.pulses.readResults('t1', pulse.pulseId)).toBeUndefined();
    expect(await stores.pulses.createResults(results(4))).toBe(true);
    expect(await stores.pulses.createResults(results(5))).toBe(false);
    expect((await stores.pulses.readResults('t1', pulse.pulseId))?.results.responses).toBe(4);
  });
});
