/**
 * Benchmark of the leadership summary: latency and Cosmos requests of `summary` (a leader, over HTTP, built from the
 * maintained counters, with the use-case portfolio's matrix) and of `portfolio` with 1k, 10k and 100k stored answers
 * on the embedded Cosmos-compatible server, beside a naive full scan of the answers measured in the same run. Goal:
 * flat — the 100k figure within 1.5× of the 1k figure. The portfolio is computed from the answers once per batch of
 * published counters (during the warm-up here); what is measured is its steady read.
 */
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import { recomputeCounters } from '../src/aggregation/recompute';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig } from '../src/config';
import { ContentIndex } from '../src/content/content-index';
import { loadContentPack } from '../src/content/load-content-pack';
import { organisationSummary } from '../src/leadership/organisation-summary';
import { silentLogger } from '../src/logging/logger';
import type { StoredAnswer } from '../src/storage/user-docs';
import { CONTAINERS } from '../src/storage/containers';
import { openCosmos, type Containers } from '../src/storage/cosmos';
import { startCosmosProcess } from './bench/cosmos-process';
import { ratio, summarize } from './bench/stats';
import { clientAgent, TurnClient } from './bench/turn-client';
import { measureOverview } from './bench-summary/dashboard';
import { preparePortfolio } from './bench-summary/portfolio';
import { seedUpTo, type SeedState } from './bench-summary/seed';

const DATABASE = 'bench-summary';
const TENANT = '44444444-4444-4444-4444-444444444444';
const LEADER = '55555555-5555-4555-8555-555555555555';
const NAIVE_BUDGET_MS = 300_000;
const SWEEP_OFF_MS = 24 * 60 * 60 * 1000;

interface Options {
  sizes: number[];
  repeats: number;
  naiveRepeats: number;
}

function parse(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const sizes = (value('sizes') ?? '1000,10000,100000').split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error('--sizes takes whole numbers, e.g. 1000,10000');
  return { sizes, repeats: Number(value('repeats') ?? 30), naiveRepeats: Number(value('naive-repeats') ?? 3) };
}

interface Row {
  answers: number;
  people: number;
  seedSeconds: number;
  summaryP50: number;
  summaryP95: number;
  summaryRequests: number;
  portfolioP50: number;
  portfolioP95: number;
  portfolioRequests: number;
  overviewP95: number;
  overviewRequests: number;
  naiveP50: number;
  naiveRequests: number;
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const cosmos = await startCosmosProcess();
  const index = new ContentIndex(loadContentPack());
  // Creates the database and containers; the app's client gives up after 5 s, which a full scan of 100k answers
  // on the in-process server exceeds, so seeding and the naive scan use a client of their own.
  const { client: schemaClient } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: DATABASE,
    local: true,
  });
  schemaClient.dispose();
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: 600_000 },
  });
  const database = client.database(DATABASE);
  const containers = Object.fromEntries(
    Object.entries(CONTAINERS).map(([name, spec]) => [name, database.container(spec.id)]),
  ) as Containers;
  const agent = clientAgent(1);
  let app: RunningApp | undefined;
  try {
    const config = loadConfig({ PORT: '0', COSMOS_DATABASE: DATABASE, LEADER_IDS: LEADER }, 'local');
    app = await startApp({
      config,
      cosmos: { endpoint: cosmos.endpoint, key: cosmos.key },
      logger: silentLogger,
      // Nothing is owed here (the seeding writes the counters itself); the sweep's scan of every person document, which
      // the embedded server runs in quadratic time, would only stall it.
      sweepEveryMs: SWEEP_OFF_MS,
      // Nothing is scheduled either. In local mode the invitation scheduler finds tenants with reminders due by a query
      // over the users container every tick: an index lookup on Cosmos DB (never run in production, which lists its
      // tenants), but on the index-less embedded server a scan of every answer, behind which the 100k seeding stalled.
      pulseTickMs: 0,
    });
    const leader = new TurnClient(agent, app.url, LEADER, TENANT);
    const state: SeedState = { people: 0, answers: 0, portfolioAnswers: [] };
    const rows: Row[] = [];
    /** `repeats` turns of `text` by the leader, each checked for `expected` in its reply: latencies and requests. */
    const measure = async (repeats: number, text: string, expected: string) => {
      const counting = await cosmos.attach();
      const latencies: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const result = await leader.say(text);
        if (result.status !== 200 || !JSON.stringify(result.activities).includes(expected))
          throw new Error(`${text} turn failed`);
        latencies.push(result.ms);
      }
      const requests = (await cosmos.detach(counting)).total() / repeats;
      return { ...summarize(latencies), requests };
    };
    console.log(
      `Leadership summary benchmark: sizes ${options.sizes.join(', ')}; ${options.repeats} summaries per size.`,
    );
    for (const size of [...options.sizes].sort((a, b) => a - b)) {
      const seedStart = performance.now();
      await seedUpTo(containers, index, TENANT, state, size);
      const seedSeconds = (performance.now() - seedStart) / 1000;
      progress(`seeded ${state.answers} answers in ${seedSeconds.toFixed(1)} s`);
      const { portfolioAnswers } = state;
      const computeMs = await preparePortfolio(containers, index, TENANT, portfolioAnswers, config.summaryThresholds);
      progress(`portfolio computed from ${portfolioAnswers.length} answers in ${computeMs.toFixed(0)} ms and stored`);
      // Warm-up (JIT, connections, caches); longer before the first size so that it is not measured cold.
      for (let i = 0; i < (rows.length === 0 ? 60 : 10); i++) await leader.say(i % 2 ? 'portfolio' : 'summary');
      await measureOverview(app.url, TENANT, LEADER, rows.length === 0 ? 30 : 5);
      const counting = await cosmos.attach();
      const latencies: number[] = [];
      for (let i = 0; i < options.repeats; i++) {
        const result = await leader.say('summary');
        const card = JSON.stringify(result.activities);
        if (result.status !== 200 || !card.includes('people have answered') || !card.includes('Chart.Donut'))
          throw new Error('summary turn failed');
        latencies.push(result.ms);
      }
      const summaryRequests = (await cosmos.detach(counting)).total() / options.repeats;
      progress(`${options.repeats} summaries done`);
      const portfolio = await measure(options.repeats, 'portfolio', 'Use-case portfolio');
      const overviewCounting = await cosmos.attach();
      const overview = await measureOverview(app.url, TENANT, LEADER, options.repeats);
      const overviewRequests = (await cosmos.detach(overviewCounting)).total() / options.repeats;
      const naive: number[] = [];
      const naiveCounting = await cosmos.attach();
      const naivePages = { count: 0 };
      // The embedded server scans far worse than linearly; very large scans are measured once, within a time budget.
      const naiveRuns = size >= 50_000 ? 1 : options.naiveRepeats;
      for (let i = 0; i < naiveRuns; i++) {
        const started = performance.now();
        const all = await fullScan(containers, naivePages, NAIVE_BUDGET_MS);
        if (!all) {
          naive.push(Number.POSITIVE_INFINITY);
          progress(`naive full scan stopped after ${NAIVE_BUDGET_MS / 1000} s`);
          break;
        }
        organisationSummary(index, recomputeCounters(index, all), { group: 5, comments: 10 });
        naive.push(performance.now() - started);
        progress(`naive full scan ${i + 1}: ${(performance.now() - started).toFixed(0)} ms`);
      }
      const naiveTally = await cosmos.detach(naiveCounting);
      const summary = summarize(latencies);
      rows.push({
        answers: state.answers,
        people: state.people,
        seedSeconds,
        summaryP50: summary.p50,
        summaryP95: summary.p95,
        summaryRequests,
        portfolioP50: portfolio.p50,
        portfolioP95: portfolio.p95,
        portfolioRequests: portfolio.requests,
        overviewP95: overview.p95,
        overviewRequests,
        naiveP50: summarize(naive).p50,
        naiveRequests: Math.max(naiveTally.total(), naivePages.count) / Math.max(1, naive.length),
      });
      const row = rows[rows.length - 1];
      console.log(
        `  ${row.answers.toLocaleString('en-US')} answers (${row.people} people, seeded in ${row.seedSeconds.toFixed(1)} s): ` +
          `summary p50 ${row.summaryP50.toFixed(1)} ms, p95 ${row.summaryP95.toFixed(1)} ms, ${row.summaryRequests.toFixed(1)} Cosmos requests; ` +
          `portfolio p50 ${row.portfolioP50.toFixed(1)} ms, p95 ${row.portfolioP95.toFixed(1)} ms, ${row.portfolioRequests.toFixed(1)} requests; ` +
          `dashboard overview API p95 ${row.overviewP95.toFixed(1)} ms, ${row.overviewRequests.toFixed(1)} requests; ` +
          `naive full scan ${naiveText(row)}`,
      );
    }
    printTable(rows);
    return 0;
  } finally {
    agent.destroy();
    await app?.close();
    client.dispose();
    await cosmos.close();
  }
}

/** The naive way: read every answer of the tenant, page by page (each page is one query request). */
async function fullScan(
  containers: Containers,
  pages: { count: number },
  budgetMs: number,
): Promise<StoredAnswer[] | undefined> {
  const iterator = containers.users.items.query<StoredAnswer>(
    {
      query:
        'SELECT c.userId, c.questionId, c.role, c["value"] FROM c WHERE c.tenantId = @tenantId AND c.type = "answer"',
      parameters: [{ name: '@tenantId', value: TENANT }],
    },
    { maxItemCount: -1, abortSignal: AbortSignal.timeout(budgetMs) },
  );
  const all: StoredAnswer[] = [];
  try {
    while (iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      pages.count++;
      all.push(...resources);
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as { code?: unknown }).code === 'AbortError') return undefined;
    throw error;
  }
  return all;
}

function naiveText(row: Row): string {
  return Number.isFinite(row.naiveP50)
    ? `${row.naiveP50.toFixed(0)} ms (${row.naiveRequests.toFixed(0)})`
    : `> ${NAIVE_BUDGET_MS / 1000} s (stopped)`;
}

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

function printTable(rows: Row[]): void {
  const first = rows[0];
  const last = rows[rows.length - 1];
  console.log(
    '\n| answers | summary p50 | summary p95 | Cosmos requests / summary | portfolio p50 | portfolio p95 | requests / portfolio | dashboard overview p95 | requests / overview | naive full scan p50 (requests) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows)
    console.log(
      `| ${row.answers.toLocaleString('en-US')} | ${row.summaryP50.toFixed(1)} ms | ${row.summaryP95.toFixed(1)} ms | ${row.summaryRequests.toFixed(1)} | ${row.portfolioP50.toFixed(1)} ms | ${row.portfolioP95.toFixed(1)} ms | ${row.portfolioRequests.toFixed(1)} | ${row.overviewP95.toFixed(1)} ms | ${row.overviewRequests.toFixed(1)} | ${naiveText(row)} |`,
    );
  if (rows.length < 2) return;
  const latency = ratio(last.summaryP50, first.summaryP50);
  const requests = ratio(last.summaryRequests, first.summaryRequests);
  const portfolioLatency = ratio(last.portfolioP50, first.portfolioP50);
  const portfolioRequests = ratio(last.portfolioRequests, first.portfolioRequests);
  const overview = ratio(last.overviewP95, first.overviewP95);
  const overviewRequests = ratio(last.overviewRequests, first.overviewRequests);
  const met = [latency, requests, portfolioLatency, portfolioRequests, overview, overviewRequests].every(
    (figure) => figure <= 1.5,
  );
  console.log(
    `\n${last.answers.toLocaleString('en-US')} vs ${first.answers.toLocaleString('en-US')} answers: summary (with the portfolio's matrix) latency ${latency.toFixed(2)}×, Cosmos requests ${requests.toFixed(2)}×; portfolio latency ${portfolioLatency.toFixed(2)}×, requests ${portfolioRequests.toFixed(2)}×; dashboard overview API p95 ${overview.toFixed(2)}×, requests ${overviewRequests.toFixed(2)}× (goal: within 1.5×: ${met ? 'met' : 'missed'}); naive full scan ${Number.isFinite(last.naiveP50) ? `${ratio(last.naiveP50, first.naiveP50).toFixed(1)}×` : `more than ${Math.floor(NAIVE_BUDGET_MS / first.naiveP50)}×`}.`,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
