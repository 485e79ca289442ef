import path from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningApp } from '../../src/app';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { cardsOf, submitData } from '../support/bot-harness';
import { setupInputs } from '../pulse/pulse-chat';
import { inGeneralAsMegan, startAppInPlayground } from './playground-app';
import { PLAYGROUND_DEFAULTS, type PlaygroundPage } from './playground';

const index = new ContentIndex(loadContentPack());
const template = index.pack.pulseTemplates[0];

describe('a team pulse in the Agents Playground team channel (headless Chromium)', () => {
  let app: RunningApp;
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;
  let serviceUrl: string;

  beforeAll(async () => {
    ({ app, ui, serviceUrl, close } = await startAppInPlayground(
      {
        COSMOS_DATABASE: 'e2e-pulse',
        PULSE_POLICY: 'anyone',
        // The playground's team has six people, so the threshold minimum is lowered (local mode only).
        PULSE_MIN_THRESHOLD: '1',
        // Alex may close someone else's pulse.
        ADMIN_IDS: PLAYGROUND_DEFAULTS.user.aadObjectId,
      },
      { pulseTickMs: 0 },
    ));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('answers a pulse a teammate started in the 1:1 chat, closes it in the channel and shows the results card', async () => {
    const setup =
      cardsOf(await inGeneralAsMegan({ app, serviceUrl }, { text: '<at>Test Bot</at> pulse' })).at(-1) ?? {};
    const started = await inGeneralAsMegan(
      { app, serviceUrl },
      {
        value: { ...setupInputs({ templateId: template.id, threshold: '1' }), ...submitData(setup, 'Send the pulse') },
      },
    );
    expect(JSON.stringify(started.activities)).toMatch(/on its way/);
    await app.pulses.jobs.idle();

    // The 1:1 card arrived in Alex's personal chat (the newest card there).
    await ui.switchTo('personal');
    // Sent proactively: the Playground may draw it a moment after the chat opens.
    await ui
      .lastCard()
      .filter({ hasText: `Team pulse: ${template.title}` })
      .waitFor();
    for (const id of template.questions) {
      const question = index.find(id)?.question;
      await ui.chooseInCard('4', question?.text.slice(0, 40));
    }
    await ui.clickCardButton('Send my answers');
    await ui.waitForBotText(/your answers are in/);
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-pulse-answered.png'));

    await ui.switchTo('channel');
    await ui.clickCardButton('Close now and show results');
    const results = await ui.waitForCard(`Pulse results: ${template.title}`);
    await expect(results.innerText()).resolves.toMatch(/Mean 4\.0 of 5/);
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-pulse-results.png'));
  }, 150_000);

  it('plans an action from the results card for a teammate picked with the people picker', async () => {
    await ui.clickButtonInCard(`Pulse results: ${template.title}`, 'Plan an action');
    await ui.waitForCard(`Plan an action: ${template.title}`);
    await ui.fillCardInput('What will the team do?', 'Pair up on one AI pilot');
    // The Playground's picker sends its user's id (not an Entra object id); the bot finds them in the team's roster.
    await ui.lastCard().getByRole('combobox', { name: 'People Picker' }).pressSequentially('Meg', { delay: 30 });
    await ui.page.getByRole('option', { name: /Megan Bowen/ }).click();
    await ui.fillCardDate(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await ui.lastCard().getByRole('checkbox').first().check();
    await ui.clickCardButton('Plan the action');
    await ui.waitForBotText('Planned: Megan Bowen owns it');
  }, 60_000);
});
