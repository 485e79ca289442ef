/**
 * Benchmark of the organisation's strategy document: time, Cosmos requests, file size and memory of one document at
 * 1k, 10k and 100k stored answers on the embedded Cosmos-compatible server (seeded as `bench:summary` seeds them). The
 * document is built from the maintained counters and the stored portfolio, so the goal is flat: the 100k figure within
 * 1.5× of the 1k figure.
 */
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import { ContentIndex } from '../src/content/content-index';
import { loadContentPack } from '../src/content/load-content-pack';
import { SummaryService } from '../src/leadership/summary-service';
import { DEFAULT_THRESHOLDS } from '../src/leadership/thresholds';
import { portfolioQuestions, type PortfolioQuestions } from '../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../src/portfolio/portfolio-reader';
import { portfolioLabels } from '../src/portfolio/portfolio-view';
import { CONTAINERS } from '../src/storage/containers';
import { openCosmos, type Containers } from '../src/storage/cosmos';
import { cosmosStores } from '../src/storage/cosmos-stores';
import { organisationDocumentFile } from '../src/strategy-document/strategy-document-service';
import { startCosmosProcess } from './bench/cosmos-process';
import { ratio, summarize } from './bench/stats';
import { preparePortfolio } from './bench-summary/portfolio';
import { seedUpTo, type SeedState } from './bench-summary/seed';

const DATABASE = 'bench-document';
const TENANT = '66666666-6666-4666-8666-666666666666';

interface Row {
  answers: number;
  p50: number;
  p95: number;
  requests: number;
  bytes: number;
  /** Heap growth while generating (garbage included), and what is left of it after a collection. */
  heapMb: number;
  retainedMb: number;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const sizes = (option('sizes') ?? '1000,10000,100000').split(',').map(Number);
  const repeats = Number(option('repeats') ?? 30);
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !(repeats > 0))
    throw new Error('usage: bench:document [--sizes 1000,10000,100000] [--repeats 10]');
  const cosmos = await startCosmosProcess();
  const index = new ContentIndex(loadContentPack());
  const thresholds = DEFAULT_THRESHOLDS;
  (await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database: DATABASE, local: true })).client.dispose();
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: 600_000 },
  });
  const database = client.database(DATABASE);
  const containers = Object.fromEntries(
    Object.entries(CONTAINERS).map(([name, spec]) => [name, database.container(spec.id)]),
  ) as Containers;
  try {
    const clock = () => new Date();
    const { aggregates, portfolios, answers } = cosmosStores(containers, { publishAfter: thresholds.group, clock });
    const questions = portfolioQuestions(index) as PortfolioQuestions;
    const reader = new PortfolioReader({ index, questions, portfolios, aggregates, answers, thresholds, clock });
    const parts = {
      index,
      summaries: new SummaryService(index, aggregates, thresholds),
      portfolio: {
        forExport: async (tenantId: string) => ({
          figures: await reader.figures(tenantId),
          labels: portfolioLabels(index.pack),
        }),
      },
      clock,
    };
    const state: SeedState = { people: 0, answers: 0, portfolioAnswers: [] };
    const rows: Row[] = [];
    console.log(`Strategy document benchmark: sizes ${sizes.join(', ')}; ${repeats} documents per size.`);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await seedUpTo(containers, index, TENANT, state, size);
      await preparePortfolio(containers, index, TENANT, state.portfolioAnswers, thresholds);
      // Warm-up (JIT, connections); longer before the first size so that it is not measured cold.
      for (let i = 0; i < (rows.length === 0 ? 20 : 5); i++) await organisationDocumentFile(parts, TENANT);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const counting = await cosmos.attach();
      const latencies: number[] = [];
      let bytes = 0;
      for (let i = 0; i < repeats; i++) {
        const started = performance.now();
        const file = await organisationDocumentFile(parts, TENANT);
        latencies.push(performance.now() - started);
        bytes = file.bytes.length;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
      const requests = (await cosmos.detach(counting)).total() / repeats;
      const { p50, p95 } = summarize(latencies);
      global.gc?.();
      const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      const heapMb = (heapPeak - heapBefore) / 1024 / 1024;
      rows.push({ answers: state.answers, p50, p95, requests, bytes, heapMb, retainedMb });
      const row = rows[rows.length - 1];
      console.log(
        `  ${row.answers.toLocaleString('en-US')} answers (${state.people} people): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
          `${requests.toFixed(1)} Cosmos requests, ${(bytes / 1024).toFixed(1)} KB, heap growth while generating ${row.heapMb.toFixed(1)} MB (${row.retainedMb.toFixed(1)} MB after GC)`,
      );
    }
    if (rows.length >= 2) {
      const [first, last] = [rows[0], rows[rows.length - 1]];
      const figures = {
        time: ratio(last.p50, first.p50),
        requests: ratio(last.requests, first.requests),
        size: ratio(last.bytes, first.bytes),
      };
      const met = Object.values(figures).every((figure) => figure <= 1.5);
      console.log(
        `\n${last.answers.toLocaleString('en-US')} vs ${first.answers.toLocaleString('en-US')} answers: time ${figures.time.toFixed(2)}×, ` +
          `Cosmos requests ${figures.requests.toFixed(2)}×, file size ${figures.size.toFixed(2)}× (goal: within 1.5×: ${met ? 'met' : 'missed'}).`,
      );
    }
    return 0;
  } finally {
    client.dispose();
    await cosmos.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
