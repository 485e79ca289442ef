import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import restify from 'restify';
import { registerDashboardPages } from '../../src/dashboard/dashboard-pages';
import { silentLogger } from '../../src/logging/logger';

/** A build as Vite writes it (index.html, hashed assets, .vite/manifest.json), plus a file the manifest does not name. */
function writeBuild(folder: string): void {
  mkdirSync(path.join(folder, 'assets'), { recursive: true });
  mkdirSync(path.join(folder, '.vite'), { recursive: true });
  writeFileSync(path.join(folder, 'index.html'), '<!doctype html><script src="/dashboard/assets/index-abc123.js">');
  writeFileSync(path.join(folder, 'assets', 'index-abc123.js'), 'console.log("tab");'.repeat(50));
  writeFileSync(path.join(folder, 'assets', 'stray.js'), 'not in the manifest');
  writeFileSync(path.join(folder, 'secret.txt'), 'outside assets');
  writeFileSync(
    path.join(folder, '.vite', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/index-abc123.js', isEntry: true } }),
  );
}

async function serve(folder: string): Promise<{ url: string; close: () => void }> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerDashboardPages(server, silentLogger, folder);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('GET /dashboard: the tab page and its hashed assets', () => {
  let folder: string;
  let app: { url: string; close: () => void };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'dashboard-build-'));
    writeBuild(folder);
    app = await serve(folder);
  });

  afterAll(() => {
    app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(['/dashboard', '/dashboard/config'])(
    '%s answers index.html, never cached, framed only by Teams and Microsoft 365',
    async (page) => {
      const response = await fetch(`${app.url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self' https://res.cdn.office.net");
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1].split(' ');
      expect(ancestors).toEqual(
        expect.arrayContaining(["'self'", 'https://teams.microsoft.com', 'https://*.cloud.microsoft']),
      );
      expect(ancestors).not.toContain('*');
      expect(await response.text()).toContain('/dashboard/assets/index-abc123.js');
    },
  );

  it('serves a hashed asset for a year, immutable, gzipped when the browser accepts it', async () => {
    const plain = await fetch(`${app.url}/dashboard/assets/index-abc123.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await plain.text();
    expect(body).toContain('console.log("tab")');
    // fetch() would inflate it: read the raw bytes through node:http's view instead.
    const zipped = await rawGet(`${app.url}/dashboard/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(body));
    expect(gunzipSync(zipped.body).toString()).toBe(body);
  });

  it.each([
    '/dashboard/assets/stray.js',
    '/dashboard/assets/..%2Fsecret.txt',
    '/dashboard/assets/..%2F..%2F..%2Fpackage.json',
    '/dashboard/assets/%2E%2E%2Fsecret.txt',
    '/dashboard/secret.txt',
    '/dashboard/.vite/manifest.json',
  ])('answers 404 for %s: only files the manifest names are served', async (url) => {
    const response = await fetch(`${app.url}${url}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside assets');
  });
});

describe('GET /dashboard before the front end is built', () => {
  it('answers 503 when the build is damaged (a manifest that is not JSON), and the server keeps running', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dashboard-damaged-'));
    writeBuild(folder);
    writeFileSync(path.join(folder, '.vite', 'manifest.json'), '{ half');
    const app = await serve(folder);
    try {
      expect((await fetch(`${app.url}/dashboard`)).status).toBe(503);
    } finally {
      app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers a kind 503 page, not a crash or a stack trace', async () => {
    const app = await serve(path.join(tmpdir(), 'no-such-dashboard-build'));
    try {
      const response = await fetch(`${app.url}/dashboard`);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).toContain('The dashboard is not available right now');
      expect(text).not.toMatch(/Error|\n\s+at /);
      expect((await fetch(`${app.url}/dashboard/assets/index-abc123.js`)).status).toBe(404);
    } finally {
      app.close();
    }
  });
});

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
