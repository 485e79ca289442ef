import { pressedValue } from '../../scripts/bench/press-button';
import { inputsOf } from '../cards-sent/drive';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, CHANNEL_ID, inChannel, pulseCardOf, saidIn, setupInputs } from './pulse-chat';

jest.setTimeout(60_000);

// Friday 23 October 2026, 12:00 in Berlin (summer time); Berlin's clocks go back on Sunday 25 October.
let now = Date.parse('2026-10-23T10:00:00Z');
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({ clock: () => new Date(now), env: { PULSE_POLICY: 'anyone' } });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);

/** `@Strategy Guide pulse`, then Send on the setup card with `typed`, both from a Teams client in `localTimezone`. */
async function startPulseIn(localTimezone: string, typed: Record<string, string>) {
  const asked = await inChannel(member(0), service, { text: '<at>Strategy Guide</at> pulse', localTimezone });
  const setup = cardsOf(asked).at(-1);
  if (!setup) throw new Error('no setup card');
  const started = await inChannel(member(0), service, {
    value: pressedValue(setup, 'Send the pulse', setupInputs(typed)),
    localTimezone,
  });
  await bot.app.pulses.jobs.idle();
  return { setup, started };
}

async function newestPulse(): Promise<Record<string, unknown>> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse" ORDER BY c.createdAt DESC',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources[0] as Record<string, unknown>;
}

const channelCards = () =>
  service
    .of('send')
    .filter((request) => request.conversationId === CHANNEL_ID && request.status === 200)
    .map((request) => JSON.stringify(request.body));

describe('pulse times in the sender’s time zone (real bot over HTTP, FAKE Teams channel service, injected clock)', () => {
  it('reads a deadline after the autumn change as Berlin wall time and shows it as Berlin time on every card', async () => {
    const { setup, started } = await startPulseIn('Europe/Berlin', {
      deadlineDate: '2026-10-28',
      deadlineTime: '17:00',
      reminder: '24',
    });
    // The setup card proposes three days out on the Berlin calendar and says which zone its time is in.
    expect(inputsOf(setup).find((input) => input.id === 'deadlineDate')?.value).toBe('2026-10-26');
    expect(JSON.stringify(setup)).toContain('Deadline: time (Berlin time)');
    expect(saidIn(started)).toContain('It closes Wed 28 Oct, 17:00 Berlin time.');
    expect(saidIn(started)).not.toMatch(/UTC/);

    const pulse = await newestPulse();
    // 17:00 in Berlin after the change is 16:00Z (it would be 15:00Z in summer time).
    expect(pulse).toMatchObject({
      deadline: '2026-10-28T16:00:00.000Z',
      reminderAt: '2026-10-27T16:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    const card = pulseCardOf(service, service.members[1].id);
    expect(cardText(card)).toContain('You can change yours until the pulse closes (Wed 28 Oct, 17:00 Berlin time).');
    expect(channelCards().at(-1)).toContain('"title":"Closes","value":"Wed 28 Oct, 17:00 Berlin time"');

    // A member in New York is answered in their own zone (still summer time there); one without a zone in the pulse's.
    const inNewYork = await member(1).post({
      type: 'message',
      value: answersFor(card, '4'),
      localTimezone: 'America/New_York',
    });
    expect(saidIn(inNewYork)).toContain('until Wed 28 Oct, 12:00 New York time');
    const noZone = await member(2).submit(answersFor(pulseCardOf(service, service.members[2].id), '4'));
    expect(saidIn(noZone)).toContain('until Wed 28 Oct, 17:00 Berlin time');

    // The reminder goes out later with no activity to read a zone from: the stored one is used.
    now = Date.parse('2026-10-27T16:01:00Z');
    await bot.app.pulses.scheduler.tick();
    await bot.app.pulses.jobs.idle();
    expect(cardText(pulseCardOf(service, service.members[3].id))).toContain(
      'Reminder: this pulse closes Wed 28 Oct, 17:00 Berlin time',
    );

    // Still open an hour before the Berlin deadline (15:30Z); closed by the scheduler just after it.
    now = Date.parse('2026-10-28T15:30:00Z');
    await bot.app.pulses.scheduler.tick();
    expect(await newestPulse()).toMatchObject({ status: 'open' });
    now = Date.parse('2026-10-28T16:01:00Z');
    await bot.app.pulses.scheduler.tick();
    expect(await newestPulse()).toMatchObject({ status: 'closed', closedBy: 'deadline' });
  });

  it('falls back to UTC for a forged or unknown zone, saying so, without failing the turn', async () => {
    now = Date.parse('2026-10-29T09:00:00Z');
    const { setup, started } = await startPulseIn('Mars/Olympus_Mons<script>', {
      deadlineDate: '2026-11-02',
      deadlineTime: '17:00',
    });
    expect(JSON.stringify(setup)).toContain('Deadline: time (UTC)');
    expect(saidIn(started)).toContain('It closes Mon 2 Nov, 17:00 UTC.');
    expect(await newestPulse()).toMatchObject({ deadline: '2026-11-02T17:00:00.000Z', timeZone: 'UTC' });
    expect(JSON.stringify(await newestPulse())).not.toContain('Mars');
  });
});
