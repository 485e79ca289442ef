import { pressedValue } from '../../scripts/bench/press-button';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { runPulseId } from '../../src/domain/pulse-series';
import { FakeTeamsService, fakeMember } from '../../scripts/bench/fake-teams-service';
import { answersFor, CHANNEL_ID, inChannel, pulseCardOf, saidIn, setupInputs } from './pulse-chat';

jest.setTimeout(120_000);

// Thursday 22 October 2026, 10:00 in Berlin (summer time); the clocks go back on Sunday 25 October.
let now = Date.parse('2026-10-22T08:00:00Z');
let service: FakeTeamsService;
let bot: TestBot;
const BERLIN = 'Europe/Berlin';

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({ clock: () => new Date(now), env: { PULSE_POLICY: 'anyone' } });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const sender = () => member(0);

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({ query: sql, parameters: [{ name: '@t', value: TENANT }] })
    .fetchAll();
  return resources as Record<string, unknown>[];
}
const pulses = () => query('SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse" ORDER BY c.createdAt ASC');
const seriesDocs = () => query('SELECT * FROM c WHERE c.tenantId = @t AND c.type = "series"');

async function setup() {
  const asked = await inChannel(sender(), service, { text: '<at>Strategy Guide</at> pulse', localTimezone: BERLIN });
  const card = cardsOf(asked).at(-1);
  if (!card) throw new Error('no setup card');
  return { card, send: (value: unknown) => inChannel(sender(), service, { value, localTimezone: BERLIN }) };
}

/** Ticks two instances at once, then lets the fan-outs finish. */
async function tickTwice(): Promise<void> {
  const other = await bot.secondInstance();
  await Promise.all([bot.app.pulses.scheduler.tick(), other.pulses.scheduler.tick()]);
  await Promise.all([bot.app.pulses.jobs.idle(), other.pulses.jobs.idle()]);
  await other.close();
}

/** Members 1..count answer the newest run with `rating`. */
async function answer(count: number, rating: string): Promise<void> {
  for (let index = 1; index <= count; index++)
    await member(index).submit(answersFor(pulseCardOf(service, service.members[index].id), rating));
}

const resultsCards = () =>
  service
    .of('send')
    .filter((request) => request.conversationId === CHANNEL_ID && request.status === 200)
    .map((request) => (request.body?.attachments as { content: unknown }[] | undefined)?.[0]?.content)
    .filter((card) => card !== undefined && cardText(card).startsWith('Pulse results'));

describe('recurring pulses (real bot over HTTP, embedded Cosmos, FAKE Teams channel service, injected clock)', () => {
  it('refuses a forged repeat value and a deadline after the next run, storing nothing', async () => {
    const { card, send } = await setup();
    const forged = { ...pressedValue(card, 'Send the pulse', setupInputs({ deadlineDate: '2026-10-26' })) };
    (forged as Record<string, unknown>).repeat = 'hourly';
    const refused = await send(forged);
    expect(cardText(cardsOf(refused)[0])).toContain('Choose how often the pulse repeats.');
    const tooLate = await send(
      pressedValue(card, 'Send the pulse', setupInputs({ deadlineDate: '2026-10-30', repeat: 'weekly' })),
    );
    expect(cardText(cardsOf(tooLate)[0])).toContain(
      'must close before its next run goes out (Thu 29 Oct, 10:00 Berlin time)',
    );
    expect(await pulses()).toEqual([]);
    expect(await seriesDocs()).toEqual([]);
  });

  it('runs weekly at the same Berlin time across the change, exactly once per period with two instances', async () => {
    const { card, send } = await setup();
    const started = await send(
      pressedValue(card, 'Send the pulse', setupInputs({ deadlineDate: '2026-10-26', repeat: 'weekly' })),
    );
    expect(saidIn(started)).toContain(
      'It repeats every week at the same time; the next run goes out Thu 29 Oct, 10:00 Berlin time.',
    );
    await bot.app.pulses.jobs.idle();
    expect(await seriesDocs()).toMatchObject([
      { status: 'active', nextIndex: 1, nextRunAt: '2026-10-29T09:00:00.000Z', pendingRun: null },
    ]);
    await answer(5, '4');

    // Closed at the deadline; nothing new before the next run is due.
    now = Date.parse('2026-10-29T08:59:00Z');
    await tickTwice();
    expect(await pulses()).toHaveLength(1);
    expect(resultsCards()).toHaveLength(1);
    expect(cardText(resultsCards()[0])).not.toContain('since last run');

    // 10:00 Berlin after the change is 09:00Z (it was 08:00Z a week before).
    now = Date.parse('2026-10-29T09:00:30Z');
    await tickTwice();
    await tickTwice();
    const runs = await pulses();
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({
      seriesId: runs[0].pulseId,
      runIndex: 1,
      deadline: '2026-11-02T16:00:00.000Z',
      status: 'open',
    });
    // Every member but the sender got run 1 once.
    const sendsOf = (pulseId: unknown) =>
      service.of('send').filter((request) => JSON.stringify(request.body).includes(String(pulseId))).length;
    expect(sendsOf(runs[1].pulseId)).toBe(7 + 1);

    // Both runs above the threshold: the change per question, and the trend chart.
    await answer(5, '5');
    now = Date.parse('2026-11-02T16:01:00Z');
    await tickTwice();
    const second = resultsCards().at(-1);
    expect(cardText(second)).toContain('▲ 1.0 since last run');
    expect(JSON.stringify(second)).toContain('"type":"Chart.Line"');
    expect(JSON.stringify(second)).toContain('4.0 → 5.0');
    expect(cardText(second)).not.toMatch(/audience this different/);
  });

  it('shows no change when a run stays below the threshold, and cautions when the audience changed a lot', async () => {
    now = Date.parse('2026-11-05T09:00:30Z');
    await tickTwice();
    await answer(4, '3');
    now = Date.parse('2026-11-09T16:01:00Z');
    await tickTwice();
    const below = resultsCards().at(-1);
    expect(cardText(below)).toContain('only the count is shown');
    expect(cardText(below)).not.toContain('since last run');

    // The next run is above its threshold, but the one before was not: nothing to compare with.
    now = Date.parse('2026-11-12T09:00:30Z');
    await tickTwice();
    await answer(5, '4');
    now = Date.parse('2026-11-16T16:01:00Z');
    await tickTwice();
    expect(cardText(resultsCards().at(-1))).not.toContain('since last run');

    // Four people join: 11 are reached instead of 7, more than 20% apart.
    service.members.push(fakeMember(8), fakeMember(9), fakeMember(10), fakeMember(11));
    now = Date.parse('2026-11-19T09:00:30Z');
    await tickTwice();
    await answer(6, '4');
    now = Date.parse('2026-11-23T16:01:00Z');
    await tickTwice();
    const changed = resultsCards().at(-1);
    expect(cardText(changed)).toContain('No change since last run');
    expect(cardText(changed)).toContain('This run reached 11 people and the last one 7');
    // The chart leaves out the run below its threshold.
    expect(JSON.stringify(changed)).toContain('4.0 → 5.0 → 4.0 → 4.0');
    expect((await pulses()).length).toBe(5);
  });

  it('Stop the series: refused for anyone but the sender, then no run after it', async () => {
    const card = resultsCards().at(-1);
    const stopValue = pressedValue(card, 'Stop the series', {});
    const byOther = await inChannel(member(1), service, { value: stopValue });
    expect(saidIn(byOther)).toContain('Only the person who started this pulse, or an admin, can stop its series');
    expect((await seriesDocs())[0]).toMatchObject({ status: 'active' });
    const forged = await inChannel(sender(), service, { value: { ...stopValue, pulseId: 'f'.repeat(32) } });
    expect(saidIn(forged)).toContain("I don't recognise that pulse");
    expect((await seriesDocs())[0]).toMatchObject({ status: 'active' });

    const stopped = await inChannel(sender(), service, { value: stopValue });
    expect(saidIn(stopped)).toContain('will not run again');
    expect((await seriesDocs())[0]).toMatchObject({ status: 'stopped' });
    now = Date.parse('2026-11-26T09:00:30Z');
    await tickTwice();
    now = Date.parse('2026-12-03T09:00:30Z');
    await tickTwice();
    expect((await pulses()).length).toBe(5);
  });

  it('Run again: the sender starts a run now that joins the series, once per card; anyone else is refused', async () => {
    const card = resultsCards().at(-1);
    const again = pressedValue(card, 'Run again', {});
    expect(saidIn(await inChannel(member(2), service, { value: again }))).toContain('Only the person who started');
    expect((await pulses()).length).toBe(5);
    const forged = await inChannel(sender(), service, { value: { ...again, pulseId: '../pulse' } });
    expect(saidIn(forged)).toContain("I don't recognise that pulse");
    expect((await pulses()).length).toBe(5);
    const ran = await inChannel(sender(), service, { value: again });
    expect(saidIn(ran)).toContain('A new run of');
    expect(saidIn(await inChannel(sender(), service, { value: again }))).toContain('already been started');
    const all = await pulses();
    expect(all).toHaveLength(6);
    expect(all[5]).toMatchObject({ seriesId: all[0].pulseId, status: 'open', createdAt: new Date(now).toISOString() });
    expect(all[5].runIndex).toBeUndefined();
  });

  it('a run claimed but not yet created (a crash in between) is created at the next tick, once', async () => {
    const first = (await pulses())[0];
    const seriesId = String(first.pulseId);
    const item = bot.containers.pulses.item(`series|${seriesId}`, [TENANT, seriesId]);
    const { resource } = await item.read<Record<string, unknown>>();
    const pulseId = runPulseId(TENANT, seriesId, 7);
    await item.replace({ ...resource, pendingRun: { index: 7, pulseId } });
    await tickTwice();
    await tickTwice();
    const all = await pulses();
    expect(all).toHaveLength(7);
    expect(all.filter((pulse) => pulse.pulseId === pulseId)).toMatchObject([{ runIndex: 7, status: 'open' }]);
    expect((await seriesDocs())[0]).toMatchObject({ pendingRun: null, status: 'stopped' });
  });
});
