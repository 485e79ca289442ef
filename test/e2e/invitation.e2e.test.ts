/**
 * Invitations in the Agents Playground (headless Chromium): a manager types `@bot invite` in the team channel, a
 * colleague (the page's user) starts from the invitation in their 1:1 chat, two more start, and the channel card's
 * count of people who started moves from "fewer than 3" to 3.
 */
import type { RunningApp } from '../../src/app';
import { cardsOf, submitData, TestUser } from '../support/bot-harness';
import { inGeneralAsMegan, MEGAN, startAppInPlayground } from './playground-app';
import { PLAYGROUND_DEFAULTS, type PlaygroundPage } from './playground';

/** Members of the playground's team (its sample users); the page is Alex Wilber's. */
const COLLEAGUES = [
  { name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' },
  { name: 'Diego Siciliani', aadObjectId: '00000000-0000-0000-0000-0000000000023' },
];

describe('an invitation campaign in the Agents Playground team channel (headless Chromium)', () => {
  let app: RunningApp;
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;
  let serviceUrl: string;

  beforeAll(async () => {
    ({ app, ui, serviceUrl, close } = await startAppInPlayground(
      {
        COSMOS_DATABASE: 'e2e-invite',
        MANAGER_IDS: MEGAN.aadObjectId,
        LOCAL_ROLES: 'none',
        // The playground's team has six people: figures are shown from three (the lowest threshold allowed).
        SUMMARY_THRESHOLD: '3',
      },
      { pulseTickMs: 0 },
    ));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  /** A colleague starts in their own 1:1 chat and answers their first question. */
  async function startsAndAnswers(colleague: (typeof COLLEAGUES)[number]): Promise<void> {
    const user = new TestUser(() => app.url, colleague.aadObjectId, colleague.name, PLAYGROUND_DEFAULTS.tenantId);
    const first = cardsOf(await user.say('start')).at(-1) ?? {};
    const reply = await user.submit({ ...submitData(first, 'Next'), answer: '4' });
    expect(reply.status).toBe(200);
  }

  it('invites the team from the channel; starting from the invitation moves the channel card’s count', async () => {
    const invited = await inGeneralAsMegan({ app, serviceUrl }, { text: '<at>Test Bot</at> invite' });
    expect(JSON.stringify(invited.activities)).toMatch(/Invitations are on their way/);
    await app.pulses.jobs.idle();

    await ui.switchTo('channel');
    const channelCard = () => ui.lastCard().filter({ hasText: 'Invitation: help shape our AI strategy' });
    await channelCard().waitFor();
    await expect(channelCard().innerText()).resolves.toMatch(/Started\s*fewer than 3/);

    // Alex starts from the invitation in the 1:1 chat and answers the first question.
    await ui.switchTo('personal');
    await ui.lastCard().filter({ hasText: 'Help shape our AI strategy' }).waitFor();
    await ui.clickCardButton('Start');
    await ui.waitForCard(/ · 1 of \d+/);
    await ui.chooseInCard('4', 'Your rating');
    await ui.clickCardButton('Next');
    await ui.waitForCard(/ · 2 of \d+/);
    for (const colleague of COLLEAGUES) await startsAndAnswers(colleague);

    // The campaign's upkeep redraws the channel card (at most every 10 s, once the figures moved).
    await ui.switchTo('channel');
    const deadline = Date.now() + 40_000;
    let text = '';
    while (Date.now() < deadline && !/Started\s*3/.test(text)) {
      await app.invitations.scheduler.tick();
      text = await channelCard().innerText();
      if (!/Started\s*3/.test(text)) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(text).toMatch(/Invited\s*6/);
    expect(text).toMatch(/Started\s*3/);
    expect(text).toMatch(/Finished\s*fewer than 3/);
  }, 150_000);
});
