import { cardsOf, cardText, startTestBot, submitData, textsOf, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answersFor, inChannel, pulseCardOf, saidIn, startPulse } from '../pulse/pulse-chat';

jest.setTimeout(60_000);

let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({ env: { PULSE_POLICY: 'anyone', PULSE_COMMENT_THRESHOLD: '3' } });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);

async function everyPulseDoc(): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: TENANT }] })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

describe('deleting my data after a pulse closed (real bot over HTTP, embedded Cosmos, FAKE Teams channel service)', () => {
  it('keeps my answers in the results, unlinked, and my comment only scrubbed: never word for word with a way back to me', async () => {
    expect(saidIn(await startPulse(member(0), service, { threshold: '3' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const mine = 'Ask Priya Shah in finance, she knows the numbers';
    await member(1).submit(answersFor(pulseCardOf(service, service.members[1].id), '2', mine));
    await member(2).submit(answersFor(pulseCardOf(service, service.members[2].id), '4', 'Good start'));
    await member(3).submit(answersFor(pulseCardOf(service, service.members[3].id), '4', 'More training please'));
    const { resources } = await bot.containers.pulses.items
      .query('SELECT VALUE c.pulseId FROM c WHERE c.type = "pulse" AND c.status = "open"')
      .fetchAll();
    const close = () =>
      inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId: resources[0] } });
    const before = cardText(cardsOf(await close()).at(-1));
    expect(before).toContain('Ask [name] in finance, she knows the numbers');
    expect(before).not.toContain('Priya');

    const leaver = member(1);
    const confirm = cardsOf(await leaver.say('delete my data')).at(-1);
    expect(textsOf(await leaver.submit(submitData(confirm ?? {}, 'Yes, delete everything'))).join(' ')).toMatch(
      /1 pulse answer/,
    );

    const docs = await everyPulseDoc();
    const userId = service.members[1].aadObjectId.toLowerCase();
    expect(docs.filter((doc) => JSON.stringify(doc).includes(userId))).toEqual([]);
    expect(docs.filter((doc) => JSON.stringify(doc).includes('Priya'))).toEqual([]);
    const kept = docs.filter((doc) => doc.type === 'response' && String(doc.id).includes('anonymous-'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ comment: 'Ask [name] in finance, she knows the numbers' });
    expect(
      Object.keys(kept[0])
        .filter((key) => !key.startsWith('_'))
        .sort(),
    ).toEqual(['answers', 'comment', 'id', 'pulseId', 'tenantId', 'type']);
    // The results, stored when it closed, are what closing again shows: unchanged.
    expect(cardText(cardsOf(await close()).at(-1))).toBe(before);
  });
});
