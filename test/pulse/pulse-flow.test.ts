import { randomUUID } from 'node:crypto';
import { cardsOf, cardText, startTestBot, submitData, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { validateCard } from '../cards/validate-card';
import { answersFor, askForPulse, inChannel, pulseCardOf, saidIn, startPulse, CHANNEL_ID } from './pulse-chat';

jest.setTimeout(60_000);

const ADMIN = 'cccccccc-0000-4000-8000-000000000001';
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    env: { PULSE_POLICY: 'managers', MANAGER_IDS: service.members[0].aadObjectId, ADMIN_IDS: ADMIN },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const manager = () => member(0);

async function pulseDocs(): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: TENANT }] })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

/** Starts a pulse and waits until its fan-out is done; returns its id. */
async function sentPulse(overrides: Record<string, string> = {}): Promise<string> {
  const before = new Set((await pulseDocs()).filter((doc) => doc.type === 'pulse').map((doc) => doc.pulseId));
  const reply = await startPulse(manager(), service, overrides);
  expect(saidIn(reply)).toMatch(/on its way/);
  await bot.app.pulses.jobs.idle();
  const created = (await pulseDocs()).find((doc) => doc.type === 'pulse' && !before.has(doc.pulseId));
  return String(created?.pulseId);
}

async function respond(index: number, rating: string, comment?: string) {
  return member(index).submit(answersFor(pulseCardOf(service, service.members[index].id), rating, comment));
}

async function closeAs(user: ReturnType<typeof member>, pulseId: string) {
  return inChannel(user, service, { value: { sg: 'pulse', action: 'close', pulseId } });
}

async function closeAsManager(pulseId: string) {
  return closeAs(manager(), pulseId);
}

describe('team pulse in a channel (real bot over HTTP, embedded Cosmos, FAKE Teams channel service)', () => {
  it('refuses someone the policy does not allow, for the command and for a forged setup submit, storing nothing', async () => {
    const outsider = member(3);
    const asked = await askForPulse(outsider, service);
    expect(saidIn(asked)).toMatch(/Only managers can start a pulse/);
    expect(cardsOf(asked)).toHaveLength(0);
    const forged = await inChannel(outsider, service, {
      value: { sg: 'pulse', action: 'create', token: 'forgedtoken123', templateId: 'ai-readiness' },
    });
    expect(saidIn(forged)).toMatch(/Only managers/);
    expect(await pulseDocs()).toEqual([]);
  });

  it('lets a manager granted in chat by an admin start pulses, until the role is revoked', async () => {
    const person = member(4);
    const id = service.members[4].aadObjectId;
    expect(saidIn(await askForPulse(person, service))).toMatch(/Only managers can start a pulse/);
    const admin = bot.user(ADMIN, 'Admin');
    expect(saidIn(await admin.say(`grant manager ${id}`))).toMatch(/granted/i);
    expect(cardText(cardsOf(await askForPulse(person, service)).at(-1))).toMatch(/Start a team pulse/);
    expect(saidIn(await admin.say('list roles'))).toContain(`managers: ${id}`);
    expect(saidIn(await admin.say(`revoke manager ${id}`))).toMatch(/revoked|removed/i);
    expect(saidIn(await askForPulse(person, service))).toMatch(/Only managers can start a pulse/);
  });

  it('offers a Start a team pulse button on the channel card, which opens the setup card', async () => {
    const notice = cardsOf(await inChannel(manager(), service, { text: '<at>Strategy Guide</at> hello' })).at(-1);
    const pressed = await inChannel(manager(), service, { value: submitData(notice ?? {}, 'Start a team pulse') });
    expect(cardText(cardsOf(pressed).at(-1))).toMatch(/Start a team pulse/);
  });

  it('gives a manager a valid setup card and sends it back with a clear message for a threshold below 3', async () => {
    const setup = cardsOf(await askForPulse(manager(), service)).at(-1);
    expect(setup).toBeDefined();
    expect(validateCard(setup)).toEqual([]);
    const reply = await inChannel(manager(), service, {
      value: {
        ...submitData(setup ?? {}, 'Send the pulse'),
        templateId: 'ai-readiness',
        threshold: '2',
        deadlineDate: '2099-01-01',
        deadlineTime: '10:00',
        reminder: 'none',
      },
    });
    const again = cardsOf(reply).at(-1);
    expect(cardText(again)).toMatch(/can't be below 3/);
    expect(validateCard(again)).toEqual([]);
    expect(await pulseDocs()).toEqual([]);
  });

  it('sends every member but the sender one valid 1:1 card and posts a channel card updated in place with the count', async () => {
    const sendsBefore = service.of('send').length;
    const pulseId = await sentPulse();
    const sends = service.of('send').slice(sendsBefore);
    const oneToOne = sends.filter((request) => request.conversationId?.startsWith('a:1on1|'));
    expect(oneToOne).toHaveLength(7);
    expect(oneToOne.map((request) => request.conversationId)).not.toContain(`a:1on1|${service.members[0].id}`);
    const channelCard = sends.find((request) => request.conversationId === CHANNEL_ID);
    expect(channelCard).toBeDefined();
    for (const request of sends) {
      const card = (request.body?.attachments as { content: unknown }[])[0].content;
      expect(validateCard(card)).toEqual([]);
    }
    await respond(1, '4');
    await bot.app.pulses.scheduler.tick();
    const update = service.of('update').at(-1);
    expect(update?.activityId).toBe(channelCard?.activityId);
    expect(JSON.stringify(update?.body)).toMatch(/"Answers so far","value":"1 of 7"/);
    await closeAsManager(pulseId);
  });

  it('4 answers with threshold 5: the results card shows only the count', async () => {
    // One member cannot be messaged (the app is not installed for them): the results say so.
    const unreachable = service.members[7].id;
    service.fault = ({ kind, memberId }) =>
      kind === 'create' && memberId === unreachable ? { status: 403, code: 'ConversationBlockedByUser' } : undefined;
    const pulseId = await sentPulse().finally(() => {
      service.fault = () => undefined;
    });
    for (const index of [1, 2, 3, 4]) expect(saidIn(await respond(index, '5'))).toMatch(/answers are in/);
    const results = cardsOf(await closeAsManager(pulseId)).at(-1);
    expect(validateCard(results)).toEqual([]);
    const text = cardText(results);
    expect(JSON.stringify(results)).toMatch(/"Answers","value":"4 of 6"/);
    expect(JSON.stringify(results)).toMatch(/"Not reached","value":"1 \(/);
    expect(text).toMatch(/only the count is shown/);
    expect(text).not.toMatch(/Mean/);
    // Closing again (the first reply may never have arrived) shows the same results again.
    const again = await closeAsManager(pulseId);
    expect(saidIn(again)).toMatch(/already closed\. Here are its results/);
    expect(cardText(cardsOf(again).at(-1))).toBe(text);
  });

  it('5 answers: distribution, mean and favourability per question; comments stay hidden below 10', async () => {
    const pulseId = await sentPulse({ templateId: 'ai-readiness' });
    for (const index of [1, 2, 3, 4, 5]) await respond(index, index % 2 === 0 ? '4' : '2', 'a private remark');
    const reply = await closeAsManager(pulseId);
    const results = cardsOf(reply).at(-1);
    expect(validateCard(results)).toEqual([]);
    const text = cardText(results);
    expect(text).toMatch(/Mean 2\.8 of 5 · 40% favourable \(4 or 5\) · 5 answered/);
    expect(text).toMatch(/Comments are shown from 10 answers/);
    expect(JSON.stringify(results)).toMatch(/"type":"Chart.HorizontalBar"/);
    expect(JSON.stringify(results)).not.toMatch(/private remark/);
    // The channel card now says the pulse is closed.
    expect(cardText((service.of('update').at(-1)?.body?.attachments as { content: unknown }[])[0].content)).toMatch(
      /closed/,
    );
  });

  it('takes one response per person, editable until close; refuses forged, foreign, tampered and late submits', async () => {
    const pulseId = await sentPulse();
    const card = pulseCardOf(service, service.members[2].id);
    expect(saidIn(await member(2).submit(answersFor(card, '3')))).toMatch(/answers are in/);
    expect(saidIn(await member(2).submit(answersFor(card, '5')))).toMatch(/Updated/);
    const countResponses = async () =>
      (await pulseDocs()).filter((doc) => doc.type === 'response' && doc.pulseId === pulseId);
    expect(await countResponses()).toHaveLength(1);
    expect((await pulseDocs()).find((doc) => doc.type === 'pulse' && doc.pulseId === pulseId)?.responses).toBe(1);

    const stranger = bot.user(randomUUID(), 'Not In The Team');
    const cases: [string, Promise<import('../support/bot-harness').TurnReply>, RegExp][] = [
      [
        'forged pulse id',
        member(3).submit({ ...answersFor(card, '3'), pulseId: 'f'.repeat(32) }),
        /don't recognise that pulse/,
      ],
      [
        'malformed pulse id',
        member(3).submit({ ...answersFor(card, '3'), pulseId: '../../x' }),
        /don't recognise that pulse/,
      ],
      ["someone else's pulse", stranger.submit(answersFor(card, '3')), /wasn't sent to you/],
      ["another member's card", member(3).submit(answersFor(card, '3')), /don't recognise that pulse/],
      [
        'unknown option',
        member(3).submit({
          ...answersFor(pulseCardOf(service, service.members[3].id), '3'),
          'answer.lb-commitment': '9',
        }),
        /isn't an option/,
      ],
      [
        'extra question',
        member(3).submit({ ...answersFor(pulseCardOf(service, service.members[3].id), '3'), 'answer.dr-data': '3' }),
        /doesn't ask/,
      ],
      [
        'missing answer',
        member(3).submit({ ...submitData(pulseCardOf(service, service.members[3].id), 'Send my answers') }),
        /answer every question/,
      ],
    ];
    for (const [, pending, message] of cases) expect(saidIn(await pending)).toMatch(message);
    expect(await countResponses()).toHaveLength(1);

    const refusedClose = await inChannel(member(3), service, { value: { sg: 'pulse', action: 'close', pulseId } });
    expect(saidIn(refusedClose)).toMatch(/Only the person who started this pulse/);
    await closeAsManager(pulseId);
    expect(saidIn(await member(2).submit(answersFor(card, '1')))).toMatch(/closed/);
    const [stored] = await countResponses();
    expect(Object.values(stored.answers as Record<string, string>).every((value) => value === '5')).toBe(true);
  });

  it('lets an admin granted in chat close someone else’s pulse, and refuses a granted leader', async () => {
    const pulseId = await sentPulse();
    const admin = bot.user(ADMIN, 'Admin');
    const [leaderId, adminId] = [service.members[5].aadObjectId, service.members[6].aadObjectId];
    await admin.say(`grant leader ${leaderId}`);
    await admin.say(`grant admin ${adminId}`);
    try {
      expect(saidIn(await closeAs(member(5), pulseId))).toMatch(/Only the person who started this pulse/);
      expect(cardText(cardsOf(await closeAs(member(6), pulseId)).at(-1))).toMatch(/Pulse results/);
    } finally {
      await admin.say(`revoke leader ${leaderId}`);
      await admin.say(`revoke admin ${adminId}`);
    }
  });
});
