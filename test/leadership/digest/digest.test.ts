import { startTestBot, textsOf, TENANT, type TestBot, type TestUser } from '../../support/bot-harness';
import { cardText } from '../../support/bot-harness';
import { validateCard } from '../../cards/validate-card';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector';

const ADMIN = 'bbbbbbbb-0000-4000-8000-000000000001';
const LEADER = 'bbbbbbbb-0000-4000-8000-000000000002';
const DAY = 24 * 60 * 60 * 1000;

let now = new Date('2026-11-02T09:00:00Z');
let bot: TestBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({
    env: { ADMIN_IDS: ADMIN, LEADER_IDS: LEADER, ALLOWED_TENANTS: TENANT },
    clock: () => now,
  });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

/** The user speaking through the fake connector, so proactive messages come back to it. */
function say(user: TestUser, text: string) {
  return user.post({ type: 'message', text, serviceUrl: connector.serviceUrl });
}

describe('summary digest (fake Teams connector)', () => {
  it('sends a weekly digest when due, once, and again a week later after a restart', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const reply = await say(leader, 'digest weekly');
    expect(textsOf(reply).join(' ')).toMatch(/weekly here, first on Mon 9 Nov, 09:00 UTC\./);
    expect(await bot.app.sendDueDigests()).toBe(0);

    now = new Date(now.getTime() + 7 * DAY + 60_000);
    expect(await bot.app.sendDueDigests()).toBe(1);
    expect(await bot.app.sendDueDigests()).toBe(0);
    const digest = connector.sent.at(-1);
    expect(digest?.conversationId).toBe(leader.conversationId);
    const card = (digest?.activity.attachments as Array<{ content: unknown }>)[0].content;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Your weekly AI strategy digest');

    await bot.restart();
    now = new Date(now.getTime() + 7 * DAY);
    expect(await bot.app.sendDueDigests()).toBe(1);
  }, 60_000);

  it('lets only one of two instances send a tenant’s digests (a lease)', async () => {
    const other = await bot.secondInstance();
    now = new Date(now.getTime() + 7 * DAY);
    const before = connector.sent.length;
    const counts = await Promise.all([bot.app.sendDueDigests(), other.sendDueDigests()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(connector.sent.length).toBe(before + 1);
  }, 60_000);

  it('stops after digest off, and refuses a subscription to a non-leader', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    expect(textsOf(await say(leader, 'digest off')).join(' ')).toContain('no more summary digests');
    now = new Date(now.getTime() + 40 * DAY);
    expect(await bot.app.sendDueDigests()).toBe(0);
    const employee = bot.user();
    expect(textsOf(await say(employee, 'digest monthly')).join(' ')).toContain('The summary digest is for leaders.');
  }, 60_000);

  it('does not send to someone who is no longer a leader', async () => {
    const admin = bot.user(ADMIN, 'Ada Admin');
    const granted = bot.user('bbbbbbbb-0000-4000-8000-000000000003', 'Gus Granted');
    await say(admin, `grant leader ${granted.aadObjectId}`);
    expect(textsOf(await say(granted, 'digest monthly')).join(' ')).toContain('monthly');
    await say(admin, `revoke leader ${granted.aadObjectId}`);
    now = new Date(now.getTime() + 32 * DAY);
    expect(await bot.app.sendDueDigests()).toBe(0);
  }, 60_000);
});
