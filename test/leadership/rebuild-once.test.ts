import type { RunningApp } from '../../src/app';
import { startTestBot, textsOf, TENANT, type TestBot, type TurnReply } from '../support/bot-harness';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import type { RequestKind } from '../../scripts/bench/cosmos-requests';

/**
 * `check summary` / `rebuild summary` read every answer of the tenant in a background job: a redelivered request runs
 * it once, and of two requests on two instances at once one runs while the other is told so. The scan is slowed by a
 * proxy in front of the embedded server so that the two requests overlap.
 */
const ADMIN = 'ffffffff-0000-4000-8000-000000000001';
const RESULT = /I recomputed the counters/;
const BUSY = /already running/;

let proxy: CosmosFaultProxy;
let bot: TestBot;
let connector: FakeConnector;
let second: RunningApp;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({
    env: { ADMIN_IDS: ADMIN },
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
  });
  second = await bot.secondInstance();
}, 60_000);

afterEach(() => proxy.clear());

afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await connector?.close();
});

/** The tenant-wide scan of answers (a query without a partition key in `users`). */
const tenantScan = (request: RequestKind) => request.target === 'users' && request.operation === 'query';

const admin = (via?: RunningApp) => bot.user(ADMIN, 'Ada Admin', via);

function rebuildActivity(via?: RunningApp): Record<string, unknown> {
  return admin(via).activity({ type: 'message', text: 'rebuild summary', serviceUrl: connector.serviceUrl });
}

/** Waits for the background jobs of both instances, then returns what was sent proactively since `from`. */
async function proactiveSince(from: number): Promise<string[]> {
  await Promise.all([bot.app.background.drain(30_000), second.background.drain(30_000)]);
  return connector.sent.slice(from).map((sent) => String(sent.activity.text ?? ''));
}

const text = (reply: TurnReply) => textsOf(reply).join(' ');

/** Scan queries one rebuild makes (answers and memberships, with whatever query plans the SDK asks for). */
let perScan = 0;

describe('admin rebuilds run once (results sent through the FAKE Teams connector)', () => {
  beforeAll(async () => {
    // Sessions exist (with this serviceUrl) before the scan is slowed: a rebuild turn then changes no session, as in
    // Teams, so nothing of it is recorded there, and the turns themselves never wait on the slowed query.
    for (const via of [undefined, second])
      await admin(via).post({ type: 'message', text: 'help', serviceUrl: connector.serviceUrl });
  });

  it('runs one scan for a `rebuild summary` activity delivered twice', async () => {
    const from = connector.sent.length;
    const activity = rebuildActivity();
    proxy.inject({ match: tenantScan, fault: { delayMs: 0 } });
    expect(text(await admin().postActivity(activity))).toMatch(/Rebuilding/);
    await proactiveSince(from);
    const scanned = proxy.faulted;
    expect(text(await admin().postActivity(activity))).toMatch(/Rebuilding|already/);
    const sent = await proactiveSince(from);
    expect(proxy.faulted).toBe(scanned);
    expect(sent.filter((message) => RESULT.test(message))).toHaveLength(1);
    perScan = proxy.faulted;
    expect(perScan).toBeGreaterThan(0);
  });

  it('runs one of two rebuilds asked on two instances at once and tells the other that one is already running', async () => {
    const from = connector.sent.length;
    const scannedBefore = proxy.faulted;
    proxy.inject({ match: tenantScan, fault: { delayMs: 3_000 } });
    const replies = await Promise.all([
      admin().postActivity(rebuildActivity()),
      admin(second).postActivity(rebuildActivity(second)),
    ]);
    const sent = await proactiveSince(from);
    const everything = [...replies.map(text), ...sent];
    expect(everything.filter((message) => RESULT.test(message))).toHaveLength(1);
    expect(everything.filter((message) => BUSY.test(message))).toHaveLength(1);
    expect(proxy.faulted - scannedBefore).toBe(perScan);
  });

  it('is not blocked for ever by the lease of an instance that crashed mid-rebuild', async () => {
    await bot.containers.tenants.items.upsert({
      id: 'lease|summary-scan',
      type: 'lease',
      tenantId: TENANT,
      holder: 'crashed-instance',
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const from = connector.sent.length;
    expect(text(await admin().postActivity(rebuildActivity()))).toMatch(/Rebuilding/);
    const sent = await proactiveSince(from);
    expect(sent.filter((message) => RESULT.test(message))).toHaveLength(1);
  });
});
