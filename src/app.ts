import type { AddressInfo } from 'node:net';
import type { AppOptions, RunningApp } from './app-options';
import { PulseActions } from '../dialogs/pulse-actions';
import { LeaderActions } from '../dialogs/leader-actions';
import { MainDialog } from '../dialogs/main-dialog';
import { PrivacyActions } from '../dialogs/privacy-actions';
import { BotAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background-work';
import { connectorRepliesFor, replyAttemptTimeoutMs } from './bot/connector-replies';
import { createBotAuthentication } from './bot/authentication';
import { digestSender } from './bot/digest-sender';
import { StrategyBot } from './bot/strategy-bot';
import { composeAdmin } from './compose-admin';
import { composeDashboard } from './compose-dashboard';
import { composePortfolio } from './compose-portfolio';
import { composePulses } from './compose-pulses';
import { composeActions } from './compose-actions';
import { actionPlansLine } from './actions/action-digest';
import { composeInvitations } from './compose-invitations';
import { composeFiles } from './compose-files';
import { StrategyDocumentOffers } from './strategy-document/document-offers';
import { accessResolver } from './leadership/access';
import { CardRenderer } from './cards/card-renderer';
import { ContentIndex } from './content/content-index';
import { loadContentPack } from './content/load-content-pack';
import { appVersion } from './health/app-version';
import { Readiness } from './health/readiness';
import { DigestScheduler } from './leadership/digest/digest-scheduler';
import { DigestService } from './leadership/digest/digest-service';
import { composeSnapshots } from './compose-snapshots';
import { LeaderService } from './leadership/leader-service';
import { SummaryService } from './leadership/summary-service';
import { effectiveGroup } from './leadership/thresholds';
import { RequestGate } from './request-gate';
import { createServer } from './server';
import { openCosmos } from './storage/cosmos';
import { cosmosStores } from './storage/cosmos-stores';
import { PulseAndDigestData } from './privacy/pulse-and-digest-data';
import { PrivacyService } from './privacy/privacy-service';
import { FileConsentInvoke } from './bot/file-consent-invoke';
import { AnswerRecorder } from './strategy/answer-recorder';
import { noTelemetry } from './telemetry/telemetry';
import { COUNTERS_CLOSE_MS, composeCounters } from './compose-counters';
import { ActionPlanData } from './privacy/action-plan-data';

export type { AppOptions, RunningApp } from './app-options';

/**
 * What a turn in progress when shutdown begins may still need besides its reply: the rest of its Cosmos work (a request
 * times out after 5 s, retries wait at most 4 s in all; a turn's few requests normally take milliseconds). Its reply
 * gets one attempt at most (no retry once shutdown began); its counters are applied behind it.
 */
const TURN_WORK_BEYOND_REPLY_MS = 8_000;
const BACKGROUND_DRAIN_MS = 10_000;
/** Monthly snapshots need no finer clock: the first tick of a month takes them. */
const SNAPSHOT_TICK_MS = 3_600_000;

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
  const parts = { config, accessOf, cards, index, logger, clock };
  const pulse = composePulses({ ...parts, stores: stores.pulses, teamsChannel: options.teamsChannel, telemetry });
  const invitation = composeInvitations({ ...parts, containers, sessions, leases: stores.leases, pulse });
  const summaries = new SummaryService(index, aggregates, config.summaryThresholds);
  const [{ pulses: pulseDocs, responses }, { campaigns, participation }] = [pulse.stores, invitation.stores];
  const invitationData = { campaigns, participation };
  const seriesData = { store: pulse.stores.series, clock };
  const actionPlanData = new ActionPlanData(pulse.stores.actions);
  const pulseAndDigestData = new PulseAndDigestData(
    pulseDocs,
    responses,
    stores.digests,
    invitationData,
    seriesData,
    actionPlanData,
  );
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
  const actions = composeActions({
    ...parts,
    summaries,
    pulse,
    audit: admin.audit,
    leases: stores.leases,
    tenants: config.allowedTenants,
  });
  const pulses = new PulseActions(pulse.service, actions.service, actions.summaryPlans);
  const snapshot = composeSnapshots({
    containers,
    summaries,
    leases: stores.leases,
    tenants: () => digestTenants,
    logger,
    clock,
  });
  const digestService = new DigestService({
    store: stores.digests,
    summaries,
    sinceLastTime: (tenantId, readiness) => snapshot.snapshots.sinceLastTime(tenantId, readiness),
    actionPlans: (tenantId) => actionPlansLine(actions.store, tenantId),
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
  const { documents, exports } = composeFiles({
    index,
    summaries,
    portfolio,
    sessions,
    accessOf,
    admin,
    clock,
    answers,
    pulseAndDigestData,
    consents: stores.consents,
    uploader: options.fileUploader,
    mode: config.mode,
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
    documents: new StrategyDocumentOffers(documents, exports),
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
    invitations: invitation.actions,
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
    afterAnswers: (turn) => invitation.participation.afterAnswers(turn),
  });
  const gate = new RequestGate();
  const readiness = new Readiness({
    readCosmos: (abortSignal) => containers.tenants.read({ abortSignal }),
    pack: { id: pack.id, version: pack.version },
    version: appVersion(),
    logger,
    now: () => clock().getTime(),
  });
  const dashboard = composeDashboard(options, {
    containers,
    index,
    summaries,
    accessOf,
    leadership,
    portfolio,
    pulse,
    documents,
    readinessHistory: snapshot.snapshots,
    clock,
  });
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
  for (const scheduler of [pulse.scheduler, invitation.scheduler, actions.reminders])
    if (tickMs > 0) scheduler.start(tickMs);
  logger.info('app.started', { mode: config.mode, port, pack: `${pack.id}@${pack.version}` });
  digests.start();
  if (tickMs > 0) snapshot.scheduler.start(SNAPSHOT_TICK_MS);
  let closing: Promise<void> | undefined;
  const drainAndClose = async () => {
    // New requests get 503 from here on; turns already admitted finish (a reply that fails now is not tried again),
    // then the work they started.
    gate.stopAccepting();
    replies.stopRetrying();
    logger.info('app.draining', { inFlight: gate.inFlight, jobs: background.inFlight });
    await digests.stop();
    await snapshot.scheduler.stop();
    for (const scheduler of [pulse.scheduler, invitation.scheduler, actions.reminders]) await scheduler.stop();
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
    actions,
    invitations: invitation,
    snapshots: snapshot,
    sendDueDigests: () => digests.tick(),
    // Once, however many signals or callers ask.
    close: () => (closing ??= drainAndClose()),
    drainLimitMs: turnsDrainMs + backgroundDrainMs + 2 * COUNTERS_CLOSE_MS,
    counters,
  };
}
