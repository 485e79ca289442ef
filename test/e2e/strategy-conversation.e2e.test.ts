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

/** How the record of the card answered at position `i` of the first section starts. */
function recorded(kind: (typeof BUSINESS_IMPACT)[number], i: number): string {
  if (kind === 'text') return `Answer ${i + 1} from the playground`;
  return kind === 'rating' ? '4 · ' : 'Two-way channels';
}

/** The cards from the second question of Leadership buy-in to the first of Ambition, each reached with Skip. */
const SKIPPED_TO_AMBITION = [
  ...[2, 3, 4, 5, 6, 7].map((n) => `Leadership buy-in · ${n} of 7`),
  ...[1, 2].map((n) => `Use cases and value propositions · ${n} of 2`),
  ...[1, 2, 3].map((n) => `Benefits and awareness · ${n} of 3`),
  'Ambition · 1 of 3',
];

describe('the strategy conversation in the Agents Playground (headless Chromium)', () => {
  let close: (() => Promise<void>) | undefined;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    // An employee: a leader's "summary" would be the organisation's card.
    ({ ui, close } = await startAppInPlayground({ COSMOS_DATABASE: 'e2e', LOCAL_ROLES: 'none' }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('welcomes, answers the whole first section on the cards with the progress moving, and reaches the summary card', async () => {
    const welcome = await ui.waitForCard('Strategy Guide');
    // An employee starts on the short path; the welcome card's button takes them to every question.
    await expect(welcome.innerText()).resolves.toContain('Your path: Short path, 14 questions, about 10 minutes.');
    await ui.clickCardButton('Full path · 25 min');
    await ui.waitForBotText("You're on the Full path now: 36 questions, about 25 minutes.");
    await ui.waitForCard('Business impact · 1 of 12');

    for (const [i, kind] of BUSINESS_IMPACT.entries()) {
      await ui.waitForCard(`Business impact · ${i + 1} of 12`);
      if (kind === 'rating') await ui.chooseInCard('4', 'Your rating');
      if (kind === 'text') await ui.fillCardInput('Your answer', `Answer ${i + 1} from the playground`);
      if (kind === 'single') await ui.chooseInCard('Two-way channels (town halls, Q&A sessions, feedback)');
      await ui.clickCardButton('Next');
    }
    await ui.waitForCard('Leadership buy-in · 1 of 7');
    // Each card answered was updated in place into its record (the last one just after the next card arrived).
    await ui.waitForAnyCard('Business impact · 12 of 12 — 4 ·');
    const questionCards = (await ui.cardsOnPage()).filter((card) => / · \d+ of \d+/.test(card.text));
    expect(questionCards.slice(0, -1)).toEqual(
      BUSINESS_IMPACT.map((kind, i) => ({
        text: expect.stringMatching(new RegExp(`^Business impact · ${i + 1} of 12 — ${recorded(kind, i)}`)),
        inputs: 0,
        buttons: ['Edit'],
      })),
    );
    // Only the current card can be answered.
    expect(questionCards.at(-1)).toEqual(
      expect.objectContaining({
        text: expect.stringContaining('Leadership buy-in · 1 of 7'),
        buttons: expect.arrayContaining(['Next', 'Skip']),
      }),
    );
    expect(questionCards.at(-1)!.inputs).toBeGreaterThan(0);
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-section-done.png'));

    await ui.sendMessage('summary');
    const summary = await ui.waitForCard('Your AI ambition & success metrics');
    await expect(summary.innerText()).resolves.toMatch(/Business impact/);
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-summary.png'));
  }, 120_000);

  it("reopens an answered question from its record's Edit button, and records the new answer in the same way", async () => {
    await ui.clickButtonInCard('Business impact · 2 of 12 —', 'Edit');
    await ui.waitForCard('Business impact · 2 of 12');
    expect((await ui.cardsOnPage()).at(-1)!.inputs).toBeGreaterThan(0);
    await ui.fillCardInput('Your answer', 'Edited in the playground');
    await ui.clickCardButton('Next');
    await ui.waitForCard('Your answers');
    await ui.waitForAnyCard('Business impact · 2 of 12 — Edited in the playground');
    const reopened = (await ui.cardsOnPage()).filter((card) => card.text.startsWith('Business impact · 2 of 12'));
    expect(reopened.map(({ inputs, buttons }) => ({ inputs, buttons }))).toEqual([
      { inputs: 0, buttons: ['Edit'] },
      { inputs: 0, buttons: ['Edit'] },
    ]);
  }, 60_000);

  it('keeps a statement typed into a rows card and sent with Done (not Add), and shows it on the summary card', async () => {
    await ui.sendMessage('resume');
    await ui.waitForCard('Leadership buy-in · 1 of 7');
    for (const next of SKIPPED_TO_AMBITION) {
      await ui.clickCardButton('Skip');
      await ui.waitForCard(next);
    }
    await ui.fillCardInput('We want AI to', 'Take the paperwork off our desks');
    await ui.clickCardButton('Done — next question');
    await ui.waitForBotText('Saved your statement “Take the paperwork off our desks” and moved on.');
    await ui.waitForCard('Ambition · 2 of 3');
    // The rows card finished with Done reads as a count; the skipped ones as skipped.
    await ui.waitForAnyCard('Ambition · 1 of 3 — 1 statement');
    await ui.waitForAnyCard('Benefits and awareness · 3 of 3 — skipped');

    await ui.sendMessage('summary');
    const summary = await ui.waitForCard('Your AI ambition & success metrics');
    await expect(summary.innerText()).resolves.toContain('Take the paperwork off our desks');
    await ui.screenshot(path.join(tmpdir(), 'strategy-guide-e2e-rows-done.png'));
  }, 120_000);

  it('keeps a statement typed into a rows card and sent with Save & exit, says so, and shows it on the summary card', async () => {
    await ui.sendMessage('resume');
    await ui.waitForCard('Ambition · 2 of 3');
    await ui.fillCardInput('We do not want AI to', 'Decide who gets promoted');
    await ui.clickCardButton('Save & exit');
    await ui.waitForBotText('Saved your statement “Decide who gets promoted”.');
    await ui.waitForBotText('Saved. Your answers are stored');

    await ui.sendMessage('summary');
    const summary = await ui.waitForCard('Your AI ambition & success metrics');
    await expect(summary.innerText()).resolves.toContain('Decide who gets promoted');
  }, 120_000);

  it('exports as JSON text, since the Playground shows a file consent card as "not supported yet"', async () => {
    await ui.sendMessage('export');
    const exported = await ui.waitForBotText('Your data');
    await expect(exported.innerText()).resolves.toContain('Take the paperwork off our desks');
    await expect(ui.waitForBotText('not supported', { timeoutMs: 1_000 })).rejects.toThrow(/No new element/);
  }, 60_000);
});
