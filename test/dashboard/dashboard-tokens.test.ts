import type { JWTPayload } from 'jose';
import { jsonLogger } from '../../src/logging/logger';
import { startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { startFakeEntra, type FakeEntra } from '../support/fake-entra';

/** Production mode: the dashboard API takes only a valid Teams SSO token, checked against a fake Entra ID's keys. */
const CLIENT_ID = '0c7a5b1e-0000-4000-8000-00000000da5b';
const APP_ID_URI = `api://dashboard.example.com/${CLIENT_ID}`;
const OTHER_TENANT = '22222222-2222-2222-2222-222222222222';
const LEADER = 'dddddddd-0000-4000-8000-000000000001';
const v2 = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;

let entra: FakeEntra;
let proxy: CosmosFaultProxy;
let bot: TestBot;
const logLines: string[] = [];

beforeAll(async () => {
  entra = await startFakeEntra();
  bot = await startTestBot({
    production: { authEndpoints: {} },
    env: { DASHBOARD_CLIENT_ID: CLIENT_ID, DASHBOARD_APP_ID_URI: APP_ID_URI, LEADER_IDS: LEADER },
    dashboardJwksUrlFor: entra.jwksUrlFor,
    routeCosmos: async (endpoint) => (proxy = await startCosmosFaultProxy(endpoint)).endpoint,
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await entra?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  aud: CLIENT_ID,
  iss: v2(TENANT),
  tid: TENANT,
  oid: LEADER,
  scp: 'access_as_user',
  ver: '2.0',
  iat: now() - 60,
  nbf: now() - 60,
  exp: now() + 3600,
  ...overrides,
});

async function get(path: string, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${bot.app.url}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Counts the app's document reads and writes from here on (the proxy in front of Cosmos sees every one). */
function countCosmos(): () => number {
  proxy.clear();
  proxy.inject({ match: (kind) => kind.document, fault: { delayMs: 0 } });
  const start = proxy.faulted;
  return () => proxy.faulted - start;
}

describe('the dashboard API in production mode (tokens from a fake Entra ID)', () => {
  it('answers a valid v2 token (client id audience) and a valid v1 token (Application ID URI audience)', async () => {
    const cosmosRequests = countCosmos();
    const v2Reply = await get('/api/dashboard/me', await entra.sign(claims()));
    expect(v2Reply.status).toBe(200);
    // The counter the refusals below are held to sees the reads a served request makes.
    expect(cosmosRequests()).toBeGreaterThan(0);
    proxy.clear();
    expect(v2Reply.body).toMatchObject({ roles: { leader: true }, local: false });
    expect(v2Reply.headers.get('cache-control')).toBe('no-store');
    const v1 = await entra.sign(claims({ aud: APP_ID_URI, iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' }));
    expect((await get('/api/dashboard/overview', v1)).status).toBe(200);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a wrong audience', () => entra.sign(claims({ aud: 'api://someone-else/app' }))],
    ['a wrong issuer', () => entra.sign(claims({ iss: 'https://login.example.com/v2.0' }))],
    ['the v2 issuer of another tenant', () => entra.sign(claims({ iss: v2(OTHER_TENANT) }))],
    ['another tenant (not allowed)', () => entra.sign(claims({ tid: OTHER_TENANT, iss: v2(OTHER_TENANT) }))],
    ['an expired token', () => entra.sign(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }))],
    ['a token not yet valid', () => entra.sign(claims({ nbf: now() + 3600 }))],
    ['an HS256 token', () => entra.signHs256(claims(), 'x'.repeat(64))],
    ['alg none', async () => entra.unsigned(claims())],
    ['a key Entra never published', () => entra.sign(claims(), { unpublishedKey: true })],
    ['no access_as_user scope', () => entra.sign(claims({ scp: 'User.Read' }))],
    ['no scope at all (an app-only token)', () => entra.sign(claims({ scp: undefined, roles: ['access_as_user'] }))],
    ['no object id', () => entra.sign(claims({ oid: undefined }))],
    ['garbage', async () => 'not.a.token'],
  ];

  it.each(refused)('refuses %s with 401, a fixed body and no Cosmos read', async (_name, token) => {
    const signed = await token();
    const cosmosRequests = countCosmos();
    for (const path of [
      '/api/dashboard/me',
      '/api/dashboard/overview',
      '/api/dashboard/actions',
      '/api/dashboard/export.csv',
    ]) {
      const reply = await get(path, signed);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: 'unauthorized' });
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(cosmosRequests()).toBe(0);
    proxy.clear();
  });

  it('never fetches keys for a tenant that is not allowed', async () => {
    const before = entra.keyRequests;
    const other = await entra.sign(claims({ tid: '33333333-3333-3333-3333-333333333333' }));
    expect((await get('/api/dashboard/me', other)).status).toBe(401);
    expect(entra.keyRequests).toBe(before);
  });

  it('ignores the local-mode identity in the query string (production requires the token)', async () => {
    const reply = await get(`/api/dashboard/me?tenant=${TENANT}&user=${LEADER}`);
    expect(reply.status).toBe(401);
    const edit = await fetch(`${bot.app.url}/api/dashboard/portfolio/groups/some-key?tenant=${TENANT}&user=${LEADER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'live' }),
    });
    expect(edit.status).toBe(401);
  });

  it('logs no token, and no user id outside the audit records (which name the actor, as for the chat)', () => {
    const log = logLines.join('\n');
    expect(log).toContain('http.dashboard');
    expect(logLines.filter((line) => !line.includes('"event":"audit"')).join('\n')).not.toContain(LEADER);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
