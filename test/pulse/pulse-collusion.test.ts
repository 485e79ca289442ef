import { cardsOf, cardText, startTestBot, submitData, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, inChannel, pulseCardOf, saidIn, setupInputs, startPulse, CHANNEL_ID } from './pulse-chat';

jest.setTimeout(60_000);

const services: FakeTeamsService[] = [];
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ env: { PULSE_POLICY: 'anyone', PULSE_COMMENT_THRESHOLD: '3' } });
});
afterAll(async () => {
  await bot?.close();
  for (const service of services) await service.close();
});

async function team(members: number): Promise<FakeTeamsService> {
  const service = await FakeTeamsService.start(members);
  services.push(service);
  return service;
}

const person = (service: FakeTeamsService, index: number) =>
  bot.user(service.members[index].aadObjectId, service.members[index].name);

async function pulses(): Promise<Array<{ pulseId: string; status: string; createdBy: string }>> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources as Array<{ pulseId: string; status: string; createdBy: string }>;
}

const oneToOneSends = (service: FakeTeamsService) =>
  service.of('send').filter((request) => request.conversationId?.startsWith('a:1on1|') && request.status === 200);

describe('pulse anonymity against its own sender (real bot over HTTP, embedded Cosmos, FAKE Teams channel service)', () => {
  it('refuses at set-up a group chat of sender, accomplice and victim, and a threshold the audience cannot carry', async () => {
    const chat = await team(3);
    const inGroupChat = (fields: Record<string, unknown>) =>
      person(chat, 0).post({
        type: 'message',
        serviceUrl: chat.url,
        recipient: { id: chat.botId, name: 'Strategy Guide' },
        conversation: {
          id: '19:three-of-us@thread.v2',
          name: 'The three of us',
          conversationType: 'groupChat',
          tenantId: TENANT,
          isGroup: true,
        },
        channelData: { tenant: { id: TENANT } },
        ...fields,
      });
    const setup = cardsOf(await inGroupChat({ text: '<at>Strategy Guide</at> pulse' })).at(-1) ?? {};
    const refused = await inGroupChat({
      value: { ...setupInputs({ threshold: '3' }), ...submitData(setup, 'Send the pulse') },
    });
    expect(cardText(cardsOf(refused).at(-1))).toMatch(/too small for a pulse: it would go to 2 people besides you/);
    expect(await pulses()).toEqual([]);
    expect(oneToOneSends(chat)).toEqual([]);

    // A team of 8: 7 people besides the sender carry a threshold of 5, not 6.
    const eight = await team(8);
    const tooHigh = await startPulse(person(eight, 0), eight, { threshold: '6' });
    expect(cardText(cardsOf(tooHigh).at(-1))).toMatch(
      /threshold of 6, a pulse needs at least 8 people besides you.*this team has 7 people\. Lower the threshold to 5/,
    );
    expect(await pulses()).toEqual([]);
  });

  it('does not send the pulse to its sender, whose answer therefore can never count', async () => {
    const eight = await team(8);
    expect(saidIn(await startPulse(person(eight, 0), eight, { threshold: '3' }))).toMatch(/everyone here but you/);
    await bot.app.pulses.jobs.idle();
    const sent = oneToOneSends(eight).map((request) => request.conversationId);
    expect(sent).toHaveLength(7);
    expect(sent).not.toContain(`a:1on1|${eight.members[0].id}`);
    const [pulse] = (await pulses()).filter((doc) => doc.status === 'open');

    // The sender forges an answer with an accomplice's card: refused, nothing counted.
    const forged = await person(eight, 0).submit(answersFor(pulseCardOf(eight, eight.members[1].id), '1'));
    expect(saidIn(forged)).toMatch(/wasn't sent to you/);
    for (const index of [1, 2])
      await person(eight, index).submit(answersFor(pulseCardOf(eight, eight.members[index].id), '5'));
    // Sender + accomplice + victim: with the sender's answer not counting, two answers stay below the threshold of 3.
    const results = cardsOf(
      await inChannel(person(eight, 0), eight, { value: { sg: 'pulse', action: 'close', pulseId: pulse.pulseId } }),
    ).at(-1);
    expect(JSON.stringify(results)).toMatch(/"Answers","value":"2 of 7"/);
    expect(cardText(results)).toMatch(/only the count is shown/);
  });

  it('checks the audience again at send time: a roster that shrank since the set-up gets nothing and the channel is told', async () => {
    const shrinking = await team(8);
    shrinking.fault = ({ kind, index }) => {
      // The set-up read the roster first (8 people); by the time the pulse goes out, four have left.
      if (kind === 'roster' && index === 1) shrinking.members.splice(4);
      return undefined;
    };
    expect(saidIn(await startPulse(person(shrinking, 0), shrinking, { threshold: '5' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    expect(oneToOneSends(shrinking)).toEqual([]);
    // Every other pulse of this file is closed by now.
    const [pulse] = (await pulses()).filter((doc) => doc.status !== 'closed');
    expect(pulse.status).toBe('cancelled');
    const channelCard = shrinking
      .of('update')
      .filter((request) => request.conversationId === CHANNEL_ID)
      .at(-1);
    expect(cardText((channelCard?.body?.attachments as { content: unknown }[])[0].content)).toMatch(
      /was not sent: there are too few people/,
    );
    const close = await inChannel(person(shrinking, 0), shrinking, {
      value: { sg: 'pulse', action: 'close', pulseId: pulse.pulseId },
    });
    expect(saidIn(close)).toMatch(/never sent/);
  });

  it('takes names, mentions and e-mail addresses out of comments, as in the leadership quotes', async () => {
    const eight = await team(8);
    expect(saidIn(await startPulse(person(eight, 0), eight, { threshold: '3' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const comments = [
      'Thanks to <at>Priya Shah</at> for the training.',
      'Ask jonas.berg@contoso.com or @jberg about the pilot.',
      'I agree with Maria Lopez on this.',
    ];
    for (const [offset, comment] of comments.entries())
      await person(eight, offset + 1).submit(
        answersFor(pulseCardOf(eight, eight.members[offset + 1].id), '4', comment),
      );
    const [pulse] = (await pulses()).filter((doc) => doc.status === 'open');
    const results = cardText(
      cardsOf(
        await inChannel(person(eight, 0), eight, { value: { sg: 'pulse', action: 'close', pulseId: pulse.pulseId } }),
      ).at(-1),
    );
    expect(results).toMatch(/Comments/);
    expect(results).toContain('Thanks to [name] for the training.');
    expect(results).toContain('Ask [name] or [name] about the pilot.');
    expect(results).toContain('I agree with [name] on this.');
    for (const name of ['Priya', 'Shah', 'jonas', 'jberg', 'Maria', 'Lopez']) expect(results).not.toContain(name);
  });
});
