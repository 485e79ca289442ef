import path from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningApp } from '../../src/app';
import { TestUser, cardsOf, submitData } from '../support/bot-harness';
import { PLAYGROUND_DEFAULTS, type PlaygroundPage } from './playground';
import { startAppInPlayground } from './playground-app';

const { tenantId, team } = PLAYGROUND_DEFAULTS;

/** A colleague answering over HTTP in their 1:1 chat, then writing once in the playground team's General channel. */
async function colleagueAnswers(app: RunningApp, n: number): Promise<void> {
  const user = new TestUser(() => app.url, `00000000-0000-4000-8000-00000000010${n}`, `Colleague ${n}`, tenantId);
  let reply = await user.say('start full');
  for (let i = 0; i < 3; i++) {
    const card = cardsOf(reply).at(-1);
    if (!card) throw new Error('expected a question card');
    reply = await user.submit({ ...submitData(card, 'Next'), answer: i === 1 ? 'Automate routine reports' : '4' });
  }
  const posted = await user.post({
    type: 'message',
    text: '<at>Test Bot</at> help',
    conversation: {
      id: `${team.id};messageid=${n}`,
      conversationType: 'channel',
      tenantId,
      isGroup: true,
      name: 'General',
    },
    channelData: { tenant: { id: tenantId }, team: { id: team.id, name: team.name }, channel: { id: team.id } },
  });
  if (posted.status !== 200) throw new Error(`channel post failed with ${posted.status}`);
}

describe('leadership summary in the Agents Playground (headless Chromium)', () => {
  let app: RunningApp;
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    // Alex is not a leader here (a leader's "summary" in a channel is the organisation's card).
    ({ app, ui, close } = await startAppInPlayground({
      COSMOS_DATABASE: 'e2e-leadership',
      SUMMARY_THRESHOLD: '3',
      LOCAL_ROLES: 'none',
    }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('shows the team card in the team channel after several colleagues answered over HTTP', async () => {
    for (const n of [1, 2, 3]) await colleagueAnswers(app, n);
    await ui.switchTo('channel', 'General');
    await ui.sendMessage('summary');
    const card = await ui.waitForCard('This team’s AI ambition & success metrics'); // the playground sends no team name with messages
    const text = await card.innerText();
    expect(text).toContain('3 people have answered');
    expect(text).toMatch(/Business impact: 4\.0 · Scaling/);
    expect(text).not.toContain('Automate routine reports');
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-team-summary.png'));
  }, 120_000);
});
