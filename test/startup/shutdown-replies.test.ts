import type { ReplyDeliveryOptions } from '../../src/bot/connector-replies';
import type { LogFields, Logger } from '../../src/logging/logger';
import { startTestBot, type TestBot, type TestUser } from '../support/bot-harness';
import { nextWith } from '../support/card-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { inNormalMode, progressOfDelivered, type NormalModeTurn } from '../support/normal-mode';
import { answersCounted } from '../support/stored';
import { until } from '../support/wait';

const QUESTION = 'bi-industry-impact';
let connector: FakeConnector;
let bot: TestBot | undefined;
/** Every event the bot under test logged, oldest first. */
let logged: { event: string; fields?: LogFields }[];

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});
afterAll(async () => {
  await connector.close();
});

/** A bot in its own process-equivalent (each test closes it), with the app's own drain limits. */
async function startBot(replyDelivery?: ReplyDeliveryOptions): Promise<TestBot> {
  logged = [];
  const record = (event: string, fields?: LogFields) => void logged.push({ event, fields });
  const logger: Logger = { info: record, warn: record, error: record };
  bot = await startTestBot({ logger, replyDelivery });
  return bot;
}

const events = (name: string) => logged.filter((line) => line.event === name);

/**
 * A new user answers the first question in normal mode; `turn` resolves when the bot has answered the HTTP request,
 * `counted()` is how many more answers the counters hold than before.
 */
async function answerInNormalMode(testBot: TestBot): Promise<{
  user: TestUser;
  turn: Promise<NormalModeTurn>;
  settled: () => boolean;
  counted: () => Promise<number>;
}> {
  const user = testBot.user();
  const first = await user.say('start full');
  const before = await answersCounted(testBot.containers, QUESTION);
  const counted = async () => (await answersCounted(testBot.containers, QUESTION)) - before;
  let done = false;
  const turn = inNormalMode(connector, user, { value: nextWith(first, '4') }).finally(() => (done = true));
  return { user, turn, settled: () => done, counted };
}

const postsTo = (user: TestUser) => connector.received.filter((post) => post.conversationId === user.conversationId);

describe('app.close() while a turn is sending its reply to the (fake) Teams connector', () => {
  it('fake connector stalling the reply: the counters are applied while it stalls, and close() ends within its drain once the attempt gives up', async () => {
    const testBot = await startBot();
    connector.inject({ stallMs: 60_000 });
    const { user, turn, settled, counted } = await answerInNormalMode(testBot);
    await until(() => postsTo(user).length === 1, 'the reply to reach the connector');

    const closeStarted = Date.now();
    const closing = testBot.app.close();
    // The reply attempt (12 s) is far from over: the counters do not wait for it.
    await until(async () => (await counted()) === 1, 'the counters while the reply is stalled', 8_000);
    expect(settled()).toBe(false);

    await closing;
    // An upper bound the drains guarantee (20 s for turns, 10 s for background work), not a speed.
    expect(Date.now() - closeStarted).toBeLessThanOrEqual(testBot.app.drainLimitMs);
    const outcome = await turn;
    expect(outcome.status).toBe(200);
    expect(outcome.posts.map((post) => post.outcome)).toEqual([200]);
    expect(progressOfDelivered(outcome)).toEqual(['Business impact · 2 of 12']);
    expect(events('reply.failed').map((line) => line.fields)).toEqual([
      expect.objectContaining({ attempts: 1, status: 0, maybePosted: true }),
    ]);
    expect(events('app.drain-timeout')).toEqual([]);
    expect(await counted()).toBe(1);
  }, 60_000);

  it('fake connector refusing (503) with the bot waiting to retry: the wait ends at once, no retry is sent, the counters are applied and close() does not wait out its drain', async () => {
    const waits: number[] = [];
    // Waits until shutdown ends it; without that, for ever.
    const sleep = (ms: number, stop?: AbortSignal) =>
      new Promise<void>((resolve) => {
        waits.push(ms);
        stop?.addEventListener('abort', () => resolve(), { once: true });
      });
    const testBot = await startBot({ sleep });
    connector.inject({ status: 503 });
    const { turn, counted } = await answerInNormalMode(testBot);
    await until(() => waits.length === 1, 'the bot to wait before retrying');

    const closing = testBot.app.close();
    const outcome = await turn;
    await closing;
    expect(outcome.status).toBe(200);
    expect(outcome.posts.map((post) => post.outcome)).toEqual([503]);
    expect(outcome.delivered).toEqual([]);
    expect(waits).toHaveLength(1);
    expect(events('reply.failed').map((line) => line.fields)).toEqual([
      expect.objectContaining({ attempts: 1, status: 503, maybePosted: false }),
    ]);
    expect(events('app.drain-timeout')).toEqual([]);
    expect(await counted()).toBe(1);
  }, 60_000);
});
