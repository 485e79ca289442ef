import type restify from 'restify';
import type { AddressInfo } from 'node:net';
import { LeaderActions } from '../dialogs/leader-actions';
import { DigestActions } from '../dialogs/leader-digest';
import { MainDialog } from '../dialogs/main-dialog';
import { createAdapter } from './bot/adapter';
import { digestSender } from './bot/digest-sender';
import { StrategyBot } from './bot/strategy-bot';
import { CardRenderer } from './cards/card-renderer';
import type { Config } from './config';
import { ContentIndex } from './content/content-index';
import { loadContentPack } from './content/load-content-pack';
import type { Logger } from './logging/logger';
import { DigestScheduler } from './leadership/digest-scheduler';
import { SummaryService } from './leadership/summary-service';
import { createServer } from './server';
import { AggregateStore } from './storage/aggregate-store';
import { AnswerStore } from './storage/answer-store';
import { openCosmos } from './storage/cosmos';
import { DigestStore } from './storage/digest-store';
import { SessionStore } from './storage/session-store';
import { TeamMembership } from './storage/team-membership';
import { TenantStore } from './storage/tenant-store';
import { AnswerRecorder } from './strategy/answer-recorder';

export interface RunningApp {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978. */
  url: string;
  server: restify.Server;
  sessions: SessionStore;
  /** Sends the digests that are due now (the scheduler also runs this every minute); returns how many went out. */
  sendDueDigests(): Promise<number>;
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
  const tenants = new TenantStore(containers.tenants);
  const summaries = new SummaryService(index, aggregates, config.summaryThresholds);
  const digestStore = new DigestStore(containers.tenants);
  const digestTenants = new Set(config.allowedTenants);
  const leadership = new LeaderActions({
    index,
    cards,
    summaries,
    tenants,
    directory: config,
    memberships: new TeamMembership(containers.users),
    answers,
    aggregates,
    digests: new DigestActions(digestStore, clock, (tenantId) => digestTenants.add(tenantId)),
    clock,
  });
  const main = new MainDialog({ pack, index, cards, recorder, answers, sessions, aggregates, leadership }, clock);
  const bot = new StrategyBot({
    main,
    sessions,
    aggregates,
    directory: config,
    allowedTenants: config.allowedTenants,
    mode: config.mode,
    logger,
    clock,
  });
  const adapter = createAdapter(config, logger);
  const server = createServer(adapter, bot, logger);
  const digests = new DigestScheduler({
    store: digestStore,
    tenants: () => digestTenants,
    send: digestSender({
      adapter,
      appId: config.mode === 'local' ? '' : config.bot.appId,
      cards,
      summaries,
      tenants,
      directory: config,
    }),
    clock,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? (config.mode === 'local' ? '127.0.0.1' : '0.0.0.0'), () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info('app.started', { mode: config.mode, port, pack: `${pack.id}@${pack.version}` });
  digests.start();
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sessions,
    sendDueDigests: () => digests.tick(),
    close: async () => {
      await digests.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open indefinitely.
      server.server.closeAllConnections();
      await closed;
      client.dispose();
    },
  };
}
