/**
 * Malformed HTTP on POST /api/messages: bodies that are not JSON, not an activity, or far too big get a 4xx
 * (never a 5xx, never a stack trace in the body), store nothing, and the server still answers the next
 * valid turn of a user who was in the middle of a question.
 */
import { gzipSync } from 'node:zlib';
import { startTestBot, type TestBot, type TestUser } from '../support/bot-harness';
import { expectStillOn, openQuestion, postRaw, storedState, type Card } from './checks';

let bot: TestBot;
let user: TestUser;
let card: Card;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

beforeEach(async () => {
  user = bot.user();
  card = await openQuestion(user, 'bi-industry-impact');
});

const TWO_MB = 2 * 1024 * 1024;

/** A message activity from `user` carrying `text`, as JSON. */
const messageJson = (text: string): string => JSON.stringify(user.activity({ type: 'message', id: 'big', text }));

/** A 4xx, and a body with no stack trace or internals. */
function expectRejected(response: { status: number; body: string }): void {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body).not.toMatch(/\bat\s+[\w$.<>]+\s+\(|\.(?:ts|js):\d+:\d+|TypeError|RangeError|SyntaxError/);
}

async function expectNothingStoredAndStillServing(before: Awaited<ReturnType<typeof storedState>>): Promise<void> {
  expect(await storedState(bot, user)).toEqual(before);
  const health = await fetch(`${bot.app.url}/healthz`);
  expect(health.status).toBe(200);
  await expectStillOn(bot, user, card, { answer: '4' });
}

describe('bodies that are not a JSON activity', () => {
  it.each<[string, string | Uint8Array | undefined, string | undefined]>([
    ['invalid JSON', '{"type": "message", "text": "start",', 'application/json'],
    ['JSON with a trailing comma', '{"type": "message",}', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['no body and no content type', undefined, undefined],
    ['a JSON array', '[{"type": "message", "text": "start"}]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a JSON string', '"start"', 'application/json'],
    ['plain text', 'start', 'text/plain'],
    ['bytes that are not UTF-8', Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00]), 'application/json'],
    ['a JSON object that is not an activity', '{}', 'application/json'],
    ['an activity whose type is a number', '{"type": 1, "text": "start"}', 'application/json'],
    ['an activity whose type is an object', '{"type": {"toString": "message"}}', 'application/json'],
  ])('%s: 4xx, nothing stored, the next valid turn works', async (_name, body, contentType) => {
    const before = await storedState(bot, user);
    expectRejected(await postRaw(bot, body, contentType));
    await expectNothingStoredAndStillServing(before);
  });
});

describe('activities whose parts have shapes Teams never sends', () => {
  const activity = (fields: Record<string, unknown>) =>
    JSON.stringify({ ...user.activity({ type: 'message' }), ...fields });
  it.each<[string, Record<string, unknown>]>([
    ['text as an object', { text: { toString: 'start' } }],
    ['text as an array', { text: ['start'] }],
    ['the sender’s Entra id as an object', { from: { id: 'x', aadObjectId: { $ne: 1 } } }],
    ['no sender', { from: undefined }],
    ['no conversation', { conversation: undefined }],
    ['a conversation id as a number', { conversation: { id: 7 } }],
  ])('%s: 4xx, nothing stored, the next valid turn works', async (_name, fields) => {
    const before = await storedState(bot, user);
    const response = await postRaw(bot, activity(fields));
    expectRejected(response);
    expect(response.status).toBe(400);
    await expectNothingStoredAndStillServing(before);
  });
});

describe('bodies that are too big', () => {
  it('a 2 MB message: 4xx (payload too large), nothing stored, the next valid turn works', async () => {
    const before = await storedState(bot, user);
    const response = await postRaw(bot, messageJson('x'.repeat(TWO_MB)));
    expectRejected(response);
    expect(response.status).toBe(413);
    await expectNothingStoredAndStillServing(before);
  });

  it('2 MB that is not even JSON: 4xx, the next valid turn works', async () => {
    const before = await storedState(bot, user);
    expectRejected(await postRaw(bot, '{'.repeat(TWO_MB)));
    await expectNothingStoredAndStillServing(before);
  });

  it('a 2 MB message sent gzip-compressed (a few KB on the wire): 4xx, not let through past the body limit', async () => {
    const before = await storedState(bot, user);
    const response = await fetch(`${bot.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(messageJson('x'.repeat(TWO_MB))),
    });
    expectRejected({ status: response.status, body: await response.text() });
    await expectNothingStoredAndStillServing(before);
  });
});

describe('other methods on /api/messages', () => {
  it.each(['GET', 'PUT', 'DELETE'])('%s: 4xx, the next valid turn works', async (method) => {
    const before = await storedState(bot, user);
    const response = await fetch(`${bot.app.url}/api/messages`, { method });
    expectRejected({ status: response.status, body: await response.text() });
    await expectNothingStoredAndStillServing(before);
  });
});
