import path from 'node:path';
import { tmpdir } from 'node:os';
import { startAppInPlayground } from './playground-app';
import type { PlaygroundPage } from './playground';

/** The first section of the default pack, as the cards ask it: rating, text or single choice. */
const BUSINESS_IMPACT = [
  'rating',
  'text',
  'rating',
  'text',
  'text',
  'rating',
  'rating',
  'rating',
  'single',
  'rating',
  'rating',
  'rating',
] as const;

describe('the strategy conversation in the Agents Playground (headless Chromium)', () => {
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    ({ ui, close } = await startAppInPlayground({ COSMOS_DATABASE: 'e2e' }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('welcomes, answers the whole first section on the cards with the progress moving, and reaches the summary card', async () => {
    await ui.waitForCard('Strategy Guide');
    await ui.clickCardButton('Start');
    await ui.waitForCard('Business impact · 1 of 12');

    for (const [i, kind] of BUSINESS_IMPACT.entries()) {
      await ui.waitForCard(`Business impact · ${i + 1} of 12`);
      if (kind === 'rating') await ui.chooseInCard('4', 'Your rating');
      if (kind === 'text') await ui.fillCardInput('Your answer', `Answer ${i + 1} from the playground`);
      if (kind === 'single') await ui.chooseInCard('Two-way channels (town halls, Q&A sessions, feedback)');
      await ui.clickCardButton('Next');
    }
    await ui.waitForCard('Leadership buy-in · 1 of 7');
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-section-done.png'));

    await ui.sendMessage('summary');
    const summary = await ui.waitForCard('Your AI ambition & success metrics');
    await expect(summary.innerText()).resolves.toMatch(/Business impact/);
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-summary.png'));
  }, 120_000);
});
