import { pressedValue } from '../../../scripts/bench/press-button';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  TENANT,
  type TestBot,
  type TestUser,
} from '../../support/bot-harness';
import { FakeTeamsService } from '../../../scripts/bench/fake-teams-service';
import { CHANNEL_ID, inChannel, saidIn, setupInputs } from '../pulse-chat';

jest.setTimeout(120_000);

// Thursday 22 October 2026, 10:00 in Berlin.
let now = Date.parse('2026-10-22T08:00:00Z');
const ADMIN = 'cccccccc-0000-4000-8000-0000000000a1';
const BERLIN = 'Europe/Berlin';
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { PULSE_POLICY: 'managers', MANAGER_IDS: service.members[0].aadObjectId, ADMIN_IDS: ADMIN },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const admin = () => bot.user(ADMIN, 'Admin');

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({ query: sql, parameters: [{ name: '@t', value: TENANT }] })
    .fetchAll();
  return resources as Record<string, unknown>[];
}
const seriesOf = async (seriesId: string) =>
  (await query('SELECT * FROM c WHERE c.tenantId = @t AND c.type = "series"')).find((s) => s.seriesId === seriesId);
const runsOf = async (seriesId: string) => (await pulses()).filter((pulse) => pulse.seriesId === seriesId);
const pulses = () => query('SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse" ORDER BY c.createdAt ASC');

/** `user` starts a weekly pulse in the channel closing `deadlineDate` 17:00 Berlin time; returns its series id. */
async function startSeries(user: TestUser, deadlineDate: string): Promise<string> {
  const before = new Set((await pulses()).map((pulse) => pulse.pulseId));
  const asked = await inChannel(user, service, { text: '<at>Strategy Guide</at> pulse', localTimezone: BERLIN });
  const card = cardsOf(asked).at(-1);
  const value = pressedValue(card, 'Send the pulse', setupInputs({ deadlineDate, repeat: 'weekly' }));
  expect(saidIn(await inChannel(user, service, { value, localTimezone: BERLIN }))).toContain('It repeats every week');
  await bot.app.pulses.jobs.idle();
  const created = (await pulses()).find((pulse) => !before.has(pulse.pulseId));
  return String(created?.pulseId);
}

async function tick(): Promise<void> {
  await bot.app.pulses.scheduler.tick();
  await bot.app.pulses.jobs.idle();
}

/** The results card posted in the channel for `pulseId`. */
function resultsOf(pulseId: unknown): unknown {
  return resultsCards()
    .filter((card) => JSON.stringify(card).includes(String(pulseId)))
    .at(-1);
}

/** The newest results card posted in the channel. */
function lastResults(): unknown {
  return resultsCards().at(-1);
}

function resultsCards(): unknown[] {
  return service
    .of('send')
    .filter((request) => request.conversationId === CHANNEL_ID && request.status === 200)
    .map((request) => (request.body?.attachments as { content: unknown }[] | undefined)?.[0]?.content)
    .filter((card) => card !== undefined && cardText(card).startsWith('Pulse results'));
}

describe('who may keep a series going (real bot over HTTP, embedded Cosmos, FAKE Teams channel service, injected clock)', () => {
  it('a manager demoted after the pulse closed: Run again is refused kindly and creates nothing', async () => {
    const id = service.members[4].aadObjectId;
    expect(saidIn(await admin().say(`grant manager ${id}`))).toMatch(/granted/i);
    await startSeries(member(4), '2026-10-26');
    now = Date.parse('2026-10-26T16:01:00Z');
    await tick();
    const again = pressedValue(lastResults(), 'Run again', {});
    expect(saidIn(await admin().say(`revoke manager ${id}`))).toMatch(/revoked|removed/i);
    const refused = await inChannel(member(4), service, { value: again });
    expect(saidIn(refused)).toContain('Only managers can start a pulse here');
    expect(await pulses()).toHaveLength(1);
  });

  it("a demoted sender's series stops when its next run is due, and sends nothing more", async () => {
    const seriesId = String((await pulses())[0].pulseId);
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'active' });
    now = Date.parse('2026-10-29T09:00:30Z');
    await tick();
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'stopped', pendingRun: null });
    now = Date.parse('2026-11-05T09:00:30Z');
    await tick();
    expect(await runsOf(seriesId)).toHaveLength(1);
  });

  it("deleting the sender's data stops their series: nothing after deletion", async () => {
    const seriesId = await startSeries(member(0), '2026-11-09');
    const ask = cardsOf(await member(0).say('delete my data')).at(-1);
    expect(saidIn(await member(0).submit(submitData(ask ?? {}, 'Yes, delete everything')))).toMatch(/deleted/i);
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'stopped' });
    now = Date.parse('2026-11-12T09:01:00Z');
    await tick();
    expect(await runsOf(seriesId)).toHaveLength(1);
  });

  it("an admin may stop someone else's series; another member may not", async () => {
    const seriesId = await startSeries(member(0), '2026-11-16');
    now = Date.parse('2026-11-16T16:01:00Z');
    await tick();
    const stop = pressedValue(lastResults(), 'Stop the series', {});
    expect(saidIn(await inChannel(member(2), service, { value: stop }))).toContain('or an admin, can stop its series');
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'active' });
    // The results card's buttons work in the team the pulse was asked of, not forged from another team's channel.
    const elsewhere = { channelData: { tenant: { id: TENANT }, team: { id: '19:other@thread.tacv2' } } };
    const again = pressedValue(lastResults(), 'Run again', {});
    const close = { sg: 'pulse', action: 'close', pulseId: (stop as { pulseId: string }).pulseId };
    for (const [user, value] of [
      [admin(), stop],
      [member(0), again],
      [admin(), close],
    ] as const) {
      const refused = await inChannel(user, service, { value, ...elsewhere });
      expect(saidIn(refused)).toContain("I don't recognise that pulse");
      expect(cardsOf(refused)).toEqual([]);
    }
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'active' });
    expect(await runsOf(seriesId)).toHaveLength(1);
    expect(saidIn(await inChannel(admin(), service, { value: stop }))).toContain('will not run again');
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'stopped' });
    now = Date.parse('2026-11-19T09:02:00Z');
    await tick();
    expect(await runsOf(seriesId)).toHaveLength(1);
  });

  it('a series whose team is gone (the roster read answers 404) stops instead of running', async () => {
    const seriesId = await startSeries(member(0), '2026-11-23');
    service.fault = (context) => (context.kind === 'roster' ? { status: 404, code: 'NotFound' } : undefined);
    try {
      now = Date.parse('2026-11-26T16:02:00Z');
      await tick();
    } finally {
      service.fault = () => undefined;
    }
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'stopped', pendingRun: null });
    now = Date.parse('2026-12-03T16:03:00Z');
    await tick();
    expect(await runsOf(seriesId)).toHaveLength(1);
  });

  it('a run due while no scheduler ran is skipped when less than half its open window is left; the next runs on time', async () => {
    // Thursday 16:03Z; closes Monday 16:00Z: open almost four days.
    const seriesId = await startSeries(member(0), '2026-12-07');
    now = Date.parse('2026-12-13T00:00:00Z');
    await tick();
    expect(await runsOf(seriesId)).toHaveLength(1);
    expect(await seriesOf(seriesId)).toMatchObject({ status: 'active', nextIndex: 2, pendingRun: null });
    now = Date.parse('2026-12-17T16:04:00Z');
    await tick();
    expect(await runsOf(seriesId)).toMatchObject([
      { runIndex: 0 },
      { runIndex: 2, deadline: '2026-12-21T16:00:00.000Z' },
    ]);
  });

  it('Run again on a running series closes before its next run, and is refused when that leaves too little time', async () => {
    const [first, second] = (await pulses()).slice(-2);
    now = Date.parse('2026-12-21T16:01:00Z');
    await tick();
    const again = pressedValue(resultsOf(second.pulseId), 'Run again', {});
    expect(saidIn(await inChannel(member(0), service, { value: again }))).toContain('Thu 24 Dec, 17:02 Berlin time');
    const started = (await runsOf(String(first.seriesId))).at(-1);
    expect(started).toMatchObject({ deadline: '2026-12-24T16:02:00.000Z', status: 'open' });
    // A day before the next run, a run as long as the first (four days) would be open for less than half of that.
    now = Date.parse('2026-12-23T16:00:00Z');
    const count = (await pulses()).length;
    const late = await inChannel(member(0), service, {
      value: pressedValue(resultsOf(first.pulseId), 'Run again', {}),
    });
    expect(saidIn(late)).toContain('goes out too soon for another one to be open long enough now');
    expect(await pulses()).toHaveLength(count);
  });
});
