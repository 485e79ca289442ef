/**
 * The dashboard tab in headless Debian Chromium (playwright-core), offline: every request that is not to loopback is
 * aborted and recorded. Also: the tab's accessibility check (axe) and its keyboard walk.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { PageDocument, PageElement } from './page-dom';
import { CHROMIUM_PATH, LAUNCH_ARGS, isLoopbackUrl } from './playground';

// Only ever used inside functions Playwright runs in the page.
declare const document: PageDocument;
declare function getComputedStyle(element: PageElement): { visibility: string };

/** Where the run's screenshots go (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/dashboard');

export interface DashboardBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Requests aborted because they left the machine. */
  blocked: string[];
  /** Console errors and Content-Security-Policy violations seen on any page. */
  problems: string[];
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts Chromium with one context whose pages may reach loopback only. */
export async function startDashboardBrowser(): Promise<DashboardBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const blocked: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', async (route) => {
    const requested = new URL(route.request().url());
    if (isLoopbackUrl(requested)) return route.continue();
    blocked.push(requested.href);
    return route.abort('blockedbyclient');
  });
  return {
    browser,
    context,
    blocked,
    problems,
    open: async (url) => {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(url);
      return page;
    },
    close: () => browser.close(),
  };
}

/**
 * axe violations of impact serious or critical on the page as it is now (WCAG 2.x A and AA rules). Fluent's focus
 * manager (Tabster) puts `aria-hidden` sentinels with a tab stop around arrow-key groups, which hand focus on at once;
 * aria-hidden-focus on those alone is a known false positive (microsoft/tabster#288) and is not counted.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours measured mid-transition (a button just pressed, still under the pointer) are neither the one before nor
  // the one after: move the pointer away and let running transitions finish first.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => {
    type Animation = { playState: string; constructor: { name: string } };
    const { document } = globalThis as unknown as { document: { getAnimations(): Animation[] } };
    return document.getAnimations().every((a) => a.constructor.name !== 'CSSTransition' || a.playState !== 'running');
  });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter(
        (node) => !(violation.id === 'aria-hidden-focus' && node.html.includes('data-tabster-dummy')),
      ),
    }))
    .filter((violation) => violation.nodes.length > 0)
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html.slice(0, 120)).join(' | ')}`);
}

/**
 * Presses Tab from the top of the page until focus has gone round once, and returns the controls never reached:
 * every visible, enabled button, link, input and select (and anything else with a tab stop). An arrow-key group
 * (a chart's points, a legend: a Tabster "mover") is one tab stop, as the ARIA practices have it: reaching any of
 * its items reaches the group.
 */
export async function controlsTabDoesNotReach(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const selector = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
    const controls = Array.from(document.querySelectorAll(selector)).filter(
      (element) =>
        !element.hasAttribute('disabled') &&
        !element.hasAttribute('data-tabster-dummy') &&
        element.getClientRects().length > 0 &&
        getComputedStyle(element).visibility !== 'hidden',
    );
    const groups = new Map<PageElement, string>();
    controls.forEach((element, index) => {
      const mover = element.closest('[data-tabster*="mover"]');
      if (mover && !groups.has(mover)) groups.set(mover, `group-${index}`);
      element.setAttribute('data-kbd', mover ? (groups.get(mover) ?? '') : String(index));
    });
    document.activeElement?.blur();
    return new Set(controls.map((element) => element.getAttribute('data-kbd'))).size;
  });
  const reached = new Set<string>();
  for (let press = 0; press < total * 3 + 10 && reached.size < total; press++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.closest('[data-kbd]')?.getAttribute('data-kbd'));
    if (id) reached.add(id);
  }
  return page.evaluate(
    (seen) =>
      Array.from(document.querySelectorAll('[data-kbd]'))
        .filter((element) => !seen.includes(element.getAttribute('data-kbd') ?? ''))
        .map(
          (element) =>
            `${element.tagName.toLowerCase()} "${(element.innerText || element.getAttribute('aria-label') || '').slice(0, 40)}"`,
        ),
    [...reached],
  );
}

/** The views' names in the navigation (src/dashboard/web/dashboard.tsx). */
export const TITLES = {
  overview: 'Organisation',
  team: 'Team',
  portfolio: 'Portfolio',
  pulses: 'Pulses',
  mine: 'My strategy',
  actions: 'Actions',
};

/** Waits until nothing on the page is loading any more (views, figures and charts). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.fui-Spinner') === null);
}

/** Opens a view from the navigation and waits until it has loaded. */
export async function openView(page: Page, view: keyof typeof TITLES): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: TITLES[view], exact: true }).click();
  await settled(page);
}

/** Shows the table of the chart titled `title` and returns its rows' cell texts. */
export async function tableOf(page: Page, title: string): Promise<string[][]> {
  // The innermost section holding the heading (ancestors come first in document order).
  const figure = page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) }).last();
  const toggle = figure.getByRole('button', { name: 'Show as table' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  return rowsOf(figure.getByRole('table'));
}

/** The cell texts of a table's body rows. */
export async function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows: PageElement[]) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim())),
    );
}

/** Saves a full-page screenshot of the view under test-results/dashboard/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
