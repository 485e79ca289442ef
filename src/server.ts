import restify from 'restify';
import { handleActivityRequest, type ActivityEndpointDeps } from './bot/activity-endpoint';
import type { Readiness } from './health/readiness';
import type { RequestGate } from './request-gate';
import { jsonBodyReader, refuseRequest } from './json-body';
import { loggableId } from './logging/logger';
import { registerDashboardPages } from './dashboard/dashboard-pages';

/** Big enough for a long answer with room to spare, small enough that a flood cannot exhaust memory. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * The HTTP server: POST /api/messages for Bot Framework activities, GET /healthz (alive) and GET /readyz (Cosmos
 * reachable) for the platform, and whatever `addRoutes` adds (the dashboard). While shutting down, `gate` answers every new request 503 before anything
 * else runs.
 */
export function createServer(
  endpoint: ActivityEndpointDeps,
  gate: RequestGate,
  readiness: Readiness,
  addRoutes: (server: restify.Server) => void = () => {},
): restify.Server {
  const { logger } = endpoint;
  const server = restify.createServer({ name: 'strategy-guide', handleUncaughtExceptions: false });
  server.pre(gate.handler);
  // Bot Framework channels send plain JSON: a compressed body is refused before anything reads it (restify's body
  // parser inflated gzip without handling errors, so one bad request killed the process, and limited only the
  // compressed size).
  server.pre((req, res, next) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').toString().trim().toLowerCase();
    if (encoding === 'identity' || encoding === '') return next();
    refuseRequest(req, res, 415);
    return next(false);
  });

  server.post('/api/messages', jsonBodyReader(MAX_BODY_BYTES, logger), async (req, res) => {
    const started = Date.now();
    if (!isActivityShaped(req.body)) {
      logger.warn('http.rejected', { path: '/api/messages', status: 400 });
      res.send(400, { error: 'request rejected' });
      return;
    }
    try {
      await handleActivityRequest(endpoint, req, res);
    } catch (error) {
      logger.error('http.failed', { error: (error as Error).name });
      if (!res.headersSent) res.send(500);
    }
    logger.info('http.activity', {
      activityId: loggableId((req.body as { id?: unknown }).id),
      status: res.statusCode,
      ms: Date.now() - started,
    });
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const report = await readiness.check();
    res.send(report.status, report.body);
  });

  addRoutes(server);
  registerDashboardPages(server, logger);

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn('http.rejected', { path: req.path?.(), status: (error as { statusCode?: number }).statusCode });
    // restify would otherwise put its error message (and in some cases internals) in the body.
    res.send((error as { statusCode?: number }).statusCode ?? 500, { error: 'request rejected' });
    return callback();
  });
  return server;
}

/**
 * botbuilder throws (a 500) on a body that is not an object with a string type, and the turn fails on a conversation
 * or sender of the wrong shape; Teams never sends either, so such requests are simply bad.
 */
function isActivityShaped(body: unknown): boolean {
  if (!isObject(body) || typeof body.type !== 'string' || body.type === '') return false;
  const { conversation, from, text } = body;
  return (
    isObject(conversation) &&
    typeof conversation.id === 'string' &&
    isObject(from) &&
    typeof from.id === 'string' &&
    (from.aadObjectId == null || typeof from.aadObjectId === 'string') &&
    (text == null || typeof text === 'string')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
