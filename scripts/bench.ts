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
import { parseArgs, USAGE } from './bench/args';
import { Tally } from './bench/cosmos-requests';
import { startCountingCosmos, type CountingCosmos } from './bench/counting-cosmos';
import { startEchoBot, type RunningEchoBot } from './bench/echo-bot';
import { echoLoad, questionnaireLoad } from './bench/phases';
import { buildReport } from './bench/report';
import { soloQuestionnaire } from './bench/solo';
import { verifyStored } from './bench/verify';

const DATABASE = 'bench';
const TENANT = '22222222-2222-2222-2222-222222222222';
/** Warm-up turns go to another tenant so they touch neither the measured answers nor the measured aggregates. */
const WARM_UP_TENANT = '33333333-3333-3333-3333-333333333333';
const SOLO_ECHO_TURNS = 200;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const cosmos = await startCountingCosmos();
  let app: RunningApp | undefined;
  let echo: RunningEchoBot | undefined;
  try {
    app = await startApp({
      config: loadConfig({ PORT: '0', COSMOS_DATABASE: DATABASE }, 'local'),
      cosmos: { endpoint: cosmos.endpoint, key: cosmos.key },
      logger: silentLogger,
    });
    echo = await startEchoBot();
    return await measure(options, app, echo, cosmos);
  } finally {
    await app?.close();
    await echo?.close();
    await cosmos.close();
  }
}

async function measure(options: ReturnType<typeof parseArgs>, app: RunningApp, echo: RunningEchoBot, cosmos: CountingCosmos): Promise<number> {
  const { users } = options;
  console.log(`Strategy Guide benchmark: ${users} concurrent users, ${options.echoTurns} echo turns, Node ${process.version}, ${availableParallelism()} CPUs`);
  console.log('Load generator, bot, echo bot and embedded Cosmos server share this one process; all traffic is loopback.\n');

  progress('warming up (one user, separate tenant; not measured)');
  await echoLoad(echo.url, WARM_UP_TENANT, Math.min(users, 10), 200);
  await questionnaireLoad(app.url, WARM_UP_TENANT, 1);

  progress(`echo bot: ${options.echoTurns} turns by ${users} users`);
  const echoRun = await echoLoad(echo.url, TENANT, users, options.echoTurns);

  progress(`Strategy Guide: ${users} users completing the questionnaire`);
  const tally = new Tally();
  cosmos.attach(tally);
  const botRun = await questionnaireLoad(app.url, TENANT, users);
  cosmos.detach(tally);

  progress('checking stored answers and aggregates');
  const { client, containers } = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database: DATABASE, local: true });
  const verification = await verifyStored(
    containers,
    TENANT,
    botRun.users.map(({ userId, run }) => ({ userId, expected: run.expected })),
  );
  client.dispose();

  let solo;
  if (options.solo) {
    progress('one user alone against each bot');
    solo = { echo: await echoLoad(echo.url, TENANT, 1, SOLO_ECHO_TURNS), bot: await soloQuestionnaire(app.url, TENANT, cosmos) };
  }

  const report = buildReport({
    options,
    echo: echoRun,
    bot: botRun,
    cosmos: tally,
    verification,
    solo,
    packQuestions: new ContentIndex(loadContentPack()).allQuestions().length,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
  console.log(`\n${report.lines.join('\n')}`);
  return report.failed ? 1 : 0;
}

function progress(step: string): void {
  process.stderr.write(`… ${step}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
