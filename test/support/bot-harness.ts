import { randomUUID } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { silentLogger, type Logger } from '../../src/logging/logger';
import { openCosmos, type Containers } from '../../src/storage/cosmos';

export const TENANT = '11111111-1111-1111-1111-111111111111';

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
  /** The app's clock (default: real time). */
  clock?: () => Date;
}

/** Starts the embedded Cosmos-compatible server and the bot in local mode on a free port. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const database = options.database ?? `test-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({ PORT: '0', COSMOS_DATABASE: database, ...options.env }, 'local');
  const cosmos = await startEmbeddedCosmos();
  const boot = () => startApp({ config, cosmos, logger: options.logger ?? silentLogger, clock: options.clock });
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
    user: (aadObjectId = randomUUID(), name = 'Ada Lovelace', via?: RunningApp) =>
      new TestUser(() => (via ?? app).url, aadObjectId, name),
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
  ) {
    this.conversationId = `a:personal-${aadObjectId}`;
  }

  /** Types a message. */
  say(text: string): Promise<TurnReply> {
    return this.post({ type: 'message', text });
  }

  /** Presses an Action.Submit button with this data (merged with the card's input values). */
  submit(value: unknown): Promise<TurnReply> {
    return this.post({ type: 'message', value });
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
  async post(fields: Partial<Activity> & Record<string, unknown>): Promise<TurnReply> {
    const response = await fetch(`${this.baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.activity(fields)),
    });
    const text = await response.text();
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
  const found = findAction(card, title);
  if (!found) throw new Error(`no button "${title}" on the card`);
  return { ...(found.data as Record<string, unknown>) };
}

function findAction(node: unknown, title: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findAction(child, title);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'Action.Submit' && record.title === title) return record;
  for (const value of Object.values(record)) {
    const found = findAction(value, title);
    if (found) return found;
  }
  return undefined;
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
