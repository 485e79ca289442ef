/**
 * The portfolio's grouping of use-case titles with the default content pack's vocabulary: pairwise precision and
 * recall on the labelled corpus and on the held-out set (and without the vocabulary, for comparison), how the
 * threshold trades one for the other, and the time and memory of grouping 1k, 5k and 20k distinct synthetic titles,
 * with ratios against 1k from the same run.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { loadContentPack } from '../src/content';
import { NO_CONCEPTS, packLexicon, type ConceptLexicon } from '../src/portfolio/concept-lexicon';
import { groupIdeas, SIMILARITY_THRESHOLD, type Idea } from '../src/portfolio/group-ideas';
import { readFlags } from './bench/flags';
import { progress, runMain } from './bench/run-main';
import { ratio } from './bench/stats';
import { CORPUS_FILES, labelledTitles, loadCorpus } from './portfolio-grouping/corpus';
import { scoreGrouping, type CorpusScore } from './portfolio-grouping/score-grouping';
import { syntheticIdeas } from './portfolio-grouping/synthetic-ideas';

const USAGE = `Usage: npm run bench:portfolio -- [--repeats 5]

  --repeats N   groupings timed at each size; the median is shown`;

const SIZES = [1_000, 5_000, 20_000];
const SWEEP = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
const MB = 1024 * 1024;

/**
 * How far the heap in use rose during `run`, in MB: its highest level just before any collection during the run, or
 * at the end, above its level at the start.
 */
function heapRiseMb(run: () => void): number {
  const start = getHeapStatistics().used_heap_size;
  const profiler = new GCProfiler();
  profiler.start();
  run();
  const end = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  const peak = Math.max(end, ...statistics.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize));
  return (peak - start) / MB;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const share = (value: number) => value.toFixed(3);

function scoreLine(name: string, score: CorpusScore): string {
  return (
    `${name.padEnd(10)}${String(score.titles).padStart(7)}${String(score.keys).padStart(6)}` +
    `${String(score.labels).padStart(8)}${String(score.groups).padStart(8)}` +
    `${share(score.precision).padStart(11)}${share(score.recall).padStart(8)}   ${score.agreeing}/${score.grouped} grouped pairs agree, ${score.agreeing}/${score.labelled} labelled pairs found`
  );
}

interface SizeRow {
  ideas: number;
  groups: number;
  ms: number;
  heapMb: number;
}

function measure(ideas: Idea[], repeats: number, lexicon: ConceptLexicon): SizeRow {
  const times: number[] = [];
  let groups = 0;
  for (let run = 0; run < repeats; run += 1) {
    const started = performance.now();
    groups = groupIdeas(ideas, SIMILARITY_THRESHOLD, lexicon).length;
    times.push(performance.now() - started);
  }
  // Once more, untimed: watching the collector slows it down.
  const heapMb = heapRiseMb(() => groupIdeas(ideas, SIMILARITY_THRESHOLD, lexicon));
  return { ideas: ideas.length, groups, ms: median(times), heapMb };
}

async function main(): Promise<number> {
  const options = { repeats: 5, help: false };
  readFlags(
    process.argv.slice(2),
    {
      '--repeats': { kind: 'number', minimum: 1, set: (value) => (options.repeats = value) },
      '--help': { kind: 'switch', set: () => (options.help = true) },
    },
    USAGE,
  );
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const corpus = loadCorpus(CORPUS_FILES.main);
  const heldOut = loadCorpus(CORPUS_FILES.heldOut);
  const blind = loadCorpus(CORPUS_FILES.blind);
  const pack = loadContentPack();
  const lexicon = packLexicon(pack);

  console.log(`grouping of the labelled corpora at threshold ${SIMILARITY_THRESHOLD} (pairs of people's entries)`);
  console.log(
    `vocabulary: the default pack's ${pack.portfolio?.tasks?.length ?? 0} task and ${pack.portfolio?.synonyms?.length ?? 0} synonym groups`,
  );
  console.log(
    `${'corpus'.padEnd(10)}${'titles'.padStart(7)}${'keys'.padStart(6)}${'labels'.padStart(8)}${'groups'.padStart(8)}${'precision'.padStart(11)}${'recall'.padStart(8)}`,
  );
  console.log(scoreLine('main', scoreGrouping(corpus, SIMILARITY_THRESHOLD, lexicon)));
  console.log(scoreLine('held-out', scoreGrouping(heldOut, SIMILARITY_THRESHOLD, lexicon)));
  console.log(scoreLine('blind', scoreGrouping(blind, SIMILARITY_THRESHOLD, lexicon)));
  console.log('without the vocabulary (words alone):');
  console.log(scoreLine('main', scoreGrouping(corpus, SIMILARITY_THRESHOLD, NO_CONCEPTS)));
  console.log(scoreLine('held-out', scoreGrouping(heldOut, SIMILARITY_THRESHOLD, NO_CONCEPTS)));
  console.log(scoreLine('blind', scoreGrouping(blind, SIMILARITY_THRESHOLD, NO_CONCEPTS)));

  console.log('\nthreshold sweep on the main corpus, with the vocabulary (precision / recall / groups)');
  for (const threshold of SWEEP) {
    const score = scoreGrouping(corpus, threshold, lexicon);
    const marker = threshold === SIMILARITY_THRESHOLD ? '  ← used' : '';
    console.log(
      `  ${threshold.toFixed(3)}   ${share(score.precision)} / ${share(score.recall)} / ${score.groups}${marker}`,
    );
  }

  progress(`synthesising ${Math.max(...SIZES)} distinct titles`);
  const titles = labelledTitles(corpus).map(({ title }) => title);
  const all = syntheticIdeas(titles, Math.max(...SIZES));
  groupIdeas(all.slice(0, SIZES[0]), SIMILARITY_THRESHOLD, lexicon);
  const rows: SizeRow[] = [];
  for (const size of SIZES) {
    progress(`grouping ${size} ideas`);
    rows.push(measure(all.slice(0, size), options.repeats, lexicon));
  }
  const [base] = rows;
  console.log(
    `\nsynthetic distinct titles (varied from the corpus), with the vocabulary, median of ${options.repeats} groupings`,
  );
  console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores when the timing started`);
  console.log('heap MB: how far the heap in use rose during one grouping (highest level before a collection)');
  console.log(
    `${'ideas'.padStart(7)}${'groups'.padStart(8)}${'ms'.padStart(9)}${'×1k'.padStart(7)}${'heap MB'.padStart(10)}${'×1k'.padStart(7)}`,
  );
  for (const row of rows) {
    console.log(
      `${String(row.ideas).padStart(7)}${String(row.groups).padStart(8)}${row.ms.toFixed(1).padStart(9)}` +
        `${ratio(row.ms, base.ms).toFixed(1).padStart(7)}${row.heapMb.toFixed(1).padStart(10)}` +
        `${ratio(row.heapMb, base.heapMb).toFixed(1).padStart(7)}`,
    );
  }
  return 0;
}

runMain(main);
