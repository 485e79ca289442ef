/**
 * Planning an action from the organisation's summary in the Agents Playground (headless Chromium), as a stranger would
 * after `npm run dev -- --demo`: the page's user (a leader by default) opens `summary`, presses Plan an action, picks a
 * colleague with the people picker (which sends the Playground's own user id, not an Entra object id), fills in the
 * rest and plans it; the dashboard's Actions view then lists it.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningApp } from '../../src/app';
import type { DashboardActions } from '../../src/dashboard/api-types';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';
import type { PlaygroundPage } from './playground';
import { startAppInPlayground } from './playground-app';

describe("an action planned from the organisation's summary in the Agents Playground (headless Chromium)", () => {
  let app: RunningApp;
  let ui: PlaygroundPage;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ app, ui, close } = await startAppInPlayground({ COSMOS_DATABASE: 'e2e-summary-action' }, { demo: true }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('a leader plans one for a colleague picked with the people picker, and the Actions view lists it', async () => {
    await ui.sendMessage('summary');
    await ui.waitForCard('Our AI ambition');
    await ui.clickButtonInCard('Our AI ambition', 'Plan an action');
    await ui.waitForCard("Plan an action: the organisation's summary");
    await ui.fillCardInput('What will be done?', 'Run a prompt clinic for every department');
    const picker = ui.lastCard().getByRole('combobox', { name: 'People Picker' });
    await picker.pressSequentially('Meg', { delay: 30 });
    await ui.page.getByRole('option', { name: /Megan Bowen/ }).click();
    // Two weeks ahead, so it is "after today" whenever the test runs.
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await ui.fillCardDate(due);
    await ui.lastCard().getByRole('checkbox').first().check();
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-summary-action.png'));
    await ui.clickCardButton('Plan the action');
    await ui.waitForBotText('Planned: Megan Bowen owns it');

    const { tenantId, user } = PLAYGROUND_DEFAULTS;
    const response = await fetch(`${app.url}/api/dashboard/actions?tenant=${tenantId}&user=${user.aadObjectId}`);
    const actions = (await response.json()) as DashboardActions;
    expect(actions.organisation?.map((action) => [action.what, action.ownerName, action.dueDate])).toEqual([
      ['Run a prompt clinic for every department', 'Megan Bowen', due],
    ]);
    expect(actions.organisation?.[0].source).toMatch(/^Organisation summary · /);
  }, 120_000);
});
