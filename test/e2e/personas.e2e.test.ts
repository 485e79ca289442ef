import path from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningApp } from '../../src/app';
import type { DemoSeedReport } from '../../src/local/demo/seed-demo';
import { cardsOf, cardText, TestUser } from '../support/bot-harness';
import { PLAYGROUND_DEFAULTS, type PlaygroundPage } from './playground';
import { startAppInPlayground } from './playground-app';

/**
 * Each persona straight after `npm run dev -- --demo`, as the banner says to try it: the same settings (none, so the
 * Playground user has the default local roles) and the demo organisation in the embedded store.
 */
describe('every persona in the Agents Playground after npm run dev -- --demo (headless Chromium)', () => {
  let app: RunningApp;
  let ui: PlaygroundPage;
  let demo: DemoSeedReport;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const started = await startAppInPlayground({ COSMOS_DATABASE: 'e2e-personas' }, { demo: true });
    ({ app, ui, close } = started);
    if (!started.demo) throw new Error('the demo organisation was not seeded');
    demo = started.demo;
  }, 120_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  const shot = (name: string) => ui.screenshot(path.join(tmpdir(), `strategy-guide-e2e-persona-${name}.png`));

  it('employee: "start" in the personal chat begins the strategy conversation and takes an answer', async () => {
    await ui.waitForCard('Strategy Guide');
    await ui.sendMessage('start');
    await ui.waitForCard('Business impact · 1 of 12');
    await ui.chooseInCard('4', 'Your rating');
    await ui.clickCardButton('Next');
    await ui.waitForCard('Business impact · 2 of 12');
    await shot('employee');
  }, 90_000);

  it('manager: "@Test Bot pulse" in the team channel opens the pulse set-up card', async () => {
    await ui.switchTo('channel', 'General');
    await ui.sendMessage('pulse');
    const card = await ui.waitForCard('Start a team pulse');
    await expect(card.innerText()).resolves.toMatch(/anonymity threshold/i);
    const texts = (await ui.botMessages().allInnerTexts()).join(' ');
    expect(texts).not.toContain('Only managers can start a pulse here.');
    await shot('manager');
  }, 90_000);

  it('leader: "summary" in the personal chat shows the organisation card with the demo figures', async () => {
    await ui.switchTo('personal');
    await ui.sendMessage('summary');
    const card = await ui.waitForCard('Our AI ambition & success metrics');
    const text = await card.innerText();
    expect(text).toContain(`${demo.people} people have answered`);
    expect(text).toMatch(/Business impact: \d\.\d · /);
    await shot('leader');
  }, 90_000);

  it('admin: "grant leader <id>" gives a simulated person the leader role, and it takes effect', async () => {
    const grantee = demo.examplePersonId;
    const { tenantId } = PLAYGROUND_DEFAULTS;
    const person = new TestUser(() => app.url, grantee, 'Simulated Person', tenantId);
    const before = cardText(cardsOf(await person.say('summary')).at(-1) ?? {});
    expect(before).toContain('Your AI ambition & success metrics');

    await ui.switchTo('personal');
    await ui.sendMessage(`grant leader ${grantee}`);
    await ui.waitForBotText(`Done: leader role granted for ${grantee}.`);
    await ui.sendMessage('list roles');
    await ui.waitForBotText(new RegExp(`leaders: ${grantee}`));
    await shot('admin');

    const after = cardText(cardsOf(await person.say('summary')).at(-1) ?? {});
    expect(after).toContain('Our AI ambition & success metrics');
  }, 90_000);
});
