import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readiness } from '../../src/health/readiness';
import { jsonLogger } from '../../src/logging/logger';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { openCosmos } from '../../src/storage/cosmos';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { until } from '../support/wait';

const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};
const { id: packId, version: packVersion } = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../dialogs/content/strategy-pack.json'), 'utf8'),
) as { id: string; version: string };

const DATABASE = 'readyz';
let bot: TestBot;
const logLines: string[] = [];

beforeAll(async () => {
  bot = await startTestBot({ database: DATABASE, logger: jsonLogger((line) => logLines.push(line)) });
});
afterAll(async () => {
  await bot?.close();
});

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

  it('answers 503 naming Cosmos when the database is gone, /healthz stays 200, and it is ready again once Cosmos is back', async () => {
    const port = Number(new URL(bot.cosmos.endpoint).port);
    await bot.cosmos.close();
    let notReady = await get('/readyz');
    await until(async () => (notReady = await get('/readyz')).status === 503, '/readyz to answer 503');
    expect(notReady.body).toEqual({
      status: 'not ready',
      failed: ['cosmos'],
      message: 'Cosmos DB cannot be reached right now.',
    });
    expect(notReady.text).not.toMatch(/at .*\.(js|ts):\d+|Error|ECONNREFUSED|127\.0\.0\.1|key/i);
    expect((await get('/healthz')).status).toBe(200);
    expect(logLines.some((line) => JSON.parse(line).event === 'readiness.failed')).toBe(true);

    // The same port again, with the database the app uses (its data is gone: only reachability matters here).
    const revived = await startEmbeddedCosmos({ port });
    try {
      (await openCosmos({ ...revived, database: DATABASE, local: true })).client.dispose();
      await until(async () => (await get('/readyz')).status === 200, '/readyz to be ready again');
    } finally {
      await revived.close();
    }
  }, 60_000);
});

describe('Readiness', () => {
  it('names the content pack when it is not loaded, without asking more of Cosmos than one read', async () => {
    let reads = 0;
    const readiness = new Readiness({
      readCosmos: async () => reads++,
      pack: () => undefined,
      version: '1.2.3',
      logger: jsonLogger(() => undefined),
    });
    const [first, second] = await Promise.all([readiness.check(), readiness.check()]);
    expect(first).toEqual({
      status: 503,
      body: { status: 'not ready', failed: ['content-pack'], message: 'The content pack is not loaded.' },
    });
    expect(second).toBe(first);
    expect(reads).toBe(1);
  });
});
