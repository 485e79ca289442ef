import { jsonLogger } from '../../src/logging/logger';
import { cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, CHANNEL_ID, pulseCardOf, saidIn, startPulse } from './pulse-chat';

jest.setTimeout(60_000);

let service: FakeTeamsService;
let bot: TestBot;
let now = Date.now();
const logLines: string[] = [];
const clock = () => new Date(now);

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock,
    logger: jsonLogger((line) => logLines.push(line)),
    env: { PULSE_POLICY: 'anyone' },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const cardsSentTo = (conversationId: string) =>
  service
    .of('send')
    .filter((request) => request.conversationId === conversationId && request.status === 200)
    .map((request) => cardText((request.body?.attachments as { content: unknown }[])[0].content));

describe('pulse deadlines and reminders (kept in Cosmos, injected clock, FAKE Teams channel service)', () => {
  it('reminds only non-responders before the deadline and closes at it, after a restart and with two instances ticking', async () => {
    const inThreeDays = new Date(now + 3 * 86_400_000).toISOString().slice(0, 10);
    const started = await startPulse(member(0), service, {
      deadlineDate: inThreeDays,
      deadlineTime: '12:00',
      reminder: '24',
    });
    expect(saidIn(started)).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    await member(1).submit(answersFor(pulseCardOf(service, service.members[1].id), '4'));

    // Nothing is due yet.
    await bot.app.pulses.scheduler.tick();
    await bot.app.pulses.jobs.idle();
    expect(
      service.members.flatMap((m) => cardsSentTo(`a:1on1|${m.id}`)).filter((text) => text.startsWith('Reminder')),
    ).toEqual([]);

    // Past the reminder time, on a freshly started instance: the schedule comes from Cosmos.
    const { resources } = await bot.containers.pulses.items
      .query({
        query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse"',
        parameters: [{ name: '@t', value: TENANT }],
      })
      .fetchAll();
    const pulse = resources[0] as { reminderAt: string; deadline: string };
    now = Date.parse(pulse.reminderAt) + 60_000;
    await bot.restart();
    await bot.app.pulses.scheduler.tick();
    await bot.app.pulses.jobs.idle();
    await bot.app.pulses.scheduler.tick();
    await bot.app.pulses.jobs.idle();
    for (const [index, m] of service.members.entries()) {
      const reminders = cardsSentTo(`a:1on1|${m.id}`).filter((text) => text.startsWith('Reminder'));
      // The sender never got the pulse; member 1 answered.
      expect([index, reminders.length]).toEqual([index, index <= 1 ? 0 : 1]);
    }

    // Past the deadline, two instances tick at once: the results go to the channel exactly once.
    now = Date.parse(pulse.deadline) + 60_000;
    const other = await bot.secondInstance();
    await Promise.all([bot.app.pulses.scheduler.tick(), other.pulses.scheduler.tick()]);
    await bot.app.pulses.scheduler.tick();
    const results = cardsSentTo(CHANNEL_ID).filter((text) => text.startsWith('Pulse results'));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatch(/only the count is shown/);
    expect(saidIn(await member(2).submit(answersFor(pulseCardOf(service, service.members[2].id), '4')))).toMatch(
      /closed/,
    );
  });

  it('results that fail to reach the channel at the deadline are posted by a later tick, once', async () => {
    now = Date.now();
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const started = await startPulse(member(0), service, { deadlineDate: tomorrow, deadlineTime: '23:00' });
    expect(saidIn(started)).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const deadline = Date.parse((await openPulse()).deadline);
    const resultsInChannel = () => cardsSentTo(CHANNEL_ID).filter((text) => text.startsWith('Pulse results'));
    const before = resultsInChannel().length;

    service.fault = ({ kind, conversationId }) =>
      kind === 'send' && conversationId === CHANNEL_ID ? { status: 503, code: 'ServiceUnavailable' } : undefined;
    now = deadline + 60_000;
    await bot.app.pulses.scheduler.tick();
    expect(resultsInChannel()).toHaveLength(before);

    // The channel service is back; within the minute between tries nothing is sent, after it exactly once.
    service.fault = () => undefined;
    now += 30_000;
    await bot.app.pulses.scheduler.tick();
    expect(resultsInChannel()).toHaveLength(before);
    now += 31_000;
    const other = await bot.secondInstance();
    await Promise.all([bot.app.pulses.scheduler.tick(), other.pulses.scheduler.tick()]);
    now += 120_000;
    await bot.app.pulses.scheduler.tick();
    expect(resultsInChannel()).toHaveLength(before + 1);
  });

  it('gives up posting results at once when the channel is gone (403), and logs it', async () => {
    now = Date.now();
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    expect(saidIn(await startPulse(member(0), service, { deadlineDate: tomorrow, deadlineTime: '23:00' }))).toMatch(
      /on its way/,
    );
    await bot.app.pulses.jobs.idle();
    const pulse = await openPulse();
    const channelSends = () => service.of('send').filter((request) => request.conversationId === CHANNEL_ID).length;

    service.fault = ({ kind, conversationId }) =>
      kind === 'send' && conversationId === CHANNEL_ID
        ? { status: 403, code: 'BotNotInConversationRoster' }
        : undefined;
    now = Date.parse(pulse.deadline) + 60_000;
    await bot.app.pulses.scheduler.tick();
    const tried = channelSends();
    now += 5 * 60_000;
    await bot.app.pulses.scheduler.tick();
    service.fault = () => undefined;
    expect(channelSends()).toBe(tried);
    const stored = await bot.containers.pulses.item(pulse.id, [TENANT, pulse.pulseId]).read();
    expect(stored.resource).toMatchObject({ status: 'closed', resultsDue: false });
    const logged = logLines.map((line) => JSON.parse(line) as { event: string; status?: number });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'pulse.results.gave-up', status: 403 }));
  });

  it('resumes a reminder round cut short (a crash or a shutdown): each non-responder gets one reminder', async () => {
    now = Date.now();
    const inThreeDays = new Date(now + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(
      saidIn(
        await startPulse(member(0), service, { deadlineDate: inThreeDays, deadlineTime: '12:00', reminder: '24' }),
      ),
    ).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    await member(1).submit(answersFor(pulseCardOf(service, service.members[1].id), '4'));
    const remindersTo = (index: number) =>
      cardsSentTo(`a:1on1|${service.members[index].id}`).filter((text) => text.startsWith('Reminder')).length;
    const before = service.members.map((_, index) => remindersTo(index));

    // The round was claimed, then the instance went away before reminding anyone.
    const pulse = await openPulse();
    await bot.containers.pulses.item(pulse.id, [TENANT, pulse.pulseId]).patch([
      { op: 'set', path: '/remindedAt', value: new Date(now).toISOString() },
      { op: 'set', path: '/reminderRound', value: 'sending' },
    ]);
    await bot.restart();
    for (let tick = 0; tick < 3; tick++) {
      await bot.app.pulses.scheduler.tick();
      await bot.app.pulses.jobs.idle();
    }
    const added = service.members.map((_, index) => remindersTo(index) - before[index]);
    expect(added).toEqual(service.members.map((_, index) => (index <= 1 ? 0 : 1)));
    const stored = await bot.containers.pulses.item(pulse.id, [TENANT, pulse.pulseId]).read();
    expect(stored.resource?.reminderRound).toBe('done');
  });
});

/** The one open pulse of the test tenant (each test closes its own before the next starts one). */
async function openPulse(): Promise<{ id: string; pulseId: string; deadline: string }> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse" AND c.status = "open"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  if (resources.length !== 1) throw new Error(`expected one open pulse, found ${resources.length}`);
  return resources[0] as { id: string; pulseId: string; deadline: string };
}
