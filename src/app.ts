import type restify from 'restify';
import type { AddressInfo } from 'node:net';
import { PulseActions } from '../dialogs/pulse-actions';
import { LeaderActions } from '../dialogs/leader-actions';
import { MainDialog } from '../dialogs/main-dialog';
import { PrivacyActions } from '../dialogs/privacy-actions';
import { BotAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background-work';
import { connectorRepliesFor, replyAttemptTimeoutMs, type ReplyDeliveryOptions } from './bot/connector-replies';
import { createBotAuthentication, type AuthEndpoints } from './bot/authentication';
import { digestSender } from './bot/digest-sender';
import { StrategyBot } from './bot/strategy-bot';
import { composeAdmin } from './compose-admin';
import { composeDashboard } from './compose-dashboard';
import { composePortfolio } from './compose-portfolio';
import { composePulses, type PulseParts } from './compose-pulses';
import { accessResolver } from './leadership/access';
import { CardRenderer } from './cards/card-renderer';
import type { Config } from './config';
import { ContentIndex } from './content/content-index';
import { loadContentPack } from './content/load-content-pack';
import { appVersion } from './health/app-version';
import { Readiness } from './health/readiness';
import type { Logger } from './logging/logger';
import { DigestScheduler } from './leadership/digest/digest-scheduler';
import { DigestService } from './leadership/digest/digest-service';
import { LeaderService } from './leadership/leader-service';
import { SummaryService } from './leadership/summary-service';
import { effectiveGroup } from './leadership/thresholds';
import { RequestGate } from './request-gate';
import { createServer } from './server';
import { openCosmos } from './storage/cosmos';
import { cosmosStores } from './storage/cosmos-stores';
import { PulseAndDigestData } from './privacy/pulse-and-digest-data';
import { ExportService } from './privacy/export-service';
import { HttpFileUploader, type FileUploader } from './privacy/file-uploader';
import { PrivacyService } from './privacy/privacy-service';
import { FileConsentInvoke } from './bot/file-consent-invoke';
import type { SessionStore } from './storage/ports';
import type { TeamsChannel } from './teams/teams-channel';
import { AnswerRecorder } from './strategy/answer-recorder';
import { noTelemetry, type Telemetry } from './telemetry/telemetry';
import type { AggregateQueue } from './aggregation/aggregate-queue';
import { COUNTERS_CLOSE_MS, composeCounters } from './compose-counters';

export interface RunningApp {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978. */
  url: string;
  server: restify.Server;
  sessions: SessionStore;
  /** Jobs that finish after their turn and reply proactively. */
  background: BackgroundWork;
  pulses: Omit<PulseParts, 'service'>;
  /** Sends the digests that are due now (the scheduler also runs this every minute); returns how many went out. */
  sendDueDigests(): Promise<number>;
  close(): Promise<void>;
  /** How long close() may wait for turns, background work and the counters, in all (the schedulers' last pass aside). */
  drainLimitMs: number;
  /** Applies the counters behind the turns; `settle()` waits until every stored answer is counted. */
  counters: AggregateQueue;
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
  /** Tests only: where a tenant's Entra ID signing keys for the dashboard's tokens are published (a local fake). */
  dashboardJwksUrlFor?: (tenantId: string) => string;
  /** The Teams channel service client for pulses (tests pass the HTTP client pointed elsewhere). */
  teamsChannel?: TeamsChannel;
  /** How often pulse deadlines, reminders and counts are looked at; 0 leaves it to the caller (tests). */
  pulseTickMs?: number;
  /**
   * On close: how long turns in progress, then background work, may take to finish (each). By default a turn gets
   * the time of its Cosmos work and one reply attempt (20 s), background work 10 s.
   */
  drainTimeoutMs?: number;
  /** Replies to the Teams connector: how to wait between attempts and how long one may take (tests shorten both). */
  replyDelivery?: ReplyDeliveryOptions;
  /** Puts exports into the person's OneDrive (tests pass one with a shorter timeout). */
  fileUploader?: FileUploader;
  /** Where turns, answers, pulse sends, digests and Cosmos throttling are counted (nowhere by default). */
  telemetry?: Telemetry;
  /** How long a counter change waits for others to the same document before they are written together. */
  aggregateFlushMs?: number;
  /** Heartbeats and sweeps of stopped instances' owed changes: how often, and after how long without one (tests shorten both). */
  sweepEveryMs?: number;
  instanceDeadAfterMs?: number;
}

/**
 * What a turn in progress when shutdown begins may still need besides its reply: the rest of its Cosmos work (a request
 * times out after 5 s, retries wait at most 4 s in all; a turn's few requests normally take milliseconds). Its reply
 * gets one attempt at most (no retry once shutdown began); its counters are applied behind it.
 */
const TURN_WORK_BEYOND_REPLY_MS = 8_000;
const BACKGROUND_DRAIN_MS = 10_000;

/** The composition root: content → Cosmos → stores → dialogs → bot → adapter → HTTP server. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const telemetry = options.telemetry ?? noTelemetry;
  const pack = loadContentPack(config.contentPackPath);
  const index = new ContentIndex(pack);
  const cards = new CardRenderer();
  const { client, containers } = await openCosmos({
    endpoint: options.cosmos.endpoint,
    key: options.cosmos.key,
    database: config.cosmos.database,
    local: config.mode === 'local',
    // Without telemetry the SDK keeps its own HTTP client, untouched.
    onThrottled: options.telemetry ? () => telemetry.cosmosThrottled() : undefined,
  });
  const stores = cosmosStores(containers, { publishAfter: effectiveGroup(config.summaryThresholds), clock });
  const { answers, sessions, aggregates, tenants, memberships } = stores;
  const recorder = new AnswerRecorder(index, clock);
  const counterParts = composeCounters({
    stores,
    logger,
    clock,
    flushMs: options.aggregateFlushMs,
    sweepEveryMs: options.sweepEveryMs,
    deadAfterMs: options.instanceDeadAfterMs,
  });
  const counters = counterParts.queue;
  await counterParts.start();
  // The one place a person's access is resolved: configured ids, then roles granted in chat.
  const accessOf = accessResolver(config, tenants);
  const pulse = composePulses({
    config,
    accessOf,
    stores: stores.pulses,
    cards,
    index,
    logger,
    clock,
    teamsChannel: options.teamsChannel,
    telemetry,
  });
  const pulses = new PulseActions(pulse.service);
  const summaries = new SummaryService(index, aggregates, config.summaryThresholds);
  const pulseAndDigestData = new PulseAndDigestData(stores.pulses.pulses, stores.pulses.responses, stores.digests);
  const digestTenants = new Set(config.allowedTenants);
  const admin = composeAdmin({
    auditStore: stores.audit,
    claims: stores.claims,
    leases: stores.leases,
    index,
    directory: config,
    answers,
    sessions,
    aggregates,
    memberships,
    tenants,
    pulseAndDigestData,
    logger,
    clock,
    counters: counterParts,
  });
  const digestService = new DigestService({
    store: stores.digests,
    summaries,
    cards,
    accessOf,
    clock,
    noteTenant: (tenantId) => digestTenants.add(tenantId),
  });
  const portfolio = composePortfolio({
    index,
    stores,
    thresholds: config.summaryThresholds,
    cards,
    audit: admin.audit,
    logger,
    clock,
  });
  const leadership = new LeaderService({
    index,
    cards,
    summaries,
    tenants,
    accessOf,
    memberships,
    digests: digestService,
    audit: admin.audit,
    scans: admin.scans,
    roleChanges: admin.roleChanges,
    portfolio,
    clock,
  });
  const exports = new ExportService({
    pack,
    answers,
    pulseAndDigestData,
    consents: stores.consents,
    uploader: options.fileUploader ?? new HttpFileUploader(),
    mode: config.mode,
    clock,
  });
  const main = new MainDialog({
    pack,
    index,
    cards,
    recorder,
    answers,
    sessions,
    pulses,
    leadership: new LeaderActions(leadership),
    privacy: new PrivacyActions(
      new PrivacyService({ pack, index, cards, answers, pulseAndDigestData, erasure: admin.erasure, exports }),
    ),
  });
  const replies = connectorRepliesFor(config, options.replyDelivery);
  const adapter = new BotAdapter(createBotAuthentication(config, options.authEndpoints), logger, replies);
  const background = new BackgroundWork(adapter, config.mode === 'local' ? '' : config.bot.appId, logger);
  const bot = new StrategyBot({
    main,
    background,
    fileConsent: new FileConsentInvoke(exports, background, logger),
    sessions,
    aggregates,
    counters,
    directory: config,
    mode: config.mode,
    logger,
    clock,
    telemetry,
  });
  const gate = new RequestGate();
  const readiness = new Readiness({
    readCosmos: (abortSignal) => containers.tenants.read({ abortSignal }),
    pack: { id: pack.id, version: pack.version },
    version: appVersion(),
    logger,
    now: () => clock().getTime(),
  });
  const dashboard = composeDashboard(options, { containers, index, accessOf, leadership, portfolio, pulse, clock });
  const server = createServer({ adapter, admission: config, bot, logger }, gate, readiness, dashboard);
  const digests = new DigestScheduler({
    store: stores.digests,
    tenants: () => digestTenants,
    send: digestSender({ adapter, appId: config.mode === 'local' ? '' : config.bot.appId, digests: digestService }),
    clock,
    logger,
    telemetry,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? (config.mode === 'local' ? '127.0.0.1' : '0.0.0.0'), () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const tickMs = options.pulseTickMs ?? 15_000;
  const turnsDrainMs =
    options.drainTimeoutMs ?? replyAttemptTimeoutMs(options.replyDelivery) + TURN_WORK_BEYOND_REPLY_MS;
  const backgroundDrainMs = options.drainTimeoutMs ?? BACKGROUND_DRAIN_MS;
  if (tickMs > 0) pulse.scheduler.start(tickMs);
  logger.info('app.started', { mode: config.mode, port, pack: `${pack.id}@${pack.version}` });
  digests.start();
  let closing: Promise<void> | undefined;
  const drainAndClose = async () => {
    // New requests get 503 from here on; turns already admitted finish (a reply that fails now is not tried again),
    // then the work they started.
    gate.stopAccepting();
    replies.stopRetrying();
    logger.info('app.draining', { inFlight: gate.inFlight, jobs: background.inFlight });
    await digests.stop();
    await pulse.scheduler.stop();
    if (!(await gate.idle(turnsDrainMs))) logger.warn('app.drain-timeout', { inFlight: gate.inFlight });
    await pulse.jobs.stop();
    await background.drain(backgroundDrainMs);
    await counterParts.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections would hold close() open indefinitely.
    server.server.closeAllConnections();
    await closed;
    client.dispose();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sessions,
    background,
    pulses: pulse,
    sendDueDigests: () => digests.tick(),
    // Once, however many signals or callers ask.
    close: () => (closing ??= drainAndClose()),
    drainLimitMs: turnsDrainMs + backgroundDrainMs + 2 * COUNTERS_CLOSE_MS,
    counters,
  };
}
