import { answerCurrentCard } from '../support/card-driver';
import { startTestBot, TENANT, type TestBot } from '../support/bot-harness';

jest.setTimeout(60_000);

let bot: TestBot;
let now = Date.parse('2026-12-08T10:00:00.000Z');

beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date(now) });
});
afterAll(async () => {
  await bot?.close();
});

describe("a person's participation from their answering turns (real bot, embedded Cosmos)", () => {
  it('keeps the time zone a client sent when a later turn sends none (not UTC)', async () => {
    const userId = '00000000-0000-4000-8000-0000000000d1';
    const user = bot.user(userId, 'Dana');
    const plain = user.activity.bind(user);
    user.activity = (fields) => plain({ localTimezone: 'Europe/Berlin', ...fields });
    const first = await answerCurrentCard(user, await user.say('start'));
    const participation = bot.app.invitations.stores.participation;
    expect((await participation.read(TENANT, userId))?.doc.timeZone).toBe('Europe/Berlin');

    // Two hours on, from a client that sends no zone: the turn is still written (activity moved), the zone kept.
    now += 2 * 3_600_000;
    user.activity = plain;
    await answerCurrentCard(user, first);
    const stored = (await participation.read(TENANT, userId))?.doc;
    expect(stored?.lastActiveAt).toBe(new Date(now).toISOString());
    expect(stored?.timeZone).toBe('Europe/Berlin');
  });
});
