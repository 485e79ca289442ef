import { randomUUID } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import type { AuthEndpoints } from '../../src/bot/authentication';
import { loadConfig } from '../../src/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { jsonLogger, silentLogger, type Logger } from '../../src/logging/logger';
import { buttonData } from '../../scripts/bench/card-reader';
import { pressedValue } from '../../scripts/bench/press-button';
import { captureLogLine, captureSentSecret, secretsIn } from './log-capture';
import { openCosmos, type Containers } from '../../src/storage/cosmos';

export const TENANT = '11111111-1111-1111-1111-111111111111';
/** How long a turn waits for its counters in tests; a fault test that holds them back is not slowed for longer. */
const SETTLE_MS = 2_000;

/** A bot on real HTTP (restify + CloudAdapter) with the real Cosmos client against the embedded server. */
export interface TestBot {
  app: RunningApp;
  cosmos: EmbeddedCosmos;
  containers: Containers;
  /** A user talking to the main instance, or to `via`. */
  user(aadObjectId?: string, name?: string, via?: RunningApp): TestUser;
  /** A new app process-equivalent (fresh adapter, dialogs and caches) against the same Cosmos data. */
  restart(): Promise<void>;
  /** Another bot instance on its own port, sharing the Cosmos data (as a scaled-out deployment would). */
  secondInstance(): Promise<RunningApp>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  logger?: Logger;
  database?: string;
  /** The endpoint the app should use for the embedded server (e.g. a fault-injecting proxy in front of it). */
  routeCosmos?: (endpoint: string) => Promise<string>;
  /** Run in production mode (authentication on, TENANT allowed) with token keys from a local authority. */
  production?: { authEndpoints: AuthEndpoints };
  /** Pulse scheduler ticks; 0 (the default here) leaves them to the test (`app.pulses.scheduler.tick()`). */
  pulseTickMs?: number;
  /** The app's clock (shared by every instance and restart), for deadlines and reminders. */
  clock?: () => Date;
  /** How long close() lets turns in progress and background work finish (the app's default otherwise). */
  drainTimeoutMs?: number;
  /** Replies in normal mode: the wait between attempts (record it, skip it) and the time one attempt may take. */
  replyDelivery?: AppOptions['replyDelivery'];
  /** How exports are put into OneDrive (the app's HTTP uploader by default). */
  fileUploader?: AppOptions['fileUploader'];
  /** Where the app counts turns, answers, sends and throttling (nowhere by default). */
  telemetry?: AppOptions['telemetry'];
  /** Where the dashboard's token signing keys are published (a local fake of Entra ID). */
  dashboardJwksUrlFor?: AppOptions['dashboardJwksUrlFor'];
}

/** Whatever else a test does with the log, every line is also kept for the end-of-suite check (log-capture.ts). */
function teeToCapture(logger: Logger): Logger {
  const capture = jsonLogger((line) => captureLogLine('app', line));
  return {
    info: (event, fields) => (capture.info(event, fields), logger.info(event, fields)),
    warn: (event, fields) => (capture.warn(event, fields), logger.warn(event, fields)),
    error: (event, fields) => (capture.error(event, fields), logger.error(event, fields)),
  };
}

/** The bot id and password a production-mode test bot runs with. */
export const TEST_BOT_ID = '00000000-0000-0000-0000-00000000b07a';
export const TEST_BOT_PASSWORD = 'test-only-bot-password-5b1c';

function testConfig(options: TestBotOptions, database: string) {
  const base = { PORT: '0', COSMOS_DATABASE: database };
  if (!options.production) return loadConfig({ ...base, ...options.env }, 'local');
  // The endpoint here only satisfies the production checks; the app is handed the embedded server's below.
  const production = {
    BOT_ID: TEST_BOT_ID,
    BOT_PASSWORD: TEST_BOT_PASSWORD,
    COSMOS_ENDPOINT: 'https://cosmos.example.invalid',
    ALLOWED_TENANTS: TENANT,
  };
  return loadConfig({ ...base, ...production, ...options.env }, 'production');
}

/** Starts the embedded Cosmos-compatible server and the bot in local mode on a free port. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const database = options.database ?? `test-${randomUUID().slice(0, 8)}`;
  const config = testConfig(options, database);
  const cosmos = await startEmbeddedCosmos();
  const appCosmos = {
    ...cosmos,
    endpoint: options.routeCosmos ? await options.routeCosmos(cosmos.endpoint) : cosmos.endpoint,
  };
  const boot = () =>
    startApp({
      config,
      cosmos: appCosmos,
      logger: teeToCapture(options.logger ?? silentLogger),
      host: '127.0.0.1',
      authEndpoints: options.production?.authEndpoints,
      pulseTickMs: options.pulseTickMs ?? 0,
      clock: options.clock,
      drainTimeoutMs: options.drainTimeoutMs,
      replyDelivery: options.replyDelivery,
      fileUploader: options.fileUploader,
      telemetry: options.telemetry,
      dashboardJwksUrlFor: options.dashboardJwksUrlFor,
    });
  // Production mode leaves creating the database to infra/; here the local set-up does it.
  if (options.production) (await openCosmos({ ...cosmos, database, local: true })).client.dispose();
  let app: RunningApp;
  const extraApps: RunningApp[] = [];
  try {
    app = await boot();
  } catch (error) {
    await cosmos.close();
    throw error;
  }
  const { containers, client } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database,
    local: true,
  });
  const bot: TestBot = {
    get app() {
      return app;
    },
    cosmos,
    containers,
    // After each turn the counters it owes are settled, as a moment's pause between messages would (see AggregateQueue).
    user: (aadObjectId = randomUUID(), name = 'Ada Lovelace', via?: RunningApp) =>
      new TestUser(
        () => (via ?? app).url,
        aadObjectId,
        name,
        TENANT,
        () => (via ?? app).counters.settle(SETTLE_MS),
      ),
    async restart() {
      await app.close();
      app = await boot();
    },
    async secondInstance() {
      const other = await boot();
      extraApps.push(other);
      return other;
    },
    async close() {
      for (const other of extraApps) await other.close();
      await app.close();
      client.dispose();
      await cosmos.close();
    },
  };
  return bot;
}

export interface TurnReply {
  status: number;
  activities: Partial<Activity>[];
}

/** One Teams user in personal chat with the bot, speaking over HTTP with deliveryMode expectReplies. */
export class TestUser {
  readonly conversationId: string;

  constructor(
    private readonly baseUrl: () => string,
    readonly aadObjectId: string,
    readonly name: string,
    readonly tenantId = TENANT,
    /** Run after each turn's reply (the in-process bot settles its counters). */
    private readonly afterTurn: () => Promise<unknown> = () => Promise.resolve(),
  ) {
    this.conversationId = `a:personal-${aadObjectId}`;
  }

  /** Types a message. */
  say(text: string): Promise<TurnReply> {
    return this.post({ type: 'message', text });
  }

  /** Sends this Action.Submit value as it stands: for forged or replayed submits. Real presses use `press`. */
  submit(value: unknown): Promise<TurnReply> {
    return this.post({ type: 'message', value });
  }

  /**
   * Fills in `typed` (input id → value) and presses the button titled `title`, sending exactly what Teams would
   * (see scripts/bench/press-button.ts); throws when Teams would block the submit for an empty required input.
   */
  press(card: unknown, title: string, typed: Readonly<Record<string, string>> = {}): Promise<TurnReply> {
    return this.submit(pressedValue(card, title, typed));
  }

  /** A whole activity from this user in their personal chat, as Teams would send it; fields given override the defaults. */
  activity(fields: Partial<Activity> & Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: `29:${this.aadObjectId}`, aadObjectId: this.aadObjectId, name: this.name },
      recipient: { id: '28:strategy-guide', name: 'Strategy Guide' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.tenantId },
      channelData: { tenant: { id: this.tenantId } },
      deliveryMode: 'expectReplies',
      ...fields,
    };
  }

  /** Sends any activity as this user; fields given override the defaults. */
  post(fields: Partial<Activity> & Record<string, unknown>, headers: Record<string, string> = {}): Promise<TurnReply> {
    return this.postActivity(this.activity(fields), headers);
  }

  /** Sends this exact activity (with extra headers such as Authorization). */
  async postActivity(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<TurnReply> {
    secretsIn(activity).forEach(captureSentSecret);
    const response = await fetch(`${this.baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    await this.afterTurn();
    const parsed = text ? (JSON.parse(text) as { activities?: Partial<Activity>[] }) : {};
    return { status: response.status, activities: parsed.activities ?? [] };
  }
}

/** The Adaptive Cards among the replies, newest last. */
export function cardsOf(reply: TurnReply): Record<string, unknown>[] {
  return reply.activities.flatMap((activity) =>
    (activity.attachments ?? [])
      .filter((attachment: Attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment: Attachment) => attachment.content as Record<string, unknown>),
  );
}

/** The text messages among the replies. */
export function textsOf(reply: TurnReply): string[] {
  return reply.activities.flatMap((activity) =>
    typeof activity.text === 'string' && activity.text ? [activity.text] : [],
  );
}

/** Finds the submit data of the card button with this title (searching nested actions too). */
export function submitData(card: Record<string, unknown>, title: string): Record<string, unknown> {
  const found = buttonData(card, title);
  if (!found) throw new Error(`no button "${title}" on the card`);
  return found;
}

/** Every text in a card (TextBlock text and TextRun text), joined, for assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if ((record.type === 'TextBlock' || record.type === 'TextRun') && typeof record.text === 'string')
        texts.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}
