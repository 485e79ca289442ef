import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { jsonLogger } from '../../src/logging/logger';
import { startTestBot, TEST_BOT_ID, TEST_BOT_PASSWORD, type TestBot, type TestUser } from '../support/bot-harness';
import {
  ENTRA_ISSUER,
  startTokenAuthority,
  type SignOptions,
  type TokenAuthority,
} from '../../scripts/load/token-authority';

/** Production-mode authentication with real RS256 tokens from a local key server (a fake of the Bot Framework's). */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let authority: TokenAuthority;
let bot: TestBot;
const logLines: string[] = [];

beforeAll(async () => {
  authority = await startTokenAuthority(TEST_BOT_ID);
  bot = await startTestBot({
    production: { authEndpoints: authority.endpoints },
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await authority?.close();
});

async function storedDocumentsOf(user: TestUser): Promise<number> {
  const { resources } = await bot.containers.users.items
    .query({ query: 'SELECT c.id FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: user.aadObjectId }] })
    .fetchAll();
  return resources.length;
}

function bearer(claims: Record<string, unknown>, options?: SignOptions): Record<string, string> {
  return { authorization: `Bearer ${authority.sign(claims, options)}` };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const rejected: [string, (user: TestUser) => { activity: Record<string, unknown>; headers: Record<string, string> }][] =
  [
    [
      'no Authorization header',
      (user) => ({ activity: user.activity({ type: 'message', text: 'start' }), headers: {} }),
    ],
    [
      'a token for another bot (wrong audience)',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer({ ...authority.channelClaims(SERVICE_URL), aud: 'someone-elses-bot' }),
      }),
    ],
    [
      'a token from an issuer that is not the Bot Framework',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer({ ...authority.channelClaims(SERVICE_URL), iss: 'https://issuer.example.com' }),
      }),
    ],
    [
      "an Entra ID token for the bot's own app id, with replies pointed elsewhere (issuer pinning)",
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start', serviceUrl: SERVICE_URL }),
        headers: bearer({ iss: ENTRA_ISSUER, aud: TEST_BOT_ID, appid: TEST_BOT_ID, ver: '1.0' }, { key: 'entra' }),
      }),
    ],
    [
      'an expired token',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer({
          ...authority.channelClaims(SERVICE_URL),
          iat: nowSeconds() - 7200,
          nbf: nowSeconds() - 7200,
          exp: nowSeconds() - 3600,
        }),
      }),
    ],
    [
      'a bad signature (a key nobody published, under a published key id)',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer(authority.channelClaims(SERVICE_URL), { key: 'unpublished' }),
      }),
    ],
    [
      'an HS256 token keyed with the public key',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer(authority.channelClaims(SERVICE_URL), { alg: 'HS256' }),
      }),
    ],
    [
      'an unknown key id',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer(authority.channelClaims(SERVICE_URL), { kid: 'no-such-key' }),
      }),
    ],
    [
      "a serviceUrl that is not the token's",
      (user) => ({
        activity: user.activity({
          type: 'message',
          text: 'start',
          serviceUrl: 'https://smba.trafficmanager.net/amer/',
        }),
        headers: bearer(authority.channelClaims(SERVICE_URL)),
      }),
    ],
    [
      'a key not endorsed for the Teams channel',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: bearer(authority.channelClaims(SERVICE_URL), { key: 'webchat-only' }),
      }),
    ],
    [
      'a scheme other than Bearer',
      (user) => ({
        activity: user.activity({ type: 'message', text: 'start' }),
        headers: { authorization: `Basic ${authority.sign(authority.channelClaims(SERVICE_URL))}` },
      }),
    ],
  ];

describe('production authentication (fake Bot Framework key server)', () => {
  it.each(rejected)('%s → 401 with an empty body, and no bot logic runs', async (_name, build) => {
    const user = bot.user();
    const { activity, headers } = build(user);
    const response = await fetch(`${bot.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(await storedDocumentsOf(user)).toBe(0);
  });

  it('a valid Teams channel token → 200, the bot answers and stores the session', async () => {
    const user = bot.user();
    const reply = await user.post({ type: 'message', text: 'start' }, bearer(authority.channelClaims(SERVICE_URL)));
    expect(reply.status).toBe(200);
    console.log(JSON.stringify(reply.activities).slice(0, 500));
    expect(reply.activities.length).toBeGreaterThan(0);
    // The conversation's session and the person document.
    expect(await storedDocumentsOf(user)).toBe(2);
  });

  it("botbuilder's own defaults would accept the Entra ID token that the pinned issuer refuses", async () => {
    const unpinned = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: TEST_BOT_ID,
      MicrosoftAppPassword: TEST_BOT_PASSWORD,
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: authority.endpoints.channelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: authority.endpoints.emulatorOpenIdMetadataUrl,
    });
    const token = authority.sign(
      { iss: ENTRA_ISSUER, aud: TEST_BOT_ID, appid: TEST_BOT_ID, ver: '1.0' },
      { key: 'entra' },
    );
    const activity = bot
      .user()
      .activity({ type: 'message', text: 'start', serviceUrl: 'https://replies.attacker.example/' });
    await expect(unpinned.authenticateRequest(activity as never, `Bearer ${token}`)).resolves.toBeDefined();
  });
});

describe('allow-lists (production mode, valid tokens)', () => {
  const droppedLines = (activityId: string) =>
    logLines.filter((line) => line.includes('"activity.dropped"') && line.includes(activityId));

  it.each([
    ['a tenant that is not allowed', { channelData: { tenant: { id: 'another-tenant' } } }, 'tenant not allowed'],
    ['a serviceUrl host that is not Teams', { serviceUrl: 'https://replies.example.com/' }, 'serviceUrl not allowed'],
    ['a plain-http serviceUrl', { serviceUrl: 'http://smba.trafficmanager.net/emea/' }, 'serviceUrl not allowed'],
    ['a channel other than Teams', { channelId: 'webchat' }, 'not the Teams channel'],
  ])('%s is dropped before any logic or storage, with one log line', async (_name, fields, reason) => {
    const user = bot.user();
    const activity = user.activity({ type: 'message', text: 'start', ...fields });
    const channel = String(activity.channelId) === 'webchat' ? { key: 'webchat-only' as const } : {};
    const reply = await user.postActivity(
      activity,
      bearer(authority.channelClaims(String(activity.serviceUrl)), channel),
    );
    expect(reply.status).toBe(200);
    expect(reply.activities).toEqual([]);
    expect(await storedDocumentsOf(user)).toBe(0);
    const lines = droppedLines(String(activity.id));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', reason });
  });
});
