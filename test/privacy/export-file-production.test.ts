import { startTestBot, textsOf, TEST_BOT_ID, type TestBot } from '../support/bot-harness';
import { consentCardOf, consentInvoke, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import { startTokenAuthority, type TokenAuthority } from '../../scripts/load/token-authority';

/**
 * Production mode (authentication on, with tokens from a FAKE Bot Framework key server): the consent invoke is
 * authenticated like every activity, and the upload URL must be https on SharePoint, so the FAKE OneDrive on this
 * machine is never sent anything.
 */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let authority: TokenAuthority;
let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  [authority, oneDrive] = await Promise.all([startTokenAuthority(TEST_BOT_ID), startFakeOneDrive()]);
  bot = await startTestBot({ production: { authEndpoints: authority.endpoints } });
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await Promise.all([authority?.close(), oneDrive?.close()]);
});

const channelAuth = () => ({ authorization: `Bearer ${authority.sign(authority.channelClaims(SERVICE_URL))}` });

describe('export file consent in production (FAKE Bot Framework keys, FAKE OneDrive)', () => {
  it('refuses an unauthenticated invoke, and uploads to nothing but SharePoint over https', async () => {
    const user = bot.user();
    const offered = await user.post({ type: 'message', text: 'export' }, channelAuth());
    const card = consentCardOf(offered.activities);
    expect(card?.content.acceptContext.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const accept = consentInvoke('accept', card?.content.acceptContext, oneDrive.uploadInfo(card?.name));

    const unauthenticated = await user.post(accept);
    expect(unauthenticated.status).toBe(401);

    const offList = await user.post(accept, channelAuth());
    expect(offList.status).toBe(200);
    expect(textsOf(offList).join(' ')).toMatch(/isn't a OneDrive location I can send your data to, so I sent nothing/);
    expect(oneDrive.received).toEqual([]);
  });
});
