import type restify from 'restify';
import type { AddressInfo } from 'node:net';
import { MainDialog } from '../dialogs/main-dialog';
import { BotAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background-work';
import { createBotAuthentication, type AuthEndpoints } from './bot/authentication';
import { StrategyBot } from './bot/strategy-bot';
import { CardRenderer } from './cards/card-renderer';
import type { Config } from './config';
import { ContentIndex } from './content/content-index';
import { loadContentPack } from './content/load-content-pack';
import type { Logger } from './logging/logger';
import { createServer } from './server';
import { AggregateStore } from './storage/aggregate-store';
import { AnswerStore } from './storage/answer-store';
import { openCosmos } from './storage/cosmos';
import { SessionStore } from './storage/session-store';
import { AnswerRecorder } from './strategy/answer-recorder';

export interface RunningApp {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978. */
  url: string;
  server: restify.Server;
  sessions: SessionStore;
  /** Jobs that finish after their turn and reply proactively. */
  background: BackgroundWork;
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  /** The Cosmos endpoint and key to use (the embedded server's in local mode). */
  cosmos: { endpoint: string; key?: string };
  logger: Logger;
  clock?: () => Date;
  /** Listen on this host; loopback in local mode, every interface in production. */
  host?: string;
  /** Tests only: where token signing keys are published (a local OpenID metadata server). */
  authEndpoints?: AuthEndpoints;
}

/** The composition root: content → Cosmos → stores → dialogs → bot → adapter → HTTP server. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const pack = loadContentPack(config.contentPackPath);
  const index = new ContentIndex(pack);
  const cards = new CardRenderer();
  const { client, containers } = await openCosmos({
    endpoint: options.cosmos.endpoint,
    key: options.cosmos.key,
    database: config.cosmos.database,
    local: config.mode === 'local',
  });
  const answers = new AnswerStore(containers.users);
  const sessions = new SessionStore(containers.users);
  const aggregates = new AggregateStore(containers.aggregates);
  const recorder = new AnswerRecorder(pack, clock);
  const main = new MainDialog({ pack, index, cards, recorder, answers, sessions, aggregates }, clock);
  const adapter = new BotAdapter(createBotAuthentication(config, options.authEndpoints), logger);
  const background = new BackgroundWork(adapter, config.mode === 'local' ? '' : config.bot.appId, logger);
  const bot = new StrategyBot({
    main,
    background,
    sessions,
    aggregates,
    directory: config,
    mode: config.mode,
    logger,
    clock,
  });
  const server = createServer({
    adapter,
    admission: config,
    bot,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? (config.mode === 'local' ? '127.0.0.1' : '0.0.0.0'), () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info('app.started', { mode: config.mode, port, pack: `${pack.id}@${pack.version}` });
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sessions,
    background,
    close: async () => {
      await background.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open indefinitely.
      server.server.closeAllConnections();
      await closed;
      client.dispose();
    },
  };
}
