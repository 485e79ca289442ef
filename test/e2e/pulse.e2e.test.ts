import path from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningApp } from '../../src/app';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { startAppInPlayground } from './playground-app';
import type { PlaygroundPage } from './playground';

const index = new ContentIndex(loadContentPack());
const template = index.pack.pulseTemplates[0];

describe('a team pulse in the Agents Playground team channel (headless Chromium)', () => {
  let app: RunningApp;
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    ({ app, ui, close } = await startAppInPlayground(
      {
        COSMOS_DATABASE: 'e2e-pulse',
        PULSE_POLICY: 'anyone',
        // The playground's team has a handful of people, so the threshold minimum is lowered (local mode only).
        PULSE_MIN_THRESHOLD: '1',
      },
      { pulseTickMs: 0 },
    ));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('starts a pulse in the channel, answers it in the 1:1 chat, closes it and shows the results card', async () => {
    await ui.switchTo('channel');
    await ui.sendMessage('pulse');
    await ui.waitForCard('Start a team pulse');
    await ui.fillCardInput(
      'Anonymity threshold: results show only once this many people have answered (at least 1)',
      '1',
    );
    await ui.clickCardButton('Send the pulse');
    await ui.waitForBotText(/on its way/);
    await app.pulses.jobs.idle();

    // The 1:1 card arrived while the channel was open, so it is already in the personal chat (the newest card there).
    await ui.switchTo('personal');
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
});
