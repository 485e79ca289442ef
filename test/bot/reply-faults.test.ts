import { REPLY_ATTEMPT_TIMEOUT_MS } from '../../src/bot/connector-replies';
import type { LogFields } from '../../src/logging/logger';
import { startTestBot, type TestBot, type TestUser, type TurnReply } from '../support/bot-harness';
import { nextWith } from '../support/card-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { inNormalMode as normalModeTurn, progressOfDelivered } from '../support/normal-mode';
import { answersCounted, storedAnswer } from '../support/stored';

const QUESTION = 'bi-industry-impact';
let connector: FakeConnector;
let bot: TestBot;
/** The waits between reply attempts the bot asked for; the injected sleep returns at once. */
const waits: number[] = [];
/** The replies' clock: moves by the waits, and by `stepMs` each time it is read (a slow connector). */
const clock = { ms: 0, stepMs: 0 };
/** Far above the 10 s stall below, so that no scheduling delay on a busy machine can make it time out. */
const ATTEMPT_TIMEOUT_MS = 60_000;
/** What the bot logged at warn level, newest last. */
const warnings: { event: string; fields?: LogFields }[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock.ms += ms;
  };
  bot = await startTestBot({
    replyDelivery: { sleep, now: () => (clock.ms += clock.stepMs), attemptTimeoutMs: ATTEMPT_TIMEOUT_MS },
    logger: {
      info: () => undefined,
      warn: (event, fields) => void warnings.push({ event, fields }),
      error: () => undefined,
    },
  });
}, 60_000);
afterAll(async () => {
  await bot.close();
  await connector.close();
});
beforeEach(() => {
  waits.length = 0;
  clock.stepMs = 0;
});

const counted = () => answersCounted(bot.containers, QUESTION);
const answered = (user: TestUser) => storedAnswer(bot.containers, user.aadObjectId, QUESTION);
const inNormalMode = (user: TestUser, fields: Record<string, unknown>) => normalModeTurn(connector, user, fields);

/** A user on the first question (asked in expectReplies mode), and the counter before they answer it. */
async function atFirstQuestion(): Promise<{ user: TestUser; first: TurnReply; before: number }> {
  const user = bot.user();
  const first = await user.say('start full');
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
    expect(await answered(user)).toEqual({ kind: 'rating', value: 4 });
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
    // The app's own attempt timeout waits out 10 s; this bot's is longer still, so the test cannot flake.
    expect(REPLY_ATTEMPT_TIMEOUT_MS).toBeGreaterThan(10_000);
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

  it('fake connector answering 502 (a gateway: the message may have been posted behind it): not retried, "resume" re-asks', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject({ status: 502 });
    const failed = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(failed.status).toBe(200);
    expect(failed.posts.map((post) => post.outcome)).toEqual([502]);
    expect(waits).toEqual([]);
    expect(await answered(user)).toEqual({ kind: 'rating', value: 4 });
    expect((await counted()) - before).toBe(1);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  });

  it('a reply that finally fails is logged with a bounded activity id, never the id as sent', async () => {
    const { user, first } = await atFirstQuestion();
    connector.inject({ status: 500 });
    const id = `${'<b>not an id</b> '.repeat(20)}`;
    const failed = await inNormalMode(user, { id, value: nextWith(first, '4') });
    expect(failed.posts.map((post) => post.outcome)).toEqual([500]);
    const logged = warnings.filter((line) => line.event === 'reply.failed').at(-1);
    expect(logged?.fields).toMatchObject({ activityId: 'invalid', status: 500, attempts: 1 });
  });

  it('fake connector refusing every attempt (503): the answer is stored once and "resume" re-asks the right question', async () => {
    const { user, first, before } = await atFirstQuestion();
    connector.inject(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    const failed = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(failed.status).toBe(200);
    expect(failed.posts.map((post) => post.outcome)).toEqual([503, 503, 503, 503]);
    expect(failed.delivered).toEqual([]);
    expect(await answered(user)).toEqual({ kind: 'rating', value: 4 });
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

describe('a reply slower than the bot waits for (fake connector, attempt timeout shortened to 1 s)', () => {
  let impatient: TestBot;

  beforeAll(async () => {
    impatient = await startTestBot({ replyDelivery: { attemptTimeoutMs: 1_000, sleep: async () => undefined } });
  }, 60_000);
  afterAll(async () => {
    await impatient.close();
  });

  it('is given up after one attempt, not sent again, and "resume" re-asks the right question', async () => {
    const user = impatient.user();
    const first = await user.say('start full');
    connector.inject({ stallMs: 30_000 });
    const slow = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(slow.status).toBe(200);
    expect(slow.posts.map((post) => post.outcome)).toEqual([200]);
    expect(progressOfDelivered(slow)).toEqual(['Business impact · 2 of 12']);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  });

  it('answering at once but stalling the body: given up as maybe posted, with no apology sent after the card', async () => {
    const user = impatient.user();
    const first = await user.say('start full');
    const before = await answersCounted(impatient.containers, QUESTION);
    connector.inject({ stallBodyMs: 30_000 });
    const slow = await inNormalMode(user, { value: nextWith(first, '4') });
    expect(slow.status).toBe(200);
    expect(slow.posts.map((post) => post.outcome)).toEqual([200]);
    expect(progressOfDelivered(slow)).toEqual(['Business impact · 2 of 12']);
    expect((await answersCounted(impatient.containers, QUESTION)) - before).toBe(1);
    const resumed = await inNormalMode(user, { text: 'resume' });
    expect(progressOfDelivered(resumed)).toEqual(['Business impact · 2 of 12']);
  });
});
