/**
 * The dashboard's Pulses view in Chromium with a real closed pulse: local mode, the real bot over HTTP, embedded Cosmos,
 * and the FAKE Teams channel service (scripts/bench/fake-teams-service.ts) that the pulse is sent through.
 */
import type { DashboardPulseDetail, DashboardPulseList } from '../../src/dashboard/api-types';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { answersFor, inChannel, pulseCardOf, saidIn, startPulse } from '../pulse/pulse-chat';
import {
  controlsTabDoesNotReach,
  openView,
  rowsOf,
  screenshot,
  seriousViolations,
  settled,
  startDashboardBrowser,
  tableOf,
  type DashboardBrowser,
} from './dashboard-browser';

let service: FakeTeamsService;
let bot: TestBot;
let browser: DashboardBrowser;
let sender: string;
let pulseId: string;

async function api<T>(resource: string): Promise<T> {
  const response = await fetch(`${bot.app.url}/api/dashboard/${resource}?tenant=${TENANT}&user=${sender}`);
  if (!response.ok) throw new Error(`${resource}: ${response.status}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  sender = service.members[0].aadObjectId;
  bot = await startTestBot({ env: { PULSE_POLICY: 'managers', MANAGER_IDS: sender, LOCAL_ROLES: 'none' } });
  const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
  // A pulse sent by member 0 to the fake team, answered by six colleagues, then closed by its sender.
  expect(saidIn(await startPulse(member(0), service))).toMatch(/on its way/);
  await bot.app.pulses.jobs.idle();
  pulseId = (await api<DashboardPulseList>('pulses')).pulses[0].pulseId;
  for (let i = 1; i <= 6; i++)
    await member(i).submit(answersFor(pulseCardOf(service, service.members[i].id), i % 2 === 0 ? '4' : '5'));
  await inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId } });
  browser = await startDashboardBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await service?.close();
}, 30_000);

describe('the Pulses view with a closed pulse (FAKE Teams channel service)', () => {
  it('lists the pulse and shows its results: each question’s answers as the API counts them, in a chart and a table', async () => {
    const list = await api<DashboardPulseList>('pulses');
    const detail = await api<DashboardPulseDetail>(`pulses/${pulseId}`);
    const questions = detail.results?.questions ?? [];
    expect(questions.length).toBeGreaterThan(0);
    const page = await browser.open(`${bot.app.url}/dashboard?tenant=${TENANT}&user=${sender}&view=pulses`);
    await settled(page);
    const listed = await rowsOf(page.locator('table', { has: page.locator('caption', { hasText: 'Pulses' }) }));
    expect(listed.map((row) => [row[0], row[2], row[4]])).toEqual(
      list.pulses.map((pulse) => [pulse.title, 'Closed', `${pulse.responses} of ${pulse.recipients}`]),
    );
    await page.getByRole('button', { name: `Results of “${detail.pulse.title}”` }).click();
    await settled(page);
    await page.getByText(`${detail.results?.responses} of ${detail.results?.reached} people responded`).waitFor();
    await screenshot(page, 'pulse-results-chart');
    for (const question of questions) {
      expect(await tableOf(page, question.text)).toEqual(question.bars.map((bar) => [bar.label, String(bar.count)]));
    }
    await screenshot(page, 'pulse-results-tables');
    await page.close();
  }, 60_000);

  it('shows a manager without actions the empty Actions view, and where actions are changed', async () => {
    const page = await browser.open(`${bot.app.url}/dashboard?tenant=${TENANT}&user=${sender}&view=actions`);
    await settled(page);
    await page.getByText('You have no actions yet.', { exact: false }).waitFor();
    await page.getByText('No actions planned in your teams yet.', { exact: false }).waitFor();
    await page.getByText('Actions are changed in your 1:1 chat with the bot', { exact: false }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'actions-empty');
    await page.close();
  }, 60_000);

  it.each(['default', 'dark', 'contrast'])(
    'has no serious or critical axe violation on the results in the %s theme, and Tab reaches every control',
    async (theme) => {
      const page = await browser.open(`${bot.app.url}/dashboard?tenant=${TENANT}&user=${sender}&theme=${theme}`);
      await settled(page);
      await openView(page, 'pulses');
      await page.getByRole('button', { name: /^Results of/ }).click();
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await controlsTabDoesNotReach(page)).toEqual([]);
      await screenshot(page, `pulses-results-${theme}`);
      await page.close();
    },
    60_000,
  );
});
