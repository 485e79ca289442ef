import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RequestKind } from '../../scripts/bench/cosmos-requests';
import { total } from '../../src/aggregation/contributions';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { answerId } from '../../src/storage/user-docs';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import { cardsOf, startTestBot, TENANT, TestUser, type TestBot, type TurnReply } from '../support/bot-harness';
import { nextWith, progressOf } from '../support/card-driver';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { captureLogLine } from '../support/log-capture';
import { until } from '../support/wait';

const devEntry = path.resolve(__dirname, '../../lib/scripts/dev.js');
const QUESTION = 'bi-industry-impact';
const answerWrites = (request: RequestKind) => request.target === 'users' && request.operation === 'batch';

type Outcome = { status: number; reply?: TurnReply; retryAfter?: string | null } | { error: string };

/** Sends and never throws: a refused connection is an outcome too. */
async function attempt(send: () => Promise<TurnReply>): Promise<Outcome> {
  try {
    const reply = await send();
    return { status: reply.status, reply };
  } catch (error) {
    return { error: String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name) };
  }
}

type Health = { status: number; body: unknown; retryAfter: string | null } | { error: string };

async function health(baseUrl: string): Promise<Health> {
  try {
    const response = await fetch(`${baseUrl}/healthz`);
    return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** /healthz once it stops saying ok (or the last answer after 5 s). */
async function healthWhileDraining(baseUrl: string): Promise<Health> {
  let last: Health = await health(baseUrl);
  const deadline = Date.now() + 5_000;
  while ('status' in last && last.status === 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await health(baseUrl);
  }
  return last;
}

async function storedAnswer(containers: Containers, userId: string): Promise<unknown> {
  const { resource } = await containers.users.item(answerId(userId, QUESTION), [TENANT, userId]).read();
  return resource?.value;
}

async function documentsOf(containers: Containers, userId: string): Promise<number> {
  const { resources } = await containers.users.items
    .query({ query: 'SELECT c.id FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: userId }] })
    .fetchAll();
  return resources.length;
}

async function counters(containers: Containers): Promise<Record<string, number>> {
  const { resource } = await containers.aggregates.item(`aggregate|${QUESTION}`, [TENANT, QUESTION]).read();
  return (resource?.counters ?? {}) as Record<string, number>;
}

describe('app.close() (in process)', () => {
  let proxy: CosmosFaultProxy;
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({
      routeCosmos: async (endpoint) => (proxy = await startCosmosFaultProxy(endpoint)).endpoint,
      drainTimeoutMs: 10_000,
    });
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await proxy.close();
  });

  it('waits for a turn in progress, which stores its answer and counters; new requests get 503 with Retry-After', async () => {
    const user = bot.user();
    const first = await user.say('start full');
    proxy.inject({ match: answerWrites, fault: { delayMs: 1_000 }, times: 1 });
    const turn = attempt(() => user.submit(nextWith(first, '4')));
    await until(() => proxy.faulted === 1, 'the turn to be storing its answer');
    const closing = bot.app.close();

    const draining = await healthWhileDraining(bot.app.url);
    const latecomer = bot.user();
    const refused = await attempt(() => latecomer.say('start'));

    const outcome = await turn;
    expect(outcome).toMatchObject({ status: 200 });
    expect(progressOf(cardsOf((outcome as { reply: TurnReply }).reply).at(-1))).toBe('Business impact · 2 of 12');
    await closing;
    expect(await storedAnswer(bot.containers, user.aadObjectId)).toEqual({ kind: 'rating', value: 4 });
    expect(total(await counters(bot.containers), 'n')).toBe(1);
    expect(draining).toEqual({ status: 503, body: { status: 'draining' }, retryAfter: '5' });
    expect(refused).toMatchObject({ status: 503 });
    expect(await documentsOf(bot.containers, latecomer.aadObjectId)).toBe(0);
  });
});

describe('SIGTERM to the bot in a child process (npm run dev -- --no-playground) during a burst of turns', () => {
  let cosmos: EmbeddedCosmos;
  let proxy: CosmosFaultProxy;
  let child: ChildProcess;
  let containers: Containers;
  let dispose: () => void;
  const database = `shutdown-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (!existsSync(devEntry)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
    cosmos = await startEmbeddedCosmos();
    proxy = await startCosmosFaultProxy(cosmos.endpoint);
    const opened = await openCosmos({ ...cosmos, database, local: true });
    containers = opened.containers;
    dispose = () => opened.client.dispose();
  });
  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    dispose();
    await proxy.close();
    await cosmos.close();
  });

  /** Starts the local entry against the embedded server (through the proxy); resolves with its base URL. */
  function startChild(): Promise<string> {
    child = spawn(process.execPath, [devEntry, '--no-playground'], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        COSMOS_ENDPOINT: proxy.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: database,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => captureLogLine('dev stderr', chunk.toString('utf8')));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bot did not start within 30 s')), 30_000);
      let pending = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          captureLogLine('dev stdout', line);
          const port = /"event":"app\.started".*"port":(\d+)/.exec(line)?.[1];
          if (port) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          }
        }
      });
      child.once('exit', (code) => reject(new Error(`the bot exited with ${code} before it started`)));
    });
  }

  it('lets every admitted turn finish with its answer and counters, refuses the rest before they start, and exits 0', async () => {
    const url = await startChild();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const users = Array.from({ length: 10 }, () => new TestUser(() => url, randomUUID(), 'Burst User'));
    const firsts = await Promise.all(users.map((user) => user.say('start full')));
    // Every answer's batch is held for a moment, so all ten turns are certainly in progress at the signal.
    proxy.inject({ match: answerWrites, fault: { delayMs: 1_500 }, times: users.length });
    const burst = users.map((user, i) => attempt(() => user.submit(nextWith(firsts[i], '4'))));
    await until(() => proxy.faulted >= users.length, 'all ten turns to be storing their answers');
    child.kill('SIGTERM');

    const draining = await healthWhileDraining(url);
    const latecomers = Array.from({ length: 5 }, () => new TestUser(() => url, randomUUID(), 'Late User'));
    const refused = await Promise.all(latecomers.map((user) => attempt(() => user.say('start'))));

    const outcomes = await Promise.all(burst);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 200 });
      expect(progressOf(cardsOf((outcome as { reply: TurnReply }).reply).at(-1))).toBe('Business impact · 2 of 12');
    }
    await until(() => child.exitCode !== null, 'the bot to exit', 30_000);
    expect(await exited).toBe(0);
    expect(draining).toEqual({ status: 503, body: { status: 'draining' }, retryAfter: '5' });
    for (const outcome of refused) expect(outcome).toMatchObject({ status: 503 });

    // Read straight from the embedded server in this process, after the bot is gone.
    for (const user of users)
      expect(await storedAnswer(containers, user.aadObjectId)).toEqual({ kind: 'rating', value: 4 });
    const after = await counters(containers);
    expect(total(after, 'n')).toBe(users.length);
    expect(total(after, 'rating:4')).toBe(users.length);
    for (const user of latecomers) expect(await documentsOf(containers, user.aadObjectId)).toBe(0);
  }, 120_000);
});
