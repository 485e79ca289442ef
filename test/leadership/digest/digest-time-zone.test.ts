import { startTestBot, textsOf, TENANT, type TestBot, type TestUser } from '../../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector';

const BERLIN_LEADER = 'dddddddd-0000-4000-8000-000000000001';
const NEW_YORK_LEADER = 'dddddddd-0000-4000-8000-000000000002';

let now = new Date('2026-10-15T13:00:00Z');
let bot: TestBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({
    env: { LEADER_IDS: `${BERLIN_LEADER},${NEW_YORK_LEADER}`, ALLOWED_TENANTS: TENANT },
    clock: () => now,
  });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

/** The leader speaking from a Teams client in `localTimezone`, through the fake connector. */
async function say(user: TestUser, text: string, localTimezone: string): Promise<string> {
  return textsOf(await user.post({ type: 'message', text, serviceUrl: connector.serviceUrl, localTimezone })).join(' ');
}

async function subscription(userId: string): Promise<Record<string, unknown> | undefined> {
  return (await bot.containers.tenants.item(`digest|${userId}`, TENANT).read<Record<string, unknown>>()).resource;
}

describe('digest times in the leader’s time zone (fake Teams connector, injected clock)', () => {
  it('keeps a monthly New York digest at 09:00 New York time across the November change', async () => {
    // Thursday 15 October 2026, 09:00 in New York (summer time, UTC-4); clocks go back on 1 November.
    const leader = bot.user(NEW_YORK_LEADER, 'Nia New York');
    expect(await say(leader, 'digest monthly', 'America/New_York')).toContain(
      'first on Sun 15 Nov, 09:00 New York time',
    );
    expect(await subscription(NEW_YORK_LEADER)).toMatchObject({
      nextDueAt: '2026-11-15T14:00:00.000Z',
      timeZone: 'America/New_York',
    });
    now = new Date('2026-11-15T13:30:00Z');
    expect(await bot.app.sendDueDigests()).toBe(0);
    now = new Date('2026-11-15T14:00:30Z');
    expect(await bot.app.sendDueDigests()).toBe(1);
    expect(await subscription(NEW_YORK_LEADER)).toMatchObject({ nextDueAt: '2026-12-15T14:00:00.000Z' });
    await say(leader, 'digest off', 'America/New_York');
  }, 60_000);

  it('keeps a weekly Berlin digest at 09:00 Berlin time after the autumn change, using the stored zone', async () => {
    // Friday 16 October 2026, 09:00 in Berlin (summer time, UTC+2); clocks go back on 25 October.
    now = new Date('2026-10-16T07:00:00Z');
    const leader = bot.user(BERLIN_LEADER, 'Bea Berlin');
    expect(await say(leader, 'digest weekly', 'Europe/Berlin')).toContain('first on Fri 23 Oct, 09:00 Berlin time');
    now = new Date('2026-10-23T07:00:30Z');
    expect(await bot.app.sendDueDigests()).toBe(1);
    // Sent by the scheduler with no activity: the next one is 09:00 winter time, 08:00Z, not 07:00Z.
    expect(await subscription(BERLIN_LEADER)).toMatchObject({ nextDueAt: '2026-10-30T08:00:00.000Z' });
    now = new Date('2026-10-30T07:30:00Z');
    expect(await bot.app.sendDueDigests()).toBe(0);
    now = new Date('2026-10-30T08:00:30Z');
    expect(await bot.app.sendDueDigests()).toBe(1);
  }, 60_000);

  it('subscribes in UTC, saying so, when the activity’s zone is forged', async () => {
    const leader = bot.user(BERLIN_LEADER, 'Bea Berlin');
    now = new Date('2026-11-02T09:00:00Z');
    expect(await say(leader, 'digest weekly', 'Nowhere/Atlantis')).toContain('first on Mon 9 Nov, 09:00 UTC.');
    expect(await subscription(BERLIN_LEADER)).toMatchObject({ nextDueAt: '2026-11-09T09:00:00.000Z', timeZone: 'UTC' });
  }, 60_000);
});
