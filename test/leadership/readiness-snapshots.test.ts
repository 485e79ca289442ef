import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { applyAsTurnsWould, ratingAnswers } from './drive';
import { cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { validateCard } from '../cards/validate-card';
import { ReadinessSnapshots } from '../../src/leadership/snapshots/readiness-snapshots';
import { SummaryService } from '../../src/leadership/summary-service';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { CosmosReadinessHistory } from '../../src/storage/readiness-history-store';
import { recentTeamIds } from '../../src/storage/recent-teams';
import { SnapshotScheduler } from '../../src/leadership/snapshots/snapshot-scheduler';
import { CosmosTenantLeases } from '../../src/storage/tenant-leases';
import { silentLogger } from '../../src/logging/logger';

const LEADER = 'cccccccc-0000-4000-8000-000000000001';
const RED = '19:team-red@thread.tacv2';
const SMALL = '19:team-small@thread.tacv2';
const index = new ContentIndex(loadContentPack());

let now = new Date('2026-11-30T23:40:00Z');
let bot: TestBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({ env: { LEADER_IDS: LEADER, ALLOWED_TENANTS: TENANT }, clock: () => now });
  await seed('org', 8, 4);
  await seed('red', 8, 3, RED);
  await seed('small', 2, 5, SMALL);
  // Two team channels a pulse went to: the teams the snapshots know.
  for (const [i, teamId] of [RED, SMALL].entries())
    await bot.containers.pulses.items.create({
      id: `pulse|${String(i).repeat(32)}`,
      type: 'pulse',
      tenantId: TENANT,
      pulseId: String(i).repeat(32),
      status: 'closed',
      createdAt: `2026-11-0${i + 1}T10:00:00.000Z`,
      origin: {
        serviceUrl: 'https://x/',
        conversationId: `${teamId};channel`,
        rosterId: teamId,
        botId: 'b',
        botName: 'b',
      },
    });
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

/** `people` people rating every rating question `rating`, counted as their turns would count them. */
async function seed(prefix: string, people: number, rating: number, teamId?: string): Promise<void> {
  const answers = ratingAnswers(index, prefix, people, rating);
  const store = new CosmosAggregateStore(bot.containers.aggregates);
  await applyAsTurnsWould(store, index, TENANT, answers);
  if (teamId) await applyAsTurnsWould(store, index, TENANT, answers, teamId);
}

const series = (scope: string) => bot.app.snapshots.snapshots.series(TENANT, scope);

describe('monthly readiness snapshots (embedded Cosmos, injected clock, a tenant lease)', () => {
  it('takes each scope’s snapshot once per month, with two instances ticking at once', async () => {
    const other = await bot.secondInstance();
    const added = await Promise.all([bot.app.snapshots.scheduler.tick(), other.snapshots.scheduler.tick()]);
    // The organisation and two teams, by whichever instance held the lease.
    expect(added.reduce((a, b) => a + b, 0)).toBe(3);
    now = new Date('2026-11-30T23:55:00Z');
    expect(await bot.app.snapshots.scheduler.tick()).toBe(0);
    await other.close();

    const organisation = await series('organisation');
    expect(organisation).toHaveLength(1);
    expect(organisation[0].month).toBe('2026-11');
    expect(organisation[0].sections.some((section) => section.mean !== null)).toBe(true);
    // Thresholded as the leader card is: two people are too few for any mean.
    const small = await series(`team:${SMALL}`);
    expect(small[0].sections.every((section) => section.mean === null)).toBe(true);
    expect(JSON.stringify(await series(`team:${RED}`))).not.toMatch(/red-\d/);

    // A new month: one more point per scope, then nothing more that month.
    now = new Date('2026-12-01T00:20:00Z');
    expect(await bot.app.snapshots.scheduler.tick()).toBe(3);
    now = new Date('2026-12-20T00:20:00Z');
    expect(await bot.app.snapshots.scheduler.tick()).toBe(0);
    expect((await series(`team:${RED}`)).map((point) => point.month)).toEqual(['2026-11', '2026-12']);
  }, 60_000);

  it('gives the digest a "since last time" line against the previous month’s snapshot', async () => {
    const leader = bot.user(LEADER, 'Lee Leader');
    await leader.post({ type: 'message', text: 'digest weekly', serviceUrl: connector.serviceUrl });
    await seed('later', 8, 5);
    now = new Date(now.getTime() + 7 * 86_400_000 + 60_000);
    expect(await bot.app.sendDueDigests()).toBe(1);
    const card = (connector.sent.at(-1)?.activity.attachments as { content: unknown }[])[0].content;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Since November 2026: [^\n]*▲ 0\.5/);
  }, 60_000);

  it('a month already taken costs one point read: the team list is not read on later ticks', async () => {
    let listed = 0;
    const snapshots = new ReadinessSnapshots({
      summaries: new SummaryService(index, new CosmosAggregateStore(bot.containers.aggregates), DEFAULT_THRESHOLDS),
      history: new CosmosReadinessHistory(bot.containers.tenants),
      teamsOf: (tenantId) => {
        listed++;
        return recentTeamIds(bot.containers.pulses, tenantId, 200);
      },
      clock: () => now,
    });
    expect(await snapshots.takeMonthly(TENANT)).toBe(0);
    expect(listed).toBe(0);
  });

  it('keeps a month without means for a team whose figures beside the organisation’s would describe a few', async () => {
    const later = new Date('2031-01-15T10:00:00Z');
    const snapshots = new ReadinessSnapshots({
      summaries: new SummaryService(index, new CosmosAggregateStore(bot.containers.aggregates), DEFAULT_THRESHOLDS),
      history: new CosmosReadinessHistory(bot.containers.tenants),
      teamsOf: () => Promise.resolve([RED]),
      withheld: (_tenantId, teamId) => Promise.resolve(teamId === RED),
      clock: () => later,
    });
    expect(await snapshots.takeMonthly(TENANT)).toBe(2);
    const [red] = (await snapshots.series(TENANT, `team:${RED}`)).filter((point) => point.month === '2031-01');
    expect(red.sections.length).toBeGreaterThan(0);
    expect([...red.sections, ...red.considerations].every((entry) => entry.mean === null)).toBe(true);
    const [organisation] = (await snapshots.series(TENANT, 'organisation')).filter((p) => p.month === '2031-01');
    expect(organisation.sections.some((entry) => entry.mean !== null)).toBe(true);
  });

  it('lists at most 200 teams, the most recent first, and no group chats', async () => {
    const tenant = 'snapshot-teams-tenant';
    const origin = (rosterId: string, conversationId = `${rosterId};channel`) => ({
      serviceUrl: 'https://x/',
      conversationId,
      rosterId,
      botId: 'b',
      botName: 'b',
    });
    for (let i = 0; i < 205; i++) {
      const pulseId = i.toString(16).padStart(32, '0');
      const chat = i === 204 ? origin('19:chat@thread.v2', '19:chat@thread.v2') : origin(`19:team-${i}@thread.tacv2`);
      await bot.containers.pulses.items.create({
        id: `pulse|${pulseId}`,
        type: 'pulse',
        tenantId: tenant,
        pulseId,
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        origin: chat,
      });
    }
    const teams = await recentTeamIds(bot.containers.pulses, tenant, 200);
    expect(teams).toHaveLength(200);
    expect(teams[0]).toBe('19:team-203@thread.tacv2');
    expect(teams).not.toContain('19:chat@thread.v2');
    expect(teams).not.toContain('19:team-3@thread.tacv2');
  }, 60_000);

  it('ticks once shortly after start, not only after the first hour', async () => {
    now = new Date('2027-01-05T10:00:00Z');
    const scheduler = new SnapshotScheduler({
      snapshots: bot.app.snapshots.snapshots,
      leases: new CosmosTenantLeases(bot.containers.tenants),
      tenants: () => [TENANT],
      clock: () => now,
      logger: silentLogger,
      firstTickMs: 20,
    });
    scheduler.start(3_600_000);
    try {
      const deadline = Date.now() + 5_000;
      while (!(await series('organisation')).some((point) => point.month === '2027-01') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await scheduler.stop();
    }
    expect((await series('organisation')).map((point) => point.month)).toContain('2027-01');
  });
});
