import { dashboardLink } from '../../src/local/banner';
import { startTestBot, type TestBot } from '../support/bot-harness';

/** Local mode: the identity comes from the query string, as the start-up banner's link gives it. */
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

const meOf = (link: string) => {
  const url = new URL(link);
  return fetch(`${bot.app.url}/api/dashboard/me${url.search}`);
};

describe('the dashboard API in local mode', () => {
  it("serves the banner's link: the Playground's default user with the local roles", async () => {
    const link = dashboardLink(`${bot.app.url}/api/messages`);
    expect(link.startsWith(`${bot.app.url}/dashboard?`)).toBe(true);
    const response = await meOf(link);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      roles: { leader: true, manager: true, admin: true },
      local: true,
    });
  });

  it.each([
    ['no identity', ''],
    ['a tenant only', '?tenant=t1'],
    ['ids that are not ids', '?tenant=..%2F..&user=%3Cscript%3E'],
    ['an id that is far too long', `?tenant=t1&user=${'a'.repeat(100)}`],
  ])('refuses %s with 401', async (_name, query) => {
    const response = await fetch(`${bot.app.url}/api/dashboard/me${query}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });
});
