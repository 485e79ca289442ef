import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type {
  DashboardActions,
  DashboardMe,
  DashboardMine,
  DashboardOverview,
  DashboardPortfolio,
  DashboardPulseList,
} from '../../src/dashboard/api-types';
import { LOCAL_ROLE_USER_ID } from '../../src/domain/local-roles';
import { startApp } from '../../src/app';
import { seedDemo, type DemoSeedReport } from '../../src/local/demo/seed-demo';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';
import { silentLogger } from '../../src/logging/logger';
import {
  SCREENSHOT_DIR,
  TITLES,
  controlsTabDoesNotReach,
  openView,
  rowsOf,
  settled,
  tableOf,
  screenshot,
  seriousViolations,
  startDashboardBrowser,
  type DashboardBrowser,
} from './dashboard-browser';
import type { PageDocument } from './page-dom';
import { actionTables, expectedTables, seedActions } from './actions-view';

// Only ever used inside functions Playwright runs in the page.
declare const document: PageDocument;

const THEMES = ['default', 'dark', 'contrast'] as const;

let cosmos: EmbeddedCosmos;
let app: RunningApp;
let demo: DemoSeedReport;
let browser: DashboardBrowser;
/** Local mode's identity in the query: the Playground's default user (every local role), and a simulated employee. */
let leader: string;
let employee: string;

/** What the API itself answers the same person: the figures the page must show. */
async function api<T>(resource: string, who: string): Promise<T> {
  const response = await fetch(`${app.url}/api/dashboard/${resource}${resource.includes('?') ? '&' : '?'}${who}`);
  if (!response.ok) throw new Error(`${resource}: ${response.status}`);
  return (await response.json()) as T;
}

/** The portfolio's table of groups (found by its caption). */
function groupsTable(page: Page) {
  return page.locator('table', { has: page.locator('caption', { hasText: 'Use-case groups' }) });
}

const mean = (value: number | null) => (value === null ? '–' : value.toFixed(1));

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  const config = loadConfig({ PORT: '0', COSMOS_DATABASE: 'e2e-dashboard' }, 'local');
  demo = await seedDemo({ config, cosmos });
  const [managed, other] = demo.teams;
  await seedActions(
    cosmos,
    'e2e-dashboard',
    demo.tenantId,
    { leader: LOCAL_ROLE_USER_ID, employee: demo.examplePersonId },
    { managed, other },
  );
  app = await startApp({ config, cosmos, logger: silentLogger, pulseTickMs: 0 });
  const tenant = `tenant=${encodeURIComponent(PLAYGROUND_DEFAULTS.tenantId)}`;
  leader = `${tenant}&user=${LOCAL_ROLE_USER_ID}`;
  employee = `${tenant}&user=${encodeURIComponent(demo.examplePersonId)}`;
  browser = await startDashboardBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await cosmos?.close();
}, 30_000);

describe('the dashboard tab in Chromium, local mode, against the real API and the simulated organisation', () => {
  it('shows a leader every view the API allows, each with the figures the API returns', async () => {
    const me = await api<DashboardMe>('me', leader);
    expect([...me.views].sort()).toEqual(['actions', 'mine', 'overview', 'portfolio', 'pulses', 'team']);
    const page = await browser.open(`${app.url}/dashboard?${leader}`);
    await settled(page);
    const nav = page.getByRole('navigation', { name: 'Dashboard views' }).getByRole('button');
    expect(await nav.allInnerTexts()).toEqual(me.views.map((view) => TITLES[view]));

    const overview = await api<DashboardOverview>('overview', leader);
    await openView(page, 'overview');
    // The README's picture (docs/images/dashboard.png is a copy): the top of a leader's overview, charts shown.
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/readme.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1500 },
    });
    for (const line of overview.card.participation)
      await expect(page.getByText(line, { exact: true }).count()).resolves.toBe(1);
    expect(await tableOf(page, 'Readiness by section')).toEqual(
      overview.figures.readiness.map((s) => [
        s.title,
        mean(s.mean),
        s.stage,
        s.dontKnow === null ? '–' : String(s.dontKnow),
      ]),
    );
    expect((await tableOf(page, 'What people want from AI')).map((row) => row.slice(0, 2))).toEqual(
      overview.figures.want.themes.map((theme) => [theme.label, String(theme.people)]),
    );
    for (const chart of ['Participation over time', 'Completion over time'])
      expect((await tableOf(page, chart)).map((row) => row.slice(0, 2))).toEqual(
        overview.history.points.map((point) => [point.day, point.people === null ? '–' : String(point.people)]),
      );
    if (overview.readinessHistory.length > 0)
      expect((await tableOf(page, 'Readiness over time')).map((row) => row[0])).toEqual(
        overview.readinessHistory.map((point) => point.month),
      );
    else await page.getByText('A snapshot is taken once a month', { exact: false }).waitFor();
    await screenshot(page, 'overview-light');

    const team = demo.teams[0];
    const teamOverview = await api<DashboardOverview>(`overview?team=${encodeURIComponent(team.id)}`, leader);
    await openView(page, 'team');
    await page.getByLabel('Team').selectOption(team.id);
    await settled(page);
    for (const line of teamOverview.card.participation)
      await expect(page.getByText(line, { exact: true }).count()).resolves.toBe(1);
    await screenshot(page, 'team-light');

    const portfolio = await api<DashboardPortfolio>('portfolio', leader);
    expect(portfolio.groups.length).toBeGreaterThan(0);
    await openView(page, 'portfolio');
    const groups = await rowsOf(groupsTable(page));
    expect(groups.map((row) => row.slice(0, 6))).toEqual(
      portfolio.groups.map((g) => [
        String(g.rank),
        g.label,
        g.statusLabel,
        g.support === null ? '–' : String(g.support),
        mean(g.value),
        mean(g.feasibility),
      ]),
    );
    expect(await tableOf(page, 'Groups by value and feasibility')).toEqual(
      portfolio.quadrants.map((q) => [q.title, String(q.groups)]),
    );
    await screenshot(page, 'portfolio-light');

    const pulses = await api<DashboardPulseList>('pulses', leader);
    await openView(page, 'pulses');
    if (pulses.pulses.length === 0) await page.getByText('No pulse yet.', { exact: false }).waitFor();
    else
      expect((await rowsOf(page.getByRole('table'))).map((row) => row[0])).toEqual(pulses.pulses.map((p) => p.title));
    await screenshot(page, 'pulses-light');

    const mine = await api<DashboardMine>('mine', leader);
    await openView(page, 'mine');
    await page
      .getByText(`${mine.progress.answered} of ${mine.progress.questions} questions answered`, { exact: false })
      .waitFor();
    await screenshot(page, 'mine-light');

    const actions = await api<DashboardActions>('actions', leader);
    await openView(page, 'actions');
    const tables = await actionTables(page);
    expect(tables).toEqual(expectedTables(actions));
    // The leader's own pulse's team in full, the other team counted, the organisation's actions: all seeded are there.
    expect(Object.keys(tables)).toHaveLength(4);
    await screenshot(page, 'actions-light');
    await page.close();
  }, 120_000);

  it('shows an employee only their own strategy, with their own figures, and the organisation API refuses them', async () => {
    const me = await api<DashboardMe>('me', employee);
    expect(me.views).toEqual(['mine', 'actions']);
    const overview = await fetch(`${app.url}/api/dashboard/overview?${employee}`);
    expect(overview.status).toBe(403);
    const mine = await api<DashboardMine>('mine', employee);
    // Asking for the organisation's view in the address still shows only what they may see.
    const page = await browser.open(`${app.url}/dashboard?view=overview&${employee}`);
    await settled(page);
    expect(await page.getByRole('navigation').getByRole('button').allInnerTexts()).toEqual(['My strategy', 'Actions']);
    await page
      .getByText(`${mine.progress.answered} of ${mine.progress.questions} questions answered`, { exact: false })
      .waitFor();
    for (const want of mine.summary.wants)
      expect(await page.getByText(want, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'employee-mine-light');
    const actions = await api<DashboardActions>('actions', employee);
    expect(actions.mine.map((action) => action.what)).toEqual(['Try Copilot in Excel']);
    await openView(page, 'actions');
    expect(await actionTables(page)).toEqual(expectedTables(actions));
    expect(Object.keys(await actionTables(page))).toEqual(['Actions I own or planned']);
    for (const hidden of ['Lee Gu', 'Clean up the shared drive', 'Megan Bowen', 'Other teams'])
      expect(await page.getByText(hidden).count()).toBe(0);
    await screenshot(page, 'employee-actions-light');
    await page.close();
  }, 60_000);

  it('says "You don\'t have access to this view" to a page without an identity, and offers a retry after a network failure', async () => {
    const anonymous = await browser.open(`${app.url}/dashboard`);
    await anonymous.getByText("You don't have access to this view").waitFor();
    await anonymous.close();

    const page = await browser.open(`${app.url}/dashboard?${leader}&view=portfolio`);
    await settled(page);
    let failOnce = true;
    await page.route('**/api/dashboard/overview?*', (route) => {
      if (!failOnce) return route.continue();
      failOnce = false;
      return route.abort('connectionreset');
    });
    await openView(page, 'overview');
    await page.getByText("This couldn't be loaded").waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await settled(page);
    await page.getByRole('heading', { name: 'Readiness by section' }).waitFor();
    await page.close();
  }, 60_000);

  it('downloads the CSV and JSON exports a leader asks for: the files the API serves', async () => {
    const page = await browser.open(`${app.url}/dashboard?${leader}&view=overview`);
    await settled(page);
    for (const format of ['csv', 'json']) {
      const expected = await (await fetch(`${app.url}/api/dashboard/export.${format}?${leader}`)).text();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download ${format.toUpperCase()}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`strategy-summary.${format}`);
      const saved = await readFile((await download.path()) ?? '', 'utf8');
      expect(saved.length).toBeGreaterThan(100);
      // The JSON says when it was made: the two were made a moment apart.
      const withoutTime = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
      expect(withoutTime(saved)).toBe(withoutTime(expected));
    }
    const [document] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the strategy document (Word)' }).click(),
    ]);
    expect(document.suggestedFilename()).toBe('strategy-document.docx');
    const word = await readFile((await document.path()) ?? '');
    // A Word file is a zip package whose main part is word/document.xml.
    expect(word.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(word.includes(Buffer.from('word/document.xml'))).toBe(true);
    await page.close();
  }, 60_000);

  it('serves the channel tab’s configuration page at /dashboard/config, accessible in every theme', async () => {
    for (const theme of THEMES) {
      const page = await browser.open(`${app.url}/dashboard/config?theme=${theme}`);
      await page.getByRole('heading', { level: 1, name: 'Strategy for this team' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it.each(THEMES)(
    'has no serious or critical axe violation on any view in the %s theme, charts or tables shown',
    async (theme) => {
      const page = await browser.open(`${app.url}/dashboard?${leader}&theme=${theme}`);
      await settled(page);
      const found: string[] = [];
      for (const view of ['overview', 'team', 'portfolio', 'pulses', 'mine', 'actions'] as const) {
        await openView(page, view);
        found.push(...(await seriousViolations(page)).map((v) => `${view}: ${v}`));
        await screenshot(page, `${view}-${theme}`);
        for (const toggle of await page.getByRole('button', { name: 'Show as table' }).all()) await toggle.click();
        found.push(...(await seriousViolations(page)).map((v) => `${view} (tables): ${v}`));
      }
      expect(found).toEqual([]);
      await page.close();
    },
    180_000,
  );

  it('reaches every control of every view with Tab alone, and opens a view with Enter', async () => {
    const page = await browser.open(`${app.url}/dashboard?${leader}`);
    await settled(page);
    const missed: string[] = [];
    for (const view of ['overview', 'team', 'portfolio', 'pulses', 'mine', 'actions'] as const) {
      await openView(page, view);
      missed.push(...(await controlsTabDoesNotReach(page)).map((control) => `${view}: ${control}`));
    }
    expect(missed).toEqual([]);
    await page.keyboard.press('Control+Home');
    await page.evaluate(() => document.activeElement?.blur());
    for (let press = 0; press < 10; press++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Portfolio') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Use-case portfolio' }).waitFor();
    await page.close();
  }, 120_000);

  it('lets a leader rename a portfolio group from the page, by keyboard, and the API then shows the new name', async () => {
    const before = await api<DashboardPortfolio>('portfolio', leader);
    const group = before.groups[0];
    const page = await browser.open(`${app.url}/dashboard?${leader}&view=portfolio`);
    await settled(page);
    await page.getByRole('button', { name: `Edit “${group.label}”` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('New name').fill('Weekly reports, automated');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    await groupsTable(page).getByText('Weekly reports, automated', { exact: true }).waitFor();
    const after = await api<DashboardPortfolio>('portfolio', leader);
    expect(after.groups.find((g) => g.key === group.key)?.label).toBe('Weekly reports, automated');
    await page.close();
  }, 60_000);

  it('lets a leader answer the build questions for a group; the table shows the approach the server worked out', async () => {
    const before = await api<DashboardPortfolio>('portfolio', leader);
    const group = before.groups[0];
    const page = await browser.open(`${app.url}/dashboard?${leader}&view=portfolio`);
    await settled(page);
    await page.getByRole('button', { name: `Edit “${group.label}”` }).click();
    const dialog = page.getByRole('dialog');
    const answers: Record<string, string> = {};
    for (const question of before.options.decisionQuestions) {
      const option = question.options.at(-1);
      if (!option) throw new Error(`no options for ${question.id}`);
      answers[question.id] = option.id;
      await dialog.getByLabel(question.label).selectOption(option.id);
    }
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    const after = await api<DashboardPortfolio>('portfolio', leader);
    const decided = after.groups.find((g) => g.key === group.key);
    expect(decided?.decision?.answers).toEqual(answers);
    const label = decided?.decision?.approach.label ?? 'none';
    await groupsTable(page).getByText(label, { exact: true }).first().waitFor();
    await page.close();
  }, 60_000);

  it('kept every request on this machine, broke no Content-Security-Policy rule and logged no error', () => {
    expect(browser.blocked).toEqual([]);
    // The refused and the cut requests of the error-state test are reported by the browser itself, as they should be.
    expect(browser.problems.filter((problem) => !problem.startsWith('console: Failed to load resource'))).toEqual([]);
  });
});
