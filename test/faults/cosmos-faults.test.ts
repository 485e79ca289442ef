import { jsonLogger } from '../../src/logging/logger';
import { cardsOf, startTestBot, submitData, textsOf, type TestBot, type TestUser } from '../support/bot-harness';
import { inputsOf, plausibleValue, progressOf } from '../support/card-driver';
import { inChannel } from '../leadership/drive';
import { startCosmosFaultProxy, type CosmosFaultProxy, type Fault } from '../support/cosmos-fault-proxy';
import type { RequestKind } from '../../scripts/bench/cosmos-requests';
import { COSMOS_REQUEST_TIMEOUT_MS, COSMOS_RETRY_OPTIONS } from '../../src/storage/cosmos';
import { until } from '../support/wait';
import { answersCounted } from '../support/stored';

/**
 * Cosmos DB faults injected during turns by a proxy in front of the embedded server (real SDK, real HTTP): the user
 * hears "please try again" within the turn budget, no half-written answer exists, and a retry stores exactly once.
 * "Within the budget" is shown by counting what the turn waited for, never by a stopwatch (a loaded machine is slow
 * for reasons of its own): the attempts that met a fault, each waiting at most its retry-after or, unanswered, the
 * client's request timeout.
 */
const TURN_BUDGET_MS = 10_000; // Teams gives up on a turn (and redelivers) after about 15 s.
const TRY_AGAIN = /try again/i;

let proxy: CosmosFaultProxy;
let bot: TestBot;
const logLines: string[] = [];

beforeAll(async () => {
  bot = await startTestBot({
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);

afterEach(() => proxy.clear());

afterAll(async () => {
  await bot?.close();
  await proxy?.close();
});

const userWrites = (request: RequestKind) => request.target === 'users' && request.operation === 'batch';
const userReads = (request: RequestKind) => request.target === 'users' && request.operation === 'read';
const counterUpdates = (request: RequestKind) => request.target === 'aggregates' && request.document;

/** Starts the questionnaire and returns what pressing Next on the first question (with an answer) submits. */
async function firstAnswer(user: TestUser): Promise<{ submit: Record<string, unknown>; questionId: string }> {
  const card = cardsOf(await user.say('start')).at(-1)!;
  const input = inputsOf(card).find((candidate) => candidate.id === 'answer')!;
  const submit: Record<string, unknown> = {
    ...submitData(card, 'Next'),
    answer: plausibleValue(input, 'An answer worth keeping'),
  };
  return { submit, questionId: String(submit.questionId) };
}

async function storedAnswers(user: TestUser, questionId: string): Promise<number> {
  const { resources } = await bot.containers.users.items
    .query({
      query: 'SELECT c.id FROM c WHERE c.userId = @u AND c.questionId = @q',
      parameters: [
        { name: '@u', value: user.aadObjectId },
        { name: '@q', value: questionId },
      ],
    })
    .fetchAll();
  return resources.length;
}

/** `work`'s result and the attempts of it that met a fault (the SDK retries some). */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; attempts: number }> {
  const before = proxy.faulted;
  const result = await work();
  return { result, attempts: proxy.faulted - before };
}

/**
 * The longest `attempts` meeting `fault` can have kept a turn waiting: unanswered ones the client's request timeout
 * each; throttled ones what the SDK may wait in all between retries, whatever the retry-after asks for.
 */
function longestWaitMs(fault: Fault, attempts: number): number {
  if ('hang' in fault) return attempts * COSMOS_REQUEST_TIMEOUT_MS;
  return 'retryAfterMs' in fault ? COSMOS_RETRY_OPTIONS.maxWaitTimeInSeconds * 1000 : 0;
}

describe('Cosmos DB faults during a turn (fault-injecting proxy)', () => {
  it.each<[string, Fault]>([
    ['throttled on every try (429 with retry-after)', { status: 429, retryAfterMs: 50 }],
    ['unavailable (503)', { status: 503 }],
    ['a write that never reaches the server (time-out)', { hang: 'before-forwarding' }],
  ])(
    'answer write %s: "try again" in time, nothing stored; the retry stores once',
    async (_name, fault) => {
      const user = bot.user();
      const { submit, questionId } = await firstAnswer(user);
      proxy.inject({ match: userWrites, fault });

      const failed = await counted(() => user.submit(submit));
      expect(failed.result.status).toBe(200);
      expect(failed.attempts).toBeGreaterThan(0);
      // The first try and at most three retries (the SDK's default of nine would outlive the turn).
      expect(failed.attempts).toBeLessThanOrEqual(4);
      expect(longestWaitMs(fault, failed.attempts)).toBeLessThan(TURN_BUDGET_MS);
      expect(textsOf(failed.result).join(' ')).toMatch(TRY_AGAIN);
      expect(cardsOf(failed.result)).toEqual([]);
      expect(await storedAnswers(user, questionId)).toBe(0);

      proxy.clear();
      const retried = await user.submit(submit);
      expect(textsOf(retried).join(' ')).not.toMatch(TRY_AGAIN);
      expect(progressOf(cardsOf(retried).at(-1))).toMatch(/ · 2 of /);
      expect(await storedAnswers(user, questionId)).toBe(1);
    },
    30_000,
  );

  it('a write that lands but whose response is lost: "try again", and the retry still leaves exactly one answer, counted once', async () => {
    const user = bot.user();
    const { submit, questionId } = await firstAnswer(user);
    const before = await answersCounted(bot.containers, questionId);
    const fault: Fault = { hang: 'after-forwarding' };
    proxy.inject({ match: userWrites, fault, times: 1 });

    const failed = await counted(() => user.submit(submit));
    expect(failed.attempts).toBe(1);
    expect(longestWaitMs(fault, failed.attempts)).toBeLessThan(TURN_BUDGET_MS);
    expect(textsOf(failed.result).join(' ')).toMatch(TRY_AGAIN);

    const retried = await user.submit(submit);
    expect(retried.status).toBe(200);
    expect(await storedAnswers(user, questionId)).toBe(1);
    // The stored answer moved the user on: they are shown the next question, not asked the first again.
    expect(progressOf(cardsOf(retried).at(-1))).toMatch(/ · 2 of /);
    // Its counter changes landed with it, unseen by the bot: once the person document shows them, they count once.
    await until(
      async () => (await answersCounted(bot.containers, questionId)) === before + 1,
      'the answer to be counted',
      10_000,
    );
    await bot.app.counters.settle();
    expect(await answersCounted(bot.containers, questionId)).toBe(before + 1);
  }, 30_000);

  it('one 429 is retried by the SDK without the user noticing', async () => {
    const user = bot.user();
    const { submit, questionId } = await firstAnswer(user);
    proxy.inject({ match: userWrites, fault: { status: 429, retryAfterMs: 20 }, times: 1 });
    const reply = await user.submit(submit);
    expect(proxy.faulted).toBeGreaterThan(0);
    expect(textsOf(reply).join(' ')).not.toMatch(TRY_AGAIN);
    expect(await storedAnswers(user, questionId)).toBe(1);
  });

  it('a failed session read: "try again", and nothing is stored', async () => {
    const user = bot.user();
    proxy.inject({ match: userReads, fault: { status: 503 } });
    const reply = await user.say('start');
    expect(textsOf(reply).join(' ')).toMatch(TRY_AGAIN);
    proxy.clear();
    const { resources } = await bot.containers.users.items
      .query({ query: 'SELECT c.id FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: user.aadObjectId }] })
      .fetchAll();
    expect(resources).toEqual([]);
  });

  it('throttled counter updates do not cost the user their answer; they are logged, and land once Cosmos takes them', async () => {
    const user = bot.user();
    const { submit, questionId } = await firstAnswer(user);
    const counted = await answersCounted(bot.containers, questionId);
    proxy.inject({ match: counterUpdates, fault: { status: 429, retryAfterMs: 20 } });
    const reply = await user.submit(submit);
    expect(progressOf(cardsOf(reply).at(-1))).toMatch(/ · 2 of /);
    expect(await storedAnswers(user, questionId)).toBe(1);
    expect(logLines.some((line) => line.includes('"aggregate.retrying"') && line.includes(questionId))).toBe(true);
    expect(await answersCounted(bot.containers, questionId)).toBe(counted);
    proxy.clear();
    expect(await bot.app.counters.settle()).toBe(true);
    expect(await answersCounted(bot.containers, questionId)).toBe(counted + 1);
  });

  it('throttled counter updates when joining a team: the channel is answered, the membership kept, the failure logged', async () => {
    const user = bot.user();
    const { submit, questionId } = await firstAnswer(user);
    await user.submit(submit);
    const team = { id: '19:team-faults@thread.tacv2', name: 'Faults' };
    proxy.inject({ match: counterUpdates, fault: { status: 429, retryAfterMs: 20 } });
    const logged = logLines.length;
    const reply = await inChannel(user, team, 'help');
    expect(reply.status).toBe(200);
    expect(textsOf(reply).join(' ')).not.toMatch(TRY_AGAIN);
    expect(cardsOf(reply)).toHaveLength(1);
    const failures = logLines.slice(logged).filter((line) => line.includes('"aggregate.failed"'));
    expect(failures.some((line) => line.includes(questionId))).toBe(true);
    const { resources } = await bot.containers.users.items
      .query({
        query: 'SELECT c.teamIds FROM c WHERE c.userId = @u AND c.type = "membership"',
        parameters: [{ name: '@u', value: user.aadObjectId }],
      })
      .fetchAll();
    expect(resources).toEqual([{ teamIds: [team.id] }]);
  });

  it('Teams redelivering an activity while the first delivery is still being stored: processed once', async () => {
    const user = bot.user();
    const { submit, questionId } = await firstAnswer(user);
    proxy.inject({ match: userWrites, fault: { delayMs: 1_000 }, times: 1 });
    const activity = user.activity({ type: 'message', id: 'slow-then-redelivered', value: submit });
    const before = proxy.faulted;
    const first = user.postActivity(activity);
    await until(() => proxy.faulted > before, 'the first delivery to be storing its answer');
    const [original, redelivery] = await Promise.all([first, user.postActivity(activity)]);
    expect([original.status, redelivery.status]).toEqual([200, 200]);
    expect(await storedAnswers(user, questionId)).toBe(1);
    const nextQuestions = [original, redelivery].filter((reply) =>
      /· 2 of /.test(progressOf(cardsOf(reply).at(-1)) ?? ''),
    );
    expect(nextQuestions).toHaveLength(1);
  });
});
