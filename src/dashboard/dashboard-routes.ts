import type { Request, RequestHandler, Response, Server } from 'restify';
import { jsonBodyReader } from '../json-body';
import type { Logger } from '../logging/logger';
import type { Authenticate } from './dashboard-auth';
import type { ApiResult, DashboardApi } from './dashboard-api';
import type { DashboardIdentity } from './token-verifier';
import type { Viewer, Viewers } from './viewer';

/** An edit is a few short fields. */
const MAX_EDIT_BYTES = 8 * 1024;

export interface DashboardRoutesDeps {
  authenticate: Authenticate;
  viewers: Viewers;
  api: DashboardApi;
  logger: Logger;
}

/**
 * The dashboard API under /api/dashboard/: thin restify handlers. Each authenticates first (nothing is read from
 * Cosmos before that passes), then asks DashboardApi. A refusal is 401/403/4xx with a fixed body; a failure 503.
 */
export function registerDashboardApi(server: Server, deps: DashboardRoutesDeps): void {
  const { api } = deps;
  const identities = new WeakMap<Request, DashboardIdentity>();
  const route =
    (name: string, handle: (viewer: Viewer, req: Request) => ApiResult | Promise<ApiResult>) =>
    async (req: Request, res: Response) => {
      const started = Date.now();
      const identity = identities.get(req) ?? (await deps.authenticate(req));
      if (!identity) return answer(res, { status: 401, body: { error: 'unauthorized' } }, name, started, deps.logger);
      try {
        answer(res, await handle(await deps.viewers.of(identity), req), name, started, deps.logger);
      } catch (error) {
        deps.logger.error('dashboard.failed', { route: name, error: error instanceof Error ? error.name : 'unknown' });
        if (!res.headersSent) answer(res, { status: 503, body: { error: 'unavailable' } }, name, started, deps.logger);
      }
    };
  // The edit's identity is checked before its body is read.
  const authenticated: RequestHandler = (req, res, next) => {
    deps.authenticate(req).then(
      (identity) => {
        if (!identity) {
          answer(res, { status: 401, body: { error: 'unauthorized' } }, 'portfolio.edit', Date.now(), deps.logger);
          return next(false);
        }
        identities.set(req, identity);
        return next();
      },
      () => {
        answer(res, { status: 503, body: { error: 'unavailable' } }, 'portfolio.edit', Date.now(), deps.logger);
        return next(false);
      },
    );
  };
  const query = (req: Request) => new URL(req.url ?? '/', 'http://dashboard').searchParams;

  server.get(
    '/api/dashboard/me',
    route('me', (viewer) => api.me(viewer)),
  );
  server.get(
    '/api/dashboard/overview',
    route('overview', (viewer, req) => api.overview(viewer, query(req))),
  );
  server.get(
    '/api/dashboard/portfolio',
    route('portfolio', (viewer, req) => api.portfolio(viewer, query(req))),
  );
  server.post(
    '/api/dashboard/portfolio/groups/:key',
    authenticated,
    jsonBodyReader(MAX_EDIT_BYTES, deps.logger),
    route('portfolio.edit', (viewer, req) => api.editGroup(viewer, String(req.params.key ?? ''), req.body)),
  );
  server.get(
    '/api/dashboard/pulses',
    route('pulses', (viewer) => api.pulses(viewer)),
  );
  server.get(
    '/api/dashboard/pulses/:id',
    route('pulse', (viewer, req) => api.pulse(viewer, String(req.params.id))),
  );
  server.get(
    '/api/dashboard/mine',
    route('mine', (viewer) => api.mine(viewer)),
  );
  server.get(
    '/api/dashboard/actions',
    route('actions', (viewer) => api.actions(viewer)),
  );
  server.get(
    '/api/dashboard/export.csv',
    route('export', (viewer) => api.export(viewer, 'csv')),
  );
  server.get(
    '/api/dashboard/export.json',
    route('export', (viewer) => api.export(viewer, 'json')),
  );
  server.get(
    '/api/dashboard/strategy.docx',
    route('strategy-document', (viewer, req) => api.strategyDocument(viewer, query(req).get('timeZone'))),
  );
}

function answer(res: Response, result: ApiResult, name: string, started: number, logger: Logger): void {
  // Figures are per person: never kept by a browser or a proxy.
  res.setHeader('cache-control', 'no-store');
  if (result.status === 401) res.setHeader('www-authenticate', 'Bearer');
  if ('file' in result) {
    res.setHeader('content-type', result.file.type);
    res.setHeader('content-disposition', `attachment; filename="${result.file.name}"`);
    res.sendRaw(200, Buffer.from(result.file.data));
  } else res.send(result.status, result.body);
  logger.info('http.dashboard', { route: name, status: result.status, ms: Date.now() - started });
}
