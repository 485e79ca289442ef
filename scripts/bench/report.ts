import type { BenchOptions } from './args';
import type { FloorComparison } from './floor-comparison';
import type { RoundTrips } from './cosmos-probe';
import type { Tally } from './cosmos-requests';
import type { LoadResult, QuestionnaireLoad } from './phases';
import type { SoloRun } from './solo';
import { ratio, summarize, type LatencySummary } from './stats';
import type { Verification } from './verify';

export const TARGETS = { p95Ratio: 2, floorRatio: 1.3, requestsPerAnswer: 3 };

/** One user alone against each bot, and single Cosmos calls alone. */
export interface SoloFigures {
  bot: SoloRun;
  echo: LoadResult;
  roundTrips: RoundTrips;
}

export interface BenchFigures {
  options: BenchOptions;
  echo: LoadResult;
  /** The least a bot storing each answer and replying with a card must do (bench/floor-bot.ts). */
  floor: LoadResult;
  bot: QuestionnaireLoad;
  /** Cosmos requests while the simulated users ran (start-up and verification excluded). */
  cosmos: Tally;
  verification: Verification;
  solo?: SoloFigures;
  floorComparisons: FloorComparison[];
  packQuestions: number;
  peakRssBytes: number;
}

export interface Report {
  lines: string[];
  /** Something crashed or an answer was lost: the run must fail. */
  failed: boolean;
}

export function buildReport(figures: BenchFigures): Report {
  const { options, echo, floor, bot, cosmos, verification, solo } = figures;
  const lines: string[] = [];
  const echoLatency = summarize(echo.latencies);
  const floorLatency = summarize(floor.latencies);
  const botLatency = summarize(bot.latencies);
  const answers = verification.storedAnswers;
  const allRequests = cosmos.total();
  const documentRequests = cosmos.total((row) => row.document);
  const p95Ratio = ratio(botLatency.p95, echoLatency.p95);
  const perAnswer = ratio(allRequests, answers);

  lines.push(
    `Echo bot (baseline): ${echo.latencies.length} turns by ${options.users} concurrent users in ${seconds(echo.wallMs)}`,
  );
  lines.push(`  ${throughput(echo)}   ${latencyLine(echoLatency)}`);
  lines.push('');
  lines.push(
    `Floor bot (echo + one Cosmos write + one question card per turn): ${floor.latencies.length} turns in ${seconds(floor.wallMs)}`,
  );
  lines.push(`  ${throughput(floor)}   ${latencyLine(floorLatency)}`);
  lines.push(`  ratio to echo bot: p95 ${times(ratio(floorLatency.p95, echoLatency.p95))}`);
  lines.push('');
  const finished = bot.users.filter(({ run }) => run.finished).length;
  lines.push(
    `Strategy Guide: ${finished} of ${options.users} users completed the questionnaire, ${bot.latencies.length} turns in ${seconds(bot.wallMs)}`,
  );
  lines.push(`  ${throughput(bot)}   ${latencyLine(botLatency)}`);
  lines.push(
    `  ratio to echo bot: p50 ${times(ratio(botLatency.p50, echoLatency.p50))}, p95 ${times(p95Ratio)}, p99 ${times(ratio(botLatency.p99, echoLatency.p99))}`,
  );
  lines.push(`  ratio to floor bot: p95 ${times(ratio(botLatency.p95, floorLatency.p95))}`);
  lines.push('');
  lines.push(
    `Cosmos requests while the ${options.users} users ran (database/container creation and the final check excluded):`,
  );
  lines.push(
    `  all HTTP requests     ${pad(allRequests, 7)}  = ${fixed(perAnswer)} per answered question, ${fixed(ratio(allRequests, bot.latencies.length))} per turn`,
  );
  lines.push(
    `  document operations   ${pad(documentRequests, 7)}  = ${fixed(ratio(documentRequests, answers))} per answered question`,
  );
  lines.push(
    `  metadata requests     ${pad(allRequests - documentRequests, 7)}  (account, container and partition-range reads by the SDK)`,
  );
  lines.push(`  answered questions    ${pad(answers, 7)}  (answer documents stored for the ${options.users} users)`);
  lines.push('  by request (count, per answered question, container operation HTTP-status):');
  for (const row of cosmos.list()) {
    lines.push(
      `    ${pad(row.count, 7)}  ${fixed(ratio(row.count, answers)).padStart(5)}  ${row.target} ${row.operation} ${row.status}`,
    );
  }
  if (solo) lines.push('', ...soloLines(solo));
  if (figures.floorComparisons.length > 0) lines.push('', ...floorLines(figures.floorComparisons));

  const problems = problemsOf(figures);
  lines.push('', 'Answers:');
  lines.push(`  users finished (summary card reached)        ${finished}/${options.users}`);
  lines.push(
    `  questions answered per user (pack has ${figures.packQuestions})   ${rangeOf(bot.users.map(({ run }) => run.expected.size))}`,
  );
  lines.push(`  accepted answers missing or wrong in Cosmos  ${verification.lost.length}`);
  lines.push(`  stored answers nobody gave                   ${verification.unexpected.length}`);
  lines.push(`  aggregate counters out of step               ${verification.aggregateMismatches.length}`);
  lines.push(
    `  answers the bot rejected (retried once)      ${bot.users.reduce((sum, { run }) => sum + run.rejected, 0)}`,
  );
  lines.push(`  problems in all (errors, non-200, the above) ${problems.length}`);
  for (const problem of problems.slice(0, 10)) lines.push(`    - ${problem}`);
  if (problems.length > 10) lines.push(`    … and ${problems.length - 10} more`);
  lines.push(
    '',
    `Peak RSS of the bot's process (load generator, bot, echo and floor bots; the Cosmos server runs apart): ${fixed(figures.peakRssBytes / 2 ** 20, 0)} MB`,
  );

  const noLoss = problems.length === 0 && finished === options.users;
  lines.push('', 'Targets:');
  lines.push(
    targetLine(
      `p95 turn latency within ${TARGETS.p95Ratio}× of the echo bot`,
      `${times(p95Ratio)} (the floor bot alone: ${times(ratio(floorLatency.p95, echoLatency.p95))})`,
      p95Ratio <= TARGETS.p95Ratio,
    ),
  );
  for (const comparison of figures.floorComparisons)
    lines.push(
      targetLine(
        `p95 within ${TARGETS.floorRatio}× of the floor bot at ${comparison.users} users`,
        times(comparison.p95Ratio),
        comparison.p95Ratio <= TARGETS.floorRatio,
      ),
    );
  lines.push(
    targetLine(
      `at most ${TARGETS.requestsPerAnswer} Cosmos requests per answered question`,
      `${fixed(perAnswer)} (${fixed(ratio(documentRequests, answers))} document ops)`,
      perAnswer <= TARGETS.requestsPerAnswer,
    ),
  );
  lines.push(
    targetLine(
      `${options.users} concurrent users lose no answer`,
      `${verification.lost.length} lost, ${problems.length} problems`,
      noLoss,
    ),
  );
  return { lines, failed: !noLoss };
}

function soloLines({ bot, echo, roundTrips }: SoloFigures): string[] {
  const botLatency = summarize(bot.load.latencies);
  const echoLatency = summarize(echo.latencies);
  const soloRequests = bot.kinds.reduce((sum, kind) => sum + kind.requests.total(), 0);
  const soloAnswers = bot.load.users.reduce((sum, { run }) => sum + run.expected.size, 0);
  const lines = [
    'One user alone (no concurrency):',
    `  echo bot        ${pad(echo.latencies.length, 4)} turns   ${latencyLine(echoLatency)}`,
    `  Strategy Guide  ${pad(bot.load.latencies.length, 4)} turns   ${latencyLine(botLatency)}`,
    `  ratio to echo bot: p50 ${times(ratio(botLatency.p50, echoLatency.p50))}, p95 ${times(ratio(botLatency.p95, echoLatency.p95))}`,
    `  one Cosmos call alone (SDK → embedded server → SDK): upsert p50 ${fixed(summarize(roundTrips.upsert).p50)} ms, patch p50 ${fixed(summarize(roundTrips.patch).p50)} ms`,
    `  Cosmos requests: ${soloRequests} for ${soloAnswers} answered questions = ${fixed(ratio(soloRequests, soloAnswers))} per answered question (aggregate documents already existed)`,
    '  Cosmos requests per kind of turn:',
    `    ${'kind of turn'.padEnd(34)} turns  p50 ms  requests/turn  requests (total over these turns)`,
  ];
  for (const kind of bot.kinds) {
    const perTurn = fixed(ratio(kind.requests.total(), kind.turns));
    lines.push(
      `    ${kind.label.padEnd(34)} ${pad(kind.turns, 5)}  ${fixed(summarize(kind.latencies).p50, 1).padStart(6)}  ${perTurn.padStart(13)}  ${kind.requests.describe() || '-'}`,
    );
  }
  return lines;
}

function floorLines(comparisons: readonly FloorComparison[]): string[] {
  const lines = ['Against the floor bot, in alternating rounds (new users each round; the floor gets as many turns):'];
  for (const { users, rounds, bot, floor, p95Ratio } of comparisons) {
    lines.push(`  ${users} users, ${rounds} rounds, ${bot.count} turns each side:`);
    lines.push(`    floor bot       ${latencyLine(floor)}`);
    lines.push(`    Strategy Guide  ${latencyLine(bot)}`);
    lines.push(`    ratio to floor bot: p50 ${times(ratio(bot.p50, floor.p50))}, p95 ${times(p95Ratio)}`);
  }
  return lines;
}

function problemsOf({ echo, floor, bot, verification, solo, floorComparisons }: BenchFigures): string[] {
  return [
    ...floorComparisons.flatMap((comparison) => comparison.errors),
    ...echo.errors,
    ...floor.errors,
    ...bot.errors,
    ...bot.users.flatMap(({ userId, run }) => run.errors.map((error) => `${userId}: ${error}`)),
    ...verification.lost.map((text) => `lost: ${text}`),
    ...verification.unexpected.map((text) => `unexpected answer: ${text}`),
    ...verification.aggregateMismatches.map((text) => `aggregate: ${text}`),
    ...(solo
      ? [
          ...solo.echo.errors,
          ...solo.bot.load.errors,
          ...solo.bot.load.users.flatMap(({ run }) => run.errors.map((error) => `solo user: ${error}`)),
        ]
      : []),
  ];
}

function latencyLine(summary: LatencySummary): string {
  return `latency ms: p50 ${fixed(summary.p50, 1)}  p95 ${fixed(summary.p95, 1)}  p99 ${fixed(summary.p99, 1)}  max ${fixed(summary.max, 1)}`;
}

function throughput(load: LoadResult): string {
  return `${fixed(load.latencies.length / (load.wallMs / 1000), 1)} turns/s`;
}

function targetLine(target: string, figure: string, met: boolean): string {
  return `  ${met ? 'PASS' : 'MISS'}  ${target.padEnd(50)} ${figure}`;
}

function rangeOf(values: number[]): string {
  if (values.length === 0) return '-';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}

function seconds(ms: number): string {
  return `${fixed(ms / 1000, 1)} s`;
}

function times(value: number): string {
  return `${fixed(value, 2)}×`;
}

function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function pad(value: number, width: number): string {
  return String(value).padStart(width);
}
