/**
 * Activities other than messages, sent while the user is in the middle of a question: Teams expects no
 * reply to typing, reactions, membership changes it does not concern the bot, installation updates and
 * unknown events; an invoke gets its 200 and nothing else. None of them stores anything or moves the
 * user off their question. An activity with neither an Entra object id nor a tenant never gets a 5xx.
 */
import { cardsOf, textsOf, startTestBot, type TestBot, type TestUser } from '../support/bot-harness';
import { cardKind } from '../cards-sent/drive';
import {
  expectSilence,
  expectStillOn,
  leaksIn,
  openQuestion,
  postAs,
  storedState,
  userDocs,
  type Card,
} from './checks';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

const BOT = { id: '28:strategy-guide', name: 'Strategy Guide' };

const SILENT: [string, Record<string, unknown>][] = [
  ['typing', { type: 'typing' }],
  ['a reaction added to a card', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: '1:abc' }],
  ['a reaction removed', { type: 'messageReaction', reactionsRemoved: [{ type: 'heart' }], replyToId: '1:abc' }],
  [
    'conversationUpdate: someone else added',
    { type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else', name: 'Grace' }] },
  ],
  [
    'conversationUpdate: someone removed',
    { type: 'conversationUpdate', membersRemoved: [{ id: '29:someone-else', name: 'Grace' }] },
  ],
  [
    'conversationUpdate: no members at all (a rename)',
    { type: 'conversationUpdate', channelData: { eventType: 'teamRenamed' } },
  ],
  ['installationUpdate: add', { type: 'installationUpdate', action: 'add' }],
  ['installationUpdate: remove', { type: 'installationUpdate', action: 'remove' }],
  ['an event with an unknown name', { type: 'event', name: 'application/vnd.frobnicate', value: { x: 1 } }],
  [
    'messageUpdate (an edited message)',
    { type: 'messageUpdate', text: 'start', channelData: { eventType: 'editMessage' } },
  ],
  ['messageDelete', { type: 'messageDelete', channelData: { eventType: 'softDeleteMessage' } }],
  ['an activity type nobody knows', { type: 'frobnicate', text: 'start' }],
];

/** A user on the first question, with its card. */
async function midQuestion(): Promise<{ user: TestUser; card: Card }> {
  const user = bot.user();
  return { user, card: await openQuestion(user, 'bi-industry-impact') };
}

describe('activities Teams expects no reply to', () => {
  it.each(SILENT)('%s: HTTP 200, no reply, nothing stored, still on the question', async (_name, activity) => {
    const { user, card } = await midQuestion();
    const before = await storedState(bot, user);
    const reply = await postAs(user, activity);
    expectSilence(reply);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: '4' });
  });

  it.each(SILENT)(
    '%s from someone the bot has never seen: no reply and no session created',
    async (_name, activity) => {
      const user = bot.user();
      const reply = await postAs(user, activity);
      expectSilence(reply);
      expect(await storedState(bot, user)).toEqual({ answers: {}, aggregates: expect.anything(), person: null });
      expect(await userDocs(bot, 'session', user.aadObjectId)).toEqual([]);
    },
  );
});

describe('an invoke with an unknown name', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      'adaptiveCard/action (Universal Actions) with an unknown verb',
      { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'frobnicate' } } },
    ],
    ['a name nobody knows', { name: 'frobnicate/now', value: { anything: true } }],
    ['no name at all', { value: null }],
  ])('%s, with expectReplies: HTTP 200 and only an invoke response of 200', async (_name, invoke) => {
    const { user, card } = await midQuestion();
    const before = await storedState(bot, user);
    const reply = await postAs(user, { type: 'invoke', ...invoke });
    expect(reply.status).toBe(200);
    expect(reply.activities.map((activity) => activity.type)).toEqual(['invokeResponse']);
    expect((reply.activities[0] as { value?: unknown }).value).toEqual({ status: 200 });
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: '4' });
  });

  it('as Teams sends it (no deliveryMode): HTTP 200, nothing stored, still on the question', async () => {
    const { user, card } = await midQuestion();
    const before = await storedState(bot, user);
    const reply = await postAs(user, { type: 'invoke', name: 'frobnicate/now', value: {}, deliveryMode: undefined });
    expect(reply.status).toBe(200);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: '4' });
  });
});

describe('the bot added to the chat', () => {
  it('conversationUpdate with the bot among the members added: the welcome card, once', async () => {
    const user = bot.user();
    const added = {
      type: 'conversationUpdate',
      membersAdded: [{ id: `29:${user.aadObjectId}`, name: user.name }, BOT],
    };
    const first = await postAs(user, added);
    expect(first.status).toBe(200);
    expect(cardsOf(first).map(cardKind)).toEqual(['welcome']);
    // Teams can deliver it again (reinstall, retry): no second welcome.
    expectSilence(await postAs(user, added));
  });
});

describe('an activity without from.aadObjectId and without a tenant (local mode falls back)', () => {
  const anonymous = (user: TestUser, extra: Record<string, unknown>) =>
    postAs(user, {
      from: { id: `29:anonymous-${user.aadObjectId}`, name: 'Anonymous' },
      conversation: { id: `a:anonymous-${user.aadObjectId}`, conversationType: 'personal' },
      channelData: {},
      ...extra,
    });

  it.each<[string, Record<string, unknown>]>([
    ['a typed command', { type: 'message', text: 'help' }],
    ['start', { type: 'message', text: 'start' }],
    ['an empty message', { type: 'message', text: '' }],
    [
      'a card submit',
      { type: 'message', value: { sg: 'answer', questionId: 'bi-industry-impact', token: 'x', answer: '5' } },
    ],
    ['typing', { type: 'typing' }],
    ['conversationUpdate adding the bot', { type: 'conversationUpdate', membersAdded: [BOT] }],
    ['an invoke', { type: 'invoke', name: 'frobnicate' }],
  ])('%s: no 5xx, and no error in the reply', async (_name, extra) => {
    const reply = await anonymous(bot.user(), extra);
    expect(reply.status).toBeLessThan(500);
    expect(leaksIn(reply)).toEqual([]);
  });

  it('a message with no from.id either: no 5xx and no reply', async () => {
    const reply = await postAs(bot.user(), {
      type: 'message',
      text: 'help',
      from: { name: 'Nobody' },
      channelData: {},
      conversation: { id: 'a:nobody' },
    });
    expect(reply.status).toBeLessThan(500);
    expect(textsOf(reply)).toEqual([]);
  });
});
