/**
 * Pulse fan-out benchmark: sends one pulse to N recipients through the FAKE Teams channel service (scripts/bench/fake-teams-service.ts) with
 * the real HTTP client, rate limiter, ledger and lease, against the embedded Cosmos-compatible server. Prints the
 * sustained request rate and its share of the cap, the peak one-second window, Cosmos requests per recipient and peak
 * memory. Exits 1 when anyone did not get it, when more got a second copy than the sends in flight when a run failed
 * (a resumed run sends those again), or when the pulse could not be finished.
 *
 *   npm run bench:pulse -- [--recipients 10000] [--rate 45] [--throttle 0]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CardRenderer } from '../src/cards/card-renderer';
import { ContentIndex } from '../src/content/content-index';
import { loadContentPack } from '../src/content/load-content-pack';
import { silentLogger } from '../src/logging/logger';
import { DEFAULT_FAN_OUT, FanOut } from '../src/pulse/delivery/fan-out';
import { HttpTeamsChannel } from '../src/teams/http-teams-channel';
import { pulseCards } from '../src/pulse/pulse-cards';
import { TenantRateLimiters } from '../src/teams/rate-limiter';
import { SendLeases } from '../src/pulse/delivery/send-lease';
import type { TeamsChannel } from '../src/teams/teams-channel';
import { pulseIds, type PulseDoc } from '../src/domain/pulse-docs';
import { openCosmos } from '../src/storage/cosmos';
import { cosmosPulseStores } from '../src/storage/pulse-stores';
import type { ChildMessage, ChildRequest, FakeReport } from './bench/fake-teams-child';
import { startCosmosProcess } from './bench/cosmos-process';

const MAX_RESUMES = 20;

interface Options {
  recipients: number;
  rate: number;
  /** Percent of sends the fake answers 429 (Retry-After 1 s). */
  throttle: number;
}

const USAGE = `Usage: npm run bench:pulse -- [--recipients 10000] [--rate 45] [--throttle 0]

  --recipients N   members of the fake team (default 10000; two requests each at --rate, so 10,000 take ~7.5 min)
  --rate N         the send cap in requests per second (default 45; Teams allows 50 per app and tenant)
  --throttle P     percent of sends the fake answers 429 with Retry-After: 1 (default 0)`;

function parse(argv: readonly string[]): Options {
  const options: Options = { recipients: 10_000, rate: 45, throttle: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a number\n\n${USAGE}`);
    if (flag === '--recipients') options.recipients = Math.floor(value);
    else if (flag === '--rate') options.rate = value;
    else if (flag === '--throttle') options.throttle = value;
    else throw new Error(`unknown option ${flag}\n\n${USAGE}`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const cosmos = await startCosmosProcess();
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: 'bench-pulse',
    local: true,
  });
  const fake = await startFake(options);
  const pack = loadContentPack();
  const index = new ContentIndex(pack);
  const { pulses, ledger, leases } = cosmosPulseStores(containers.pulses);
  let sent = 0;
  const http = new HttpTeamsChannel();
  // Counts sends for the progress line without asking Cosmos (which would add to the figures).
  const channel: TeamsChannel = {
    rosterPage: (...args) => http.rosterPage(...args),
    member: (...args) => http.member(...args),
    createPersonalConversation: (...args) => http.createPersonalConversation(...args),
    send: async (...args) => {
      const id = await http.send(...args);
      sent++;
      return id;
    },
    update: (...args) => http.update(...args),
  };
  const clock = () => new Date();
  const fanOut = new FanOut({
    pulses,
    ledger,
    channel,
    limiters: new TenantRateLimiters(options.rate),
    leases: new SendLeases(leases, randomUUID(), 30_000, clock),
    cards: pulseCards(new CardRenderer(), index),
    logger: silentLogger,
    clock,
  });
  const pulse = benchPulse(fake.url, fake.botId, index);
  await pulses.createPulse(pulse);

  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 250);
  const progress = setInterval(() => process.stderr.write(`\r  ${sent} of ${options.recipients + 1} sent`), 2000);

  console.log(
    `Pulse fan-out: ${options.recipients} recipients, cap ${options.rate} requests/s` +
      (options.throttle > 0 ? `, ${options.throttle}% of sends answered 429` : ''),
  );
  const started = performance.now();
  const counting = await cosmos.attach();
  // As the scheduler would: a run that fails (a dropped Cosmos connection, say) is resumed from the ledger.
  let outcome = 'failed';
  const errors: string[] = [];
  while (outcome !== 'done' && errors.length <= MAX_RESUMES) {
    try {
      outcome = await fanOut.run(pulse.tenantId, pulse.pulseId);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  const tally = await cosmos.detach(counting);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  process.stderr.write('\n');

  const seen = await fake.report();
  const sustained = seen.spanSeconds > 0 ? (seen.requests - 1) / seen.spanSeconds : 0;
  const documentRequests = tally.total((row) => row.document);
  const fmt = (value: number, digits = 1) => value.toFixed(digits);

  console.log(`outcome                 ${outcome} in ${fmt(seconds)} s`);
  console.log(`requests to Teams        ${seen.requests} (${JSON.stringify(seen.byKind)})`);
  console.log(
    `sustained rate           ${fmt(seen.steadyRate, 2)} requests/s = ${fmt((100 * seen.steadyRate) / options.rate)}% of the cap (goal ≥ 95%; 5th–95th percentile of arrivals)`,
  );
  console.log(
    `overall rate             ${fmt(sustained, 2)} requests/s = ${fmt((100 * sustained) / options.rate)}% of the cap (first to last request, roster reading included)`,
  );
  console.log(`peak one-second window   ${seen.peakOneSecond} requests (cap ${options.rate})`);
  console.log(`recipients per second    ${fmt(options.recipients / seen.spanSeconds, 2)}`);
  const counts = await ledger.deliveryCounts(pulse.tenantId, pulse.pulseId);
  const twice = seen.receivedMoreThanOnce;
  console.log(
    `delivered exactly once   ${seen.receivedOnce} of ${options.recipients}; more than once: ${twice}; none: ${seen.receivedNone}`,
  );
  console.log(`ledger                   ${JSON.stringify(counts)}`);
  console.log(
    `runs resumed             ${errors.length}${errors.length > 0 ? ` (${[...new Set(errors)].join('; ')})` : ''}`,
  );
  console.log(
    `Cosmos requests          ${documentRequests} on documents = ${fmt(documentRequests / options.recipients, 2)} per recipient`,
  );
  for (const row of tally.list().filter((entry) => entry.document))
    console.log(`                         ${row.target} ${row.operation} ${row.status} ×${row.count}`);
  console.log(`peak memory              RSS ${fmt(peakRss / 2 ** 20)} MiB, heap ${fmt(peakHeap / 2 ** 20)} MiB`);

  fake.stop();
  client.dispose();
  await cosmos.close();
  // A resumed run sends again what was in flight when the last one failed: at most one per concurrent worker each time.
  const inFlightAtFailures = errors.length * DEFAULT_FAN_OUT.concurrency;
  return outcome === 'done' && seen.receivedNone === 0 && twice <= inFlightAtFailures ? 0 : 1;
}

function benchPulse(serviceUrl: string, botId: string, index: ContentIndex): PulseDoc {
  const pulseId = randomUUID().replace(/-/g, '');
  const template = index.pack.pulseTemplates[0];
  const questions = template.questions.flatMap((id) => {
    const question = index.find(id)?.question;
    if (question?.kind !== 'rating') return [];
    const scale = index.scale(question.scale);
    return scale
      ? [{ id, kind: 'rating' as const, text: question.text, labels: scale.labels, dontKnowLabel: scale.dontKnowLabel }]
      : [];
  });
  return {
    id: pulseIds.pulse(pulseId),
    type: 'pulse',
    tenantId: 'bench-tenant',
    pulseId,
    title: template.title,
    templateId: template.id,
    questions,
    allowComment: true,
    threshold: 5,
    commentThreshold: 10,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    createdBy: 'bench',
    createdAt: new Date().toISOString(),
    status: 'open',
    origin: {
      serviceUrl,
      conversationId: '19:bench@thread.tacv2',
      rosterId: '19:bench-team@thread.tacv2',
      botId,
      botName: 'Strategy Guide',
    },
    fanOut: { phase: 'roster', recipients: 0 },
    responses: 0,
  };
}

interface Fake {
  url: string;
  botId: string;
  report(): Promise<FakeReport>;
  stop(): void;
}

/** The fake channel service in a child process (see bench/fake-teams-child.ts). */
async function startFake(options: Options): Promise<Fake> {
  const child: ChildProcess = fork(join(__dirname, 'bench', 'fake-teams-child.js'));
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ChildMessage));
      child.once('error', reject);
    });
  const send = (request: ChildRequest) => child.send(request);
  const ready = next();
  send({ type: 'start', members: options.recipients, throttlePercent: options.throttle });
  const started = await ready;
  if (started.type !== 'ready') throw new Error('the fake channel service did not start');
  return {
    url: started.url,
    botId: started.botId,
    report: async () => {
      const answer = next();
      send({ type: 'report' });
      const message = await answer;
      if (message.type !== 'report') throw new Error('no report from the fake channel service');
      return message;
    },
    stop: () => send({ type: 'stop' }),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
