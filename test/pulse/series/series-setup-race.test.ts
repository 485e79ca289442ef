import { pressedValue } from '../../../scripts/bench/press-button';
import { cardsOf, startTestBot, TENANT, type TestBot } from '../../support/bot-harness';
import { FakeTeamsService } from '../../../scripts/bench/fake-teams-service';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../../support/cosmos-fault-proxy';
import type { RequestKind } from '../../../scripts/bench/cosmos-requests';
import { inChannel, saidIn, setupInputs } from '../pulse-chat';
import { newSeries } from '../../../src/pulse/series/series-runs';
import type { PulseDoc } from '../../../src/domain/pulse-docs';

jest.setTimeout(120_000);

const now = Date.parse('2026-10-22T08:00:00Z');
const BERLIN = 'Europe/Berlin';
let service: FakeTeamsService;
let proxy: CosmosFaultProxy;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { PULSE_POLICY: 'anyone' },
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
  });
});
afterEach(() => proxy.clear());
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await service?.close();
});

const sender = () => bot.user(service.members[0].aadObjectId, service.members[0].name);

async function docs(type: string, tenantId = TENANT): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = @type',
      parameters: [
        { name: '@t', value: tenantId },
        { name: '@type', value: type },
      ],
    })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

/** A filled-in weekly setup card's submit. */
async function weeklySetup(): Promise<Record<string, unknown>> {
  const asked = await inChannel(sender(), service, { text: '<at>Strategy Guide</at> pulse', localTimezone: BERLIN });
  return pressedValue(
    cardsOf(asked).at(-1),
    'Send the pulse',
    setupInputs({ deadlineDate: '2026-10-26', repeat: 'weekly' }),
  );
}

/** Matches the creates in the pulses container after the first `skip` (the series is created before its pulse). */
function createsAfter(skip: number): (request: RequestKind) => boolean {
  let seen = 0;
  return (request) => request.target === 'pulses' && request.operation === 'create' && ++seen > skip;
}

describe('a repeating pulse set up while Cosmos fails or the scheduler races (real bot, embedded Cosmos behind a fault proxy, FAKE Teams channel service)', () => {
  it('the first run failing to be created leaves no series behind that the scheduler would send later', async () => {
    const value = await weeklySetup();
    proxy.inject({ match: createsAfter(1), fault: { status: 503 } });
    const failed = await inChannel(sender(), service, { value, localTimezone: BERLIN });
    proxy.clear();
    expect(saidIn(failed)).not.toContain('on its way');
    expect(await docs('series')).toEqual([]);
    await bot.app.pulses.scheduler.tick();
    await bot.app.pulses.jobs.idle();
    expect(await docs('pulse')).toEqual([]);
    // The same card again starts it (the series is made afresh).
    expect(saidIn(await inChannel(sender(), service, { value, localTimezone: BERLIN }))).toContain('on its way');
    expect(await docs('pulse')).toHaveLength(1);
    expect(await docs('series')).toMatchObject([{ status: 'active', pendingRun: null }]);
    await bot.app.pulses.jobs.idle();
  });

  it('the scheduler creating the pending first run before setup does: the first click still says it is on its way', async () => {
    const value = await weeklySetup();
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    proxy.inject({ match: createsAfter(1), fault: { heldUntil: held }, times: 1 });
    const before = proxy.faulted;
    const reply = inChannel(sender(), service, { value, localTimezone: BERLIN });
    while (proxy.faulted === before) await new Promise((resolve) => setTimeout(resolve, 20));
    // Setup's create of the pulse is held; meanwhile a tick finds the pending run and creates it.
    await bot.app.pulses.scheduler.tick();
    expect(await docs('pulse')).toHaveLength(2);
    release();
    expect(saidIn(await reply)).toContain('on its way');
    await bot.app.pulses.jobs.idle();
    expect(await docs('pulse')).toHaveLength(2);
    expect((await docs('series')).every((series) => series.pendingRun === null)).toBe(true);
    // A second click on the same card is still told it has started already.
    expect(saidIn(await inChannel(sender(), service, { value, localTimezone: BERLIN }))).toContain(
      'That pulse has already been started.',
    );
  });

  it("one tenant whose series query fails does not hold up another tenant's due run", async () => {
    const other = 'other-tenant-0001';
    const [pulse] = (await docs('pulse')) as unknown as PulseDoc[];
    const first: PulseDoc = {
      ...pulse,
      tenantId: other,
      pulseId: 'e'.repeat(32),
      createdAt: '2026-10-15T08:00:00.000Z',
      deadline: '2026-10-19T16:00:00.000Z',
      reminderAt: undefined,
    };
    await bot.containers.pulses.items.create({ ...newSeries(first, 'weekly'), pendingRun: null });
    // Every series query of this test's own tenant fails; the other tenant's is answered.
    proxy.inject({
      match: (request, body) =>
        request.target === 'pulses' &&
        request.operation === 'query' &&
        body.includes('series') &&
        body.includes(TENANT),
      fault: { status: 503 },
    });
    await bot.app.pulses.scheduler.tick();
    expect(proxy.faulted).toBeGreaterThan(0);
    proxy.clear();
    await bot.app.pulses.jobs.idle();
    expect(await docs('pulse', other)).toMatchObject([{ seriesId: 'e'.repeat(32), runIndex: 1 }]);
  });
});
