/**
 * Load and soak: simulated users complete the questionnaire over HTTP against the bot in production mode —
 * authentication on, with tokens signed by a local stand-in for the Bot Framework's keys — and the embedded
 * Cosmos-compatible server in a process of its own. Prints failures, lost answers, latency and memory; exits 1 when a
 * request failed or an answer was lost.
 */
import { availableParallelism } from 'node:os';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/logging/logger';
import { CosmosAnswerStore } from '../src/storage/answer-store';
import { openCosmos, type Containers } from '../src/storage/cosmos';
import { questionnaireLoad, type Target } from './bench/phases';
import { summarize } from './bench/stats';
import { clientAgent, TurnClient, type TurnResult } from './bench/turn-client';
import { compareUser, verifyStored } from './bench/verify';
import { eraseUser } from './load/erase-user';
import { parseLoadArgs, USAGE, type LoadOptions } from './load/args';
import { startCosmosProcess } from './bench/cosmos-process';
import { LatencyHistogram } from './load/histogram';
import { sampleMemory, slope, type MemorySample } from './load/memory';
import { startTokenAuthority } from './load/token-authority';
import { progress, runMain } from './bench/run-main';

const DATABASE = 'load';
/** The soak gets a database of its own: the embedded server scans a whole container for a query. */
const SOAK_DATABASE = 'load-soak';
const TENANT = '44444444-4444-4444-4444-444444444444';
const SOAK_TENANT = '55555555-5555-5555-5555-555555555555';
const BOT_ID = '00000000-0000-0000-0000-0000000010ad';
/** The serviceUrl the simulated users' activities carry (scripts/bench/turn-client.ts). */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const MB = 2 ** 20;

class StatusCounts {
  private readonly counts = new Map<number, number>();
  add(result: TurnResult): void {
    this.counts.set(result.status, (this.counts.get(result.status) ?? 0) + 1);
  }
  get non2xx(): number {
    return [...this.counts].filter(([status]) => status < 200 || status > 299).reduce((sum, [, n]) => sum + n, 0);
  }
  toString(): string {
    return [...this.counts].map(([status, n]) => `${status}: ${n}`).join(', ');
  }
}

async function main(): Promise<number> {
  const options = parseLoadArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const cosmos = await startCosmosProcess();
  const authority = await startTokenAuthority(BOT_ID);
  const { client, containers } = await openCosmos({ ...cosmos, database: DATABASE, local: true });
  const soakCosmos = await openCosmos({ ...cosmos, database: SOAK_DATABASE, local: true });
  let app: RunningApp | undefined;
  let soakApp: RunningApp | undefined;
  const agent = clientAgent(Math.max(options.users, options.soakUsers));
  try {
    const boot = (database: string) =>
      startApp({
        config: productionConfig(database),
        cosmos,
        logger: silentLogger,
        host: '127.0.0.1',
        authEndpoints: authority.endpoints,
      });
    // The Bot Framework reuses a token for up to an hour; so do the simulated users.
    const token = authority.sign(authority.channelClaims(SERVICE_URL));
    const authorization = () => `Bearer ${token}`;
    app = await boot(DATABASE);
    let failed = await load(
      options,
      { url: app.url, agent, authorization, settle: () => app!.counters.settle() },
      containers,
    );
    if (options.soakMinutes > 0) {
      await app.close();
      app = undefined;
      soakApp = await boot(SOAK_DATABASE);
      failed = (await soak(options, { url: soakApp.url, agent, authorization }, soakCosmos.containers)) || failed;
    }
    return failed ? 1 : 0;
  } finally {
    agent.destroy();
    await app?.close();
    await soakApp?.close();
    client.dispose();
    soakCosmos.client.dispose();
    await authority.close();
    await cosmos.close();
  }
}

function productionConfig(database: string) {
  return loadConfig(
    {
      PORT: '0',
      COSMOS_DATABASE: database,
      BOT_ID,
      BOT_PASSWORD: 'load-run-only',
      // Satisfies the production checks; the app is handed the local server's endpoint.
      COSMOS_ENDPOINT: 'https://cosmos.example.invalid',
      ALLOWED_TENANTS: `${TENANT},${SOAK_TENANT}`,
    },
    'production',
  );
}

/** A person's pause before a message: uniform from half to one and a half times the mean. */
function thinker(meanMs: number): (() => Promise<void>) | undefined {
  if (meanMs === 0) return undefined;
  return () => new Promise((resolve) => setTimeout(resolve, meanMs * (0.5 + Math.random())));
}

async function load(options: LoadOptions, target: Target, containers: Containers): Promise<boolean> {
  console.log(
    `Load: ${options.users} users complete the questionnaire at the same time, pausing ${options.thinkMs / 1000} s on average before each message; production mode (JWT checked on every request); Node ${process.version}, ${availableParallelism()} CPUs`,
  );
  progress(`${options.users} users completing the questionnaire`);
  const statuses = new StatusCounts();
  const run = await questionnaireLoad(target, TENANT, options.users, {
    think: thinker(options.thinkMs),
    after: (result) => statuses.add(result),
  });
  const latency = summarize(run.latencies);
  const finished = run.users.filter(({ run: userRun }) => userRun.finished).length;
  const userErrors = run.users.flatMap(({ run: userRun }) => userRun.errors);
  const rssMb = (process.resourceUsage().maxRSS * 1024) / MB;
  console.log(`  users finished          ${finished} of ${options.users}`);
  console.log(
    `  turns                   ${run.latencies.length} in ${(run.wallMs / 1000).toFixed(1)} s = ${((run.latencies.length / run.wallMs) * 1000).toFixed(0)} turns/s`,
  );
  console.log(`  HTTP statuses           ${statuses}   → non-2xx: ${statuses.non2xx}`);
  console.log(
    `  latency ms              p50 ${latency.p50.toFixed(1)}   p95 ${latency.p95.toFixed(1)}   p99 ${latency.p99.toFixed(1)}   max ${latency.max.toFixed(1)}`,
  );
  console.log(`  peak RSS                ${rssMb.toFixed(0)} MB (bot and load generator; the database runs apart)`);
  progress('checking every stored answer');
  await target.settle?.();
  const expectations = run.users.map(({ userId, run: userRun }) => ({ userId, expected: userRun.expected }));
  // One query per user, in their partition (the benchmark's Cosmos process scopes queries as Cosmos does).
  const verification = await verifyStored(containers, TENANT, expectations);
  console.log(`  answers stored          ${verification.storedAnswers}`);
  console.log(
    `  lost answers            ${verification.lost.length}   (unexpected: ${verification.unexpected.length}, counter mismatches: ${verification.aggregateMismatches.length})`,
  );
  for (const problem of [...run.errors, ...userErrors, ...verification.lost].slice(0, 10))
    console.log(`  problem: ${problem}`);
  return (
    statuses.non2xx > 0 ||
    verification.lost.length > 0 ||
    run.errors.length > 0 ||
    userErrors.length > 0 ||
    verification.aggregateMismatches.length > 0
  );
}

async function soak(options: LoadOptions, target: Target, containers: Containers): Promise<boolean> {
  console.log(
    `\nSoak: for ${options.soakMinutes} min, ${options.soakUsers} users at a time complete the questionnaire, new users replacing finished ones`,
  );
  const answers = new CosmosAnswerStore(containers.users);
  const statuses = new StatusCounts();
  const latencies = new LatencyHistogram();
  let users = 0;
  let lost = 0;
  let problems = 0;
  const examples: string[] = [];
  const deadline = Date.now() + options.soakMinutes * 60_000;
  const memory = sampleMemory(10_000);
  const lane = async () => {
    while (Date.now() < deadline) {
      const found: string[] = [];
      try {
        // No pauses here: the soak keeps the bot busy all the time, so a leak shows sooner.
        const run = await questionnaireLoad(target, SOAK_TENANT, 1, {
          after: (result) => {
            statuses.add(result);
            latencies.add(result.ms);
          },
        });
        found.push(...run.errors, ...run.users.flatMap((user) => user.run.errors));
        for (const { userId, run: userRun } of run.users) {
          const stored = await answers.listForUser(SOAK_TENANT, userId);
          lost += compareUser(stored, { userId, expected: userRun.expected }).lost.length;
          // Each user then deletes their data, as people may: the database stays the same size however long the soak.
          const client = new TurnClient(target.agent, target.url, userId, SOAK_TENANT, {}, target.authorization);
          const erased = await eraseUser(client);
          if (erased) found.push(erased);
        }
      } catch (error) {
        found.push(`soak lane: ${(error as Error).message}`);
      }
      problems += found.length;
      examples.push(...found.slice(0, Math.max(0, 5 - examples.length)));
      users += 1;
    }
  };
  const ticker = setInterval(() => progress(`soak: ${users} users done, ${latencies.count} turns`), 60_000);
  await Promise.all(Array.from({ length: options.soakUsers }, lane));
  clearInterval(ticker);
  const samples = memory.stop();
  printSoak(samples, {
    users,
    turns: latencies.count,
    statuses,
    lost,
    problems,
    latencies,
    minutes: options.soakMinutes,
  });
  for (const example of examples) console.log(`  problem: ${example}`);
  return statuses.non2xx > 0 || lost > 0 || problems > 0;
}

function printSoak(
  samples: MemorySample[],
  run: {
    users: number;
    turns: number;
    statuses: StatusCounts;
    lost: number;
    problems: number;
    latencies: LatencyHistogram;
    minutes: number;
  },
): void {
  // The first fifth is warm-up (JIT, caches filling up to their limits); the slope is taken over the rest.
  const steady = samples.filter((sample) => sample.minute >= run.minutes / 5);
  const rssSlope = slope(steady.map((sample) => ({ x: sample.minute, y: sample.rssMb })));
  const heapSlope = slope(steady.map((sample) => ({ x: sample.minute, y: sample.heapMb })));
  const first = steady[0];
  const last = steady.at(-1);
  console.log(`  users / turns           ${run.users} / ${run.turns}`);
  console.log(`  HTTP statuses           ${run.statuses}   → non-2xx: ${run.statuses.non2xx}`);
  console.log(`  lost answers            ${run.lost}   (other problems: ${run.problems})`);
  console.log(
    `  latency ms              p50 ${run.latencies.percentile(50).toFixed(1)}   p95 ${run.latencies.percentile(95).toFixed(1)}   p99 ${run.latencies.percentile(99).toFixed(1)}`,
  );
  console.log(
    `  RSS                     ${first?.rssMb.toFixed(0)} → ${last?.rssMb.toFixed(0)} MB after warm-up; slope ${rssSlope.toFixed(2)} MB/min`,
  );
  console.log(
    `  heap after full GC      ${first?.heapMb.toFixed(1)} → ${last?.heapMb.toFixed(1)} MB; slope ${heapSlope.toFixed(2)} MB/min${(globalThis as { gc?: unknown }).gc ? '' : ' (run node with --expose-gc for this figure)'}`,
  );
  console.log(
    `  samples (minute: RSS MB / heap MB): ${samples.map((s) => `${s.minute.toFixed(1)}: ${s.rssMb.toFixed(0)}/${s.heapMb.toFixed(1)}`).join('  ')}`,
  );
}

runMain(main);
