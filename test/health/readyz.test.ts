import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readiness } from '../../src/health/readiness';
import { jsonLogger } from '../../src/logging/logger';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { openCosmos } from '../../src/storage/cosmos';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { until } from '../support/wait';

const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};
const { id: packId, version: packVersion } = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../dialogs/content/strategy-pack.json'), 'utf8'),
) as { id: string; version: string };

const DATABASE = 'readyz';
let bot: TestBot;
let proxy: CosmosFaultProxy | undefined;
const logLines: string[] = [];
/** The app's clock: a probe result is reused for a while, so the tests move time on instead of waiting. */
let now = Date.now();

beforeAll(async () => {
  bot = await startTestBot({
    database: DATABASE,
    logger: jsonLogger((line) => logLines.push(line)),
    clock: () => new Date(now),
    routeCosmos: async (endpoint) => (proxy = await startCosmosFaultProxy(endpoint)).endpoint,
  });
});
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
});

const logged = (event: string) => logLines.filter((line) => JSON.parse(line).event === event).length;
/** A probe after the last result has expired (ready: 10 s, not ready: 2 s). */
async function freshProbe(): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  now += 10_001;
  return get('/readyz');
}

async function get(route: string): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const response = await fetch(`${bot.app.url}${route}`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe('GET /readyz (real HTTP, embedded Cosmos)', () => {
  it('is ready with the version and the content pack while Cosmos answers', async () => {
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', version, pack: { id: packId, version: packVersion } });
  });

  it('reuses a result for 10 s: quick probes cost one Cosmos read', async () => {
    // Passed through untouched; the proxy counts the readiness reads (the tenants container's metadata).
    proxy?.inject({
      match: (kind) => kind.target === 'tenants collection' && kind.operation === 'read',
      fault: { delayMs: 0 },
    });
    const before = proxy?.faulted ?? 0;
    expect((await freshProbe()).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    expect(proxy?.faulted).toBe(before + 1);
    now += 9_000;
    expect((await get('/readyz')).status).toBe(200);
    expect(proxy?.faulted).toBe(before + 1);
    now += 1_001;
    expect((await get('/readyz')).status).toBe(200);
    expect(proxy?.faulted).toBe(before + 2);
    proxy?.clear();
  });

  it('answers 503 naming Cosmos when the database is gone, /healthz stays 200, and it is ready again once Cosmos is back', async () => {
    const port = Number(new URL(bot.cosmos.endpoint).port);
    await bot.cosmos.close();
    let notReady = await freshProbe();
    await until(async () => (notReady = await freshProbe()).status === 503, '/readyz to answer 503');
    expect(notReady.body).toEqual({
      status: 'not ready',
      failed: ['cosmos'],
      message: 'Cosmos DB cannot be reached right now.',
    });
    expect(notReady.text).not.toMatch(/at .*\.(js|ts):\d+|Error|ECONNREFUSED|127\.0\.0\.1|key/i);
    expect((await get('/healthz')).status).toBe(200);
    // Probed again and again while Cosmos is gone: logged once, when the state changed.
    expect((await freshProbe()).status).toBe(503);
    expect((await freshProbe()).status).toBe(503);
    expect(logged('readiness.failed')).toBe(1);
    expect(logged('readiness.cosmos')).toBe(1);

    // The same port again, with the database the app uses (its data is gone: only reachability matters here).
    const revived = await startEmbeddedCosmos({ port });
    try {
      (await openCosmos({ ...revived, database: DATABASE, local: true })).client.dispose();
      await until(async () => (await freshProbe()).status === 200, '/readyz to be ready again');
      expect((await freshProbe()).status).toBe(200);
      expect(logged('readiness.restored')).toBe(1);
      expect(logged('readiness.failed')).toBe(1);
    } finally {
      await revived.close();
    }
  }, 60_000);
});

describe('Readiness', () => {
  it('has probes that arrive together share one Cosmos read', async () => {
    let reads = 0;
    const readiness = new Readiness({
      readCosmos: async () => reads++,
      pack: { id: 'pack', version: '1' },
      version: '1.2.3',
      logger: jsonLogger(() => undefined),
    });
    const [first, second] = await Promise.all([readiness.check(), readiness.check()]);
    expect(first).toEqual({
      status: 200,
      body: { status: 'ready', version: '1.2.3', pack: { id: 'pack', version: '1' } },
    });
    expect(second).toBe(first);
    expect(reads).toBe(1);
  });
});
