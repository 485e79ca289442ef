import { jsonLogger } from '../../src/logging/logger';
import { startTestBot, submitData, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, inChannel, pulseCardOf, startPulse } from './pulse-chat';

jest.setTimeout(60_000);

const lines: string[] = [];
let bot: TestBot;
let service: FakeTeamsService;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({ logger: jsonLogger((line) => lines.push(line)), env: { PULSE_POLICY: 'anyone' } });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

describe('pulse logs (pulses through the FAKE Teams channel service)', () => {
  it('hold ids and counts, never a comment, an answer token or the setup token', async () => {
    const secret = 'Confidential-pulse-remark-91c2';
    const sender = bot.user(service.members[0].aadObjectId);
    await startPulse(sender, service);
    await bot.app.pulses.jobs.idle();
    const card = pulseCardOf(service, service.members[1].id);
    const token = String(submitData(card, 'Send my answers').token);
    await bot.user(service.members[1].aadObjectId).submit(answersFor(card, '4', secret));
    const pulseId = String(submitData(card, 'Send my answers').pulseId);
    await inChannel(sender, service, { value: { sg: 'pulse', action: 'close', pulseId } });

    const events = lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['pulse.created', 'pulse.response', 'pulse.closed']));
    const all = lines.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(token);
  });
});
