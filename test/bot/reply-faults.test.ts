import { total } from '../../src/aggregation/contributions';
import { answerId } from '../../src/storage/answer-store';
import { cardsOf, startTestBot, TENANT, type TestBot, type TestUser, type TurnReply } from '../support/bot-harness';
import { nextWith, progressOf } from '../support/card-driver';
import {
  startFakeConnector,
  type FakeConnector,
  type ReceivedPost,
  type SentActivity,
} from '../support/fake-connector';

const QUESTION = 'bi-industry-impact';
let connector: FakeConnector;
let bot: TestBot;
/** The waits between reply attempts the bot asked for; the injected sleep returns at once. */
const waits: number[] = [];
/** The replies' clock: moves by the waits, and by `stepMs` each time it is read (a slow connector). */
const clock = { ms: 0, stepMs: 0 };

beforeAll(async () => {
  connector = await startFakeConnector();
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock.ms += ms;
  };
  bot = await startTestBot({ replyDelivery: { sleep, now: () => (clock.ms += clock.stepMs) } });
}, 60_000);
afterAll(async () => {
  await bot.close();
  await connector.close();
});
beforeEach(() => {
  waits.length = 0;
  clock.stepMs = 0;
});

interface NormalModeTurn {
  status: number;
  /** What the connector posted to this user's conversation during the turn. */
  delivered: SentActivity[];
  /** Every POST of the turn that reached the connector. */
  posts: ReceivedPost[];
}

/** One activity in Teams' normal mode: the HTTP answer is empty and the replies go to the (fake) connector. */
async function inNormalMode(user: TestUser, fields: Record<string, unknown>): Promise<NormalModeTurn> {
  const [sentBefore, receivedBefore] = [connector.sent.length, connector.received.length];
  const reply = await user.post({
    type: 'message',
    ...fields,
    deliveryMode: undefined,
    serviceUrl: connector.serviceUrl,
  });
  expect(reply.activities).toEqual([]);
  const mine = <T extends { conversationId: string }>(items: T[]) =>
    items.filter((item) => item.conversationId === user.conversationId);
  return {
    status: reply.status,
    delivered: mine(connector.sent.slice(sentBefore)),
    posts: mine(connector.received.slice(receivedBefore)),
  };
}

function progressOfDelivered(turn: NormalModeTurn): (string | undefined)[] {
  return turn.delivered.map(({ activity }) => progressOf(cardsOf({ status: 200, activities: [activity] }).at(-1)));
}

async function counted(): Promise<number> {
  const { resource } = await bot.containers.aggregates.item(`aggregate|${QUESTION}`, [TENANT, QUESTION]).read();
  return total((resource?.counters ?? {}) as Record<string, number>, 'n');
}

async function storedAnswer(user: TestUser): Promise<unknown> {
  const { resource } = await bot.containers.users
    .item(answerId(user.aadObjectId, QUESTION), [TENANT, user.aadObjectId])
    .read();
  return resource?.value;
}

/** A user on the first question (asked in expectReplies mode), and the counter before they answer it. */
async function atFirstQuestion(): Promise<{ user: TestUser; first: TurnReply; before: number }> {
  const user = bot.user();
  const first = await user.say('start');
  return { user, first, before: await counted() };
}

describe('replies in Teams normal mode under connector faults (fake connector)', () => {
  it('fake connector answering 429 with Retry-After: waits as asked, then the next card arrives once', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ status: 429, retryAfter: '2' });
    const turn = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(turn.status).toBe(200);
    expect(turn.posts.map((post) => post.outcome)).toEqual([429, 200]);
    expect(waits).toEqual([2_000]);
    expect(progressOfDelivered(turn)).toEqual(['Business impact · 2 of 12']);
    expect(await storedAnswer(user)).toEqual({ kind: 'rating', value: 4 });
    expect((await counted()) - before).toBe(1);
  });

  it('fake connector answering 503 twice: retried with backoff, the next card arrives once', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ status: 503 }, { status: 503 });
    const turn = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(turn.posts.map((post) => post.outcome)).toEqual([503, 503, 200]);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(4_000);
    expect(progressOfDelivered(turn)).toEqual(['Business impact · 2 of 12']);
    expect((await counted()) - before).toBe(1);
  });

  it('fake connector stalling 10 s before it answers: the reply is waited for and never sent twice', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ stallMs: 10_000 });
    const turn = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(turn.posts.map((post) => post.outcome)).toEqual([200]);
    expect(progressOfDelivered(turn)).toEqual(['Business impact · 2 of 12']);
    expect((await counted()) - before).toBe(1);
  }, 30_000);

  it('fake connector posting the reply but losing its answer: no second copy, and the user carries on', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ dropResponse: true });
    const turn = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(turn.status).toBe(200);
    expect(turn.posts.map((post) => post.outcome)).toEqual(['dropped']);
    expect(progressOfDelivered(turn)).toEqual(['Business impact · 2 of 12']);
    expect((await counted()) - before).toBe(1);
    const delivered: TurnReply = { status: 200, activities: [turn.delivered[0].activity] };
    const nextTurn = await inNormalMode(user, { value: nextWith(delivered, 'New services') });
    expect(progressOfDelivered(nextTurn)).toEqual(['Business impact · 3 of 12']);
  });

  it('fake connector refusing every attempt (503): the answer is stored once and "resume" re-asks the right question', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    const failed = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(failed.status).toBe(200);
    expect(failed.posts.map((post) => post.outcome)).toEqual([503, 503, 503, 503]);
    expect(failed.delivered).toEqual([]);
    expect(await storedAnswer(user)).toEqual({ kind: 'rating', value: 4 });
    expect((await counted()) - before).toBe(1);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
    expect((await counted()) - before).toBe(1);
  });

  it('fake connector answering 503 slowly: no retry begins after the reply deadline (injected clock)', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    // Each attempt seems to take 8 s: the second one still starts within 14 s, a third would not.
    clock.stepMs = 8_000;
    const failed = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(failed.posts.map((post) => post.outcome)).toEqual([503, 503]);
    expect((await counted()) - before).toBe(1);
    clock.stepMs = 0;
    // The two 503s left over meet the reply to "resume", which is retried through them.
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(resumed.posts.map((post) => post.outcome)).toEqual([503, 503, 200]);
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  });

  it('fake connector asking for a Retry-After longer than a turn can wait: given up at once, "resume" still works', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ status: 429, retryAfter: '120' });
    const failed = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(failed.posts.map((post) => post.outcome)).toEqual([429]);
    expect(waits).toEqual([]);
    expect((await counted()) - before).toBe(1);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  }, 30_000);
});

describe('a reply slower than the bot waits for (fake connector, attempt timeout shortened to 300 ms)', () => {
  let impatient: TestBot;

  beforeAll(async () => {
    impatient = await startTestBot({ replyDelivery: { attemptTimeoutMs: 300, sleep: async () => undefined } });
  }, 60_000);
  afterAll(async () => {
    await impatient.close();
  });

  it('is given up after one attempt, not sent again, and "resume" re-asks the right question', async () => {
    const user = impatient.user();
    const first = await user.say('start');
    connector.inject({ stallMs: 2_000 });
    const slow = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(slow.status).toBe(200);
    expect(slow.posts.map((post) => post.outcome)).toEqual([200]);
    expect(progressOfDelivered(slow)).toEqual(['Business impact · 2 of 12']);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  });
});
