import { cardsOf, cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { until } from '../support/wait';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, inChannel, pulseCardOf, saidIn, startPulse } from './pulse-chat';

jest.setTimeout(60_000);

let service: FakeTeamsService;
let bot: TestBot;
let proxy: CosmosFaultProxy | undefined;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    env: { PULSE_POLICY: 'anyone' },
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);

async function pulseDocs(type: string, pulseId: string): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.pulseId = @p AND c.type = @type',
      parameters: [
        { name: '@t', value: TENANT },
        { name: '@p', value: pulseId },
        { name: '@type', value: type },
      ],
    })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

describe('a closed pulse is final (real bot over HTTP, embedded Cosmos behind a fault proxy, FAKE Teams channel service)', () => {
  it('refuses a response whose write races the close, stores nothing of it, and shows the stored results again', async () => {
    expect(saidIn(await startPulse(member(0), service, { threshold: '5' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const [pulse] = (await bot.containers.pulses.items.query('SELECT * FROM c WHERE c.type = "pulse"').fetchAll())
      .resources as { pulseId: string }[];
    for (const index of [1, 2, 3, 4, 5])
      expect(
        saidIn(await member(index).submit(answersFor(pulseCardOf(service, service.members[index].id), '4'))),
      ).toMatch(/answers are in/);

    // Member 6 presses Send; the write of their answer reaches Cosmos only after the sender has closed the pulse.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    proxy?.inject({
      match: (request) => request.target === 'pulses' && request.operation === 'batch',
      fault: { heldUntil: held },
      times: 1,
    });
    const late = member(6).submit(answersFor(pulseCardOf(service, service.members[6].id), '1', 'A late remark'));
    await until(() => (proxy?.faulted ?? 0) === 1, "member 6's answer to reach Cosmos");
    const close = () =>
      inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId: pulse.pulseId } });
    const firstResults = cardText(cardsOf(await close()).at(-1));
    expect(firstResults).toMatch(/Mean 4\.0 of 5/);
    release();

    expect(saidIn(await late)).toMatch(/This pulse has closed .*no longer takes answers/);
    expect(await pulseDocs('response', pulse.pulseId)).toHaveLength(5);
    const member6 = service.members[6].aadObjectId.toLowerCase();
    expect((await pulseDocs('response', pulse.pulseId)).some((doc) => doc.userId === member6)).toBe(false);
    expect(
      (await pulseDocs('delivery', pulse.pulseId)).find((doc) => doc.userId === member6)?.respondedAt,
    ).toBeUndefined();
    expect((await pulseDocs('pulse', pulse.pulseId))[0].responses).toBe(5);

    // Closing again shows the results stored with the close, even if a response document appeared since.
    await bot.containers.pulses.items.create({
      id: `response|${pulse.pulseId}|written-after-close`,
      type: 'response',
      tenantId: TENANT,
      pulseId: pulse.pulseId,
      userId: 'written-after-close',
      answers: Object.fromEntries(
        Object.keys(answersFor(pulseCardOf(service, service.members[7].id), '1'))
          .filter((key) => key.startsWith('answer.'))
          .map((key) => [key.slice('answer.'.length), '1']),
      ),
      submittedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const again = await close();
    expect(saidIn(again)).toMatch(/already closed/);
    expect(cardText(cardsOf(again).at(-1))).toBe(firstResults);
  });

  it('refuses an answer sent after the close with a kind message and stores nothing', async () => {
    expect(saidIn(await startPulse(member(0), service, { threshold: '5' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const { resources } = await bot.containers.pulses.items
      .query('SELECT VALUE c.pulseId FROM c WHERE c.type = "pulse" AND c.status = "open"')
      .fetchAll();
    const pulseId = resources[0] as string;
    await inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId } });
    const reply = await member(3).submit(answersFor(pulseCardOf(service, service.members[3].id), '2'));
    expect(saidIn(reply)).toMatch(/This pulse has closed .*Thank you all the same/);
    expect(await pulseDocs('response', pulseId)).toEqual([]);
  });
});
