/**
 * Benchmark: simulated users complete the whole questionnaire over HTTP (deliveryMode expectReplies) against the
 * embedded Cosmos-compatible server, compared with a bare echo bot driven by the same client. Prints figures;
 * exits 1 only when something crashed or an answer was lost.
 */
import { availableParallelism } from 'node:os';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig } from '../src/config';
import { ContentIndex } from '../src/content/content-index';
import { loadContentPack } from '../src/content/load-content-pack';
import { silentLogger } from '../src/logging/logger';
import { openCosmos } from '../src/storage/cosmos';
import { parseArgs, USAGE, type BenchOptions } from './bench/args';
import { probeRoundTrips } from './bench/cosmos-probe';
import { startCosmosProcess, type CosmosProcess } from './bench/cosmos-process';
import { startEchoBot, type RunningEchoBot } from './bench/echo-bot';
import { compareWithFloor, type FloorComparison } from './bench/floor-comparison';
import { startFloorBot } from './bench/floor-bot';
import { echoLoad, openConnections, questionnaireLoad, type Target } from './bench/phases';
import { buildReport, type SoloFigures } from './bench/report';
import { soloQuestionnaire } from './bench/solo';
import { clientAgent } from './bench/turn-client';
import { verifyStored } from './bench/verify';
import { progress, runMain } from './bench/run-main';

const DATABASE = 'bench';
const FLOOR_DATABASE = 'bench-floor';
const TENANT = '22222222-2222-2222-2222-222222222222';
/** Warm-up turns go to another tenant so they touch neither the measured answers nor the measured aggregates. */
const WARM_UP_TENANT = '33333333-3333-3333-3333-333333333333';
/** The alternating floor rounds write elsewhere too, so the verified tenant holds only the measured users' answers. */
const FLOOR_ROUNDS_TENANT = '44444444-4444-4444-4444-444444444444';
/** The concurrency the floor comparison always includes besides --users: a handful of people answering at once. */
const FEW_USERS = 8;
const WARM_UP_QUESTIONNAIRES = 10;
const WARM_UP_ECHO_TURNS_PER_USER = 10;
const SOLO_ECHO_TURNS = 200;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const cosmos = await startCosmosProcess();
  let app: RunningApp | undefined;
  let echo: RunningEchoBot | undefined;
  let floor: RunningEchoBot | undefined;
  let floorCosmos: Awaited<ReturnType<typeof openCosmos>> | undefined;
  const agents = [clientAgent(options.users), clientAgent(options.users), clientAgent(options.users)];
  try {
    app = await startApp({
      config: loadConfig({ PORT: '0', COSMOS_DATABASE: DATABASE }, 'local'),
      cosmos: { endpoint: cosmos.endpoint, key: cosmos.key },
      logger: silentLogger,
    });
    echo = await startEchoBot();
    floorCosmos = await openCosmos({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      database: FLOOR_DATABASE,
      local: true,
    });
    floor = await startFloorBot(floorCosmos.containers);
    return await measure(
      options,
      { url: app.url, agent: agents[0], settle: () => app!.counters.settle() },
      { url: echo.url, agent: agents[1] },
      { url: floor.url, agent: agents[2] },
      cosmos,
    );
  } finally {
    agents.forEach((agent) => agent.destroy());
    await app?.close();
    await echo?.close();
    await floor?.close();
    floorCosmos?.client.dispose();
    await cosmos.close();
  }
}

async function measure(
  options: BenchOptions,
  bot: Target,
  echo: Target,
  floor: Target,
  cosmos: CosmosProcess,
): Promise<number> {
  const { users } = options;
  console.log(
    `Strategy Guide benchmark: ${users} concurrent users, ${options.echoTurns} echo turns, Node ${process.version}, ${availableParallelism()} CPUs`,
  );
  console.log(
    "Load generator, bot, echo bot and floor bot share this process; the embedded Cosmos server runs in another (a database is never in the bot's process); all traffic is loopback.",
  );

  progress('echo bot: warming up, then measuring');
  await echoLoad(echo, WARM_UP_TENANT, users, users * WARM_UP_ECHO_TURNS_PER_USER);
  const echoRun = await echoLoad(echo, TENANT, users, options.echoTurns);

  progress('floor bot (one Cosmos write and one card per turn): warming up, then measuring');
  await echoLoad(floor, WARM_UP_TENANT, users, users * WARM_UP_ECHO_TURNS_PER_USER);
  const floorRun = await echoLoad(floor, TENANT, users, options.echoTurns);

  progress(`Strategy Guide: warming up, then ${users} users completing the questionnaire`);
  await questionnaireLoad(bot, WARM_UP_TENANT, Math.min(users, WARM_UP_QUESTIONNAIRES));
  await openConnections(bot, WARM_UP_TENANT, users);
  const counting = await cosmos.attach();
  const botRun = await questionnaireLoad(bot, TENANT, users);
  // The counters written behind the last turns count too: what the users' answers cost, not just their turns.
  await bot.settle?.();
  const tally = await cosmos.detach(counting);

  progress('checking stored answers and aggregates');
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: DATABASE,
    local: true,
  });
  let solo: SoloFigures | undefined;
  try {
    const expectations = botRun.users.map(({ userId, run }) => ({ userId, expected: run.expected }));
    const verification = await verifyStored(containers, TENANT, expectations);
    if (options.solo) {
      progress('one user alone against each bot');
      solo = {
        echo: await echoLoad(echo, TENANT, 1, SOLO_ECHO_TURNS),
        bot: await soloQuestionnaire(bot, TENANT, cosmos),
        roundTrips: await probeRoundTrips(containers.tenants),
      };
    }
    const floorComparisons: FloorComparison[] = [];
    for (const concurrency of options.floorRounds > 0 ? [...new Set([FEW_USERS, users])] : []) {
      progress(
        `${options.floorRounds} alternating rounds of the conversation and the floor bot at ${concurrency} users`,
      );
      floorComparisons.push(await compareWithFloor(bot, floor, FLOOR_ROUNDS_TENANT, concurrency, options.floorRounds));
    }
    const report = buildReport({
      options,
      echo: echoRun,
      floor: floorRun,
      bot: botRun,
      cosmos: tally,
      verification,
      solo,
      floorComparisons,
      packQuestions: new ContentIndex(loadContentPack()).allQuestions().length,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    });
    console.log(`\n${report.lines.join('\n')}\n`);
    return report.failed ? 1 : 0;
  } finally {
    client.dispose();
  }
}

runMain(main);
