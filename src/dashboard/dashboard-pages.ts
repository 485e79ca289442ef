import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging/logger';
import { projectRoot } from '../project-root';

/** Where `npm run build` puts the tab's front end (vite.config.mts), relative to the project root. */
export const DASHBOARD_BUILD_FOLDER = 'lib/dashboard-web';

/**
 * The hosts allowed to frame the tab: Teams, Microsoft 365 and Outlook, old domains and the new *.cloud.microsoft
 * (Microsoft Learn, "Tab requirements", checked December 2026).
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/** Fluent UI (Griffel) writes its styles into <style> elements at run time, hence 'unsafe-inline' for styles only. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js refreshes its list of valid Teams hosts from Microsoft's CDN (it falls back to a built-in list if refused).
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strategy dashboard</title></head>
<body><main><h1>The dashboard is not available right now</h1>
<p>Please try again in a few minutes. Your answers and the chat with the bot are not affected.</p></main></body></html>
`;

interface BuiltAsset {
  body: Buffer;
  /** Compressed once at start: restify compresses nothing, and the bundle budget is counted gzipped. */
  gzipped: Buffer;
  type: string;
}

/** The built front end: index.html and every file the Vite manifest names, read once; undefined when not built. */
export interface DashboardBuild {
  index: Buffer;
  assets: ReadonlyMap<string, BuiltAsset>;
}

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
}

/** Reads the build from `folder`; only files listed in its manifest are ever served, so no path can reach further. */
export function loadDashboardBuild(folder: string): DashboardBuild | undefined {
  const manifestPath = path.join(folder, '.vite', 'manifest.json');
  const indexPath = path.join(folder, 'index.html');
  if (!existsSync(manifestPath) || !existsSync(indexPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const assets = new Map<string, BuiltAsset>();
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      if (!file.startsWith('assets/') || file.includes('..')) continue;
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      const body = readFileSync(path.join(folder, file));
      assets.set(file.slice('assets/'.length), { body, gzipped: gzipSync(body), type });
    }
  }
  return { index: readFileSync(indexPath), assets };
}

/** GET /dashboard (the personal tab), /dashboard/config (the channel tab's configuration page) and their assets. */
export function registerDashboardPages(
  server: Server,
  logger: Logger,
  folder: string = path.join(projectRoot(), DASHBOARD_BUILD_FOLDER),
): void {
  let build: DashboardBuild | undefined;
  try {
    build = loadDashboardBuild(folder);
  } catch (error) {
    // A half-written or damaged build must not stop the bot: the tab answers 503 until it is rebuilt.
    logger.error('dashboard.unreadable', { error: (error as Error).name });
  }
  if (!build) logger.warn('dashboard.unbuilt', { folder: DASHBOARD_BUILD_FOLDER });
  const page = async (_req: Request, res: Response) => {
    if (!build) return send(res, 503, UNAVAILABLE_PAGE, 'text/html; charset=utf-8', 'no-store');
    send(res, 200, build.index, 'text/html; charset=utf-8', 'no-cache');
  };
  server.get('/dashboard', page);
  server.get('/dashboard/config', page);
  server.get('/dashboard/assets/:file', async (req, res) => {
    const asset = build?.assets.get(String(req.params.file));
    if (!asset) return send(res, 404, 'Not found', 'text/plain; charset=utf-8', 'no-store');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    send(res, 200, gzip ? asset.gzipped : asset.body, asset.type, 'public, max-age=31536000, immutable', {
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
  });
}

function send(
  res: Response,
  status: number,
  body: string | Buffer,
  type: string,
  cacheControl: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...extra,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': cacheControl,
    'Content-Security-Policy': DASHBOARD_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}
