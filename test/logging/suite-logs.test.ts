import { EMULATOR_KEY } from '../../src/local/embedded-cosmos';
import {
  cardsOf,
  startTestBot,
  submitData,
  TEST_BOT_ID,
  TEST_BOT_PASSWORD,
  type TestBot,
} from '../support/bot-harness';
import { capturedLines, capturedSecrets } from '../support/log-capture';
import { startTokenAuthority, type TokenAuthority } from '../../scripts/load/token-authority';

/**
 * Runs last, as its own jest run (test/support/run-suite.js): reads every log line the whole suite produced — the app's JSON logs,
 * console output of the app and its libraries, and the output of processes the tests started — and looks for
 * bearer tokens, keys and the answer text test users sent. It first makes some noise of its own, so that it checks
 * something even when run alone.
 */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/;
const BEARER = /bearer\s+[\w.-]{20,}/i;

let authority: TokenAuthority;
let bot: TestBot;

beforeAll(async () => {
  authority = await startTokenAuthority(TEST_BOT_ID);
  bot = await startTestBot({ production: { authEndpoints: authority.endpoints } });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await authority?.close();
});

async function makeNoise(): Promise<void> {
  const user = bot.user();
  const valid = { authorization: `Bearer ${authority.sign(authority.channelClaims(SERVICE_URL))}` };
  const expired = {
    authorization: `Bearer ${authority.sign({ ...authority.channelClaims(SERVICE_URL), exp: Math.floor(Date.now() / 1000) - 3600 })}`,
  };
  const forged = {
    authorization: `Bearer ${authority.sign(authority.channelClaims(SERVICE_URL), { key: 'unpublished' })}`,
  };
  const card = cardsOf(await user.post({ type: 'message', text: 'start' }, valid)).at(-1)!;
  await user.post({ type: 'message', value: { ...submitData(card, 'Next'), answer: '4' } }, valid);
  await user.post({ type: 'message', text: 'A private plan nobody may read in a log' }, expired);
  await user.post({ type: 'message', text: 'Another private plan for the forged token' }, forged);
}

describe('every log line of the test suite', () => {
  it('holds no bearer token, key or answer text, and app lines are JSON with activity id, tenant and latency', async () => {
    await makeNoise();
    const lines = capturedLines();
    const secrets = capturedSecrets();
    expect(lines.length).toBeGreaterThan(10);
    expect(secrets.length).toBeGreaterThan(0);

    const leaks = lines.flatMap(({ testFile, source, line }) => {
      const found: string[] = [];
      if (JWT.test(line) || BEARER.test(line)) found.push('a bearer token');
      if (line.includes(EMULATOR_KEY)) found.push('the Cosmos key');
      if (line.includes(TEST_BOT_PASSWORD)) found.push('the bot password');
      const answer = secrets.find((secret) => line.includes(secret));
      if (answer) found.push(`answer text "${answer.slice(0, 40)}"`);
      return found.map((what) => `${testFile} (${source}): ${what}`);
    });
    expect(leaks).toEqual([]);

    const appLines = lines.filter(({ source }) => source === 'app').map(({ line }) => JSON.parse(line));
    for (const entry of appLines)
      expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String), event: expect.any(String) });
    const turns = appLines.filter((entry) => entry.event === 'turn.done');
    expect(turns.length).toBeGreaterThan(0);
    for (const turn of turns)
      expect(turn).toMatchObject({
        activityId: expect.any(String),
        tenantId: expect.any(String),
        ms: expect.any(Number),
      });
  });
});
