/**
 * The dashboard API in local mode over the real app: a leader sees the organisation, so a team's view beside it must
 * not describe the few people outside the team; a team's portfolio keeps people's shared words to the organisation's
 * view (as in chat); shares come at the card's precision; the local identity is read as the bot writes it.
 */
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { DashboardOverview, DashboardPortfolio } from '../../src/dashboard/api-types';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { applyAsTurnsWould, ratingAnswers } from '../leadership/drive';
import { crowd, propose } from '../portfolio/seed';
import { startTestBot, TENANT, type TestBot } from '../support/bot-harness';

const LEADER = 'dddddddd-0000-4000-8000-000000000001';
/** A tenant of 12 people, 9 of them in a team that is nearly everyone. */
const SMALL_ORG = 'dddddddd-1111-4000-8000-000000000000';
const NEARLY_ALL = '19:team-nearly-all@thread.tacv2';
/** A tenant where a team of 6 has 5 people outside it, only one of whom gave ratings (the others: "don't know"). */
const ONE_RATER_OUTSIDE = 'dddddddd-2222-4000-8000-000000000000';
const SIX = '19:team-six@thread.tacv2';
/** A tenant where 2 of the 7 people outside a team answered only a question nobody in the team did. */
const ELSEWHERE_ONLY = 'dddddddd-3333-4000-8000-000000000000';
/** A tenant where a team's 5 people proposed one idea, and one of the 6 outside proposed it too. */
const ONE_MORE_FOR_AN_IDEA = 'dddddddd-4444-4000-8000-000000000000';
const IDEA_TEAM = '19:team-ideas@thread.tacv2';
const HALF = '19:team-half@thread.tacv2';
const SHARED_TITLE = 'Translate supplier contracts';
const index = new ContentIndex(loadContentPack());

let bot: TestBot;

/**
 * `people` people answering every rating question with 3, counted as their turns would count them and published at
 * once (as after `rebuild summary`), so the figures are exact.
 */
async function seed(tenantId: string, prefix: string, people: number, teamId?: string): Promise<void> {
  const answers = ratingAnswers(index, prefix, people, 3);
  const store = new CosmosAggregateStore(bot.containers.aggregates, 1);
  // The organisation's counters, and the team's (a turn in the team's channel moves both).
  await applyAsTurnsWould(store, index, tenantId, answers);
  if (teamId) await applyAsTurnsWould(store, index, tenantId, answers, teamId);
}

async function call<T>(
  path: string,
  tenant = TENANT,
): Promise<{ status: number; body: T & { error?: string; message?: string } }> {
  const joiner = path.includes('?') ? '&' : '?';
  const response = await fetch(`${bot.app.url}${path}${joiner}tenant=${tenant}&user=${LEADER}`);
  return { status: response.status, body: (await response.json()) as T & { error?: string; message?: string } };
}

beforeAll(async () => {
  bot = await startTestBot({ env: { LEADER_IDS: LEADER, LOCAL_ROLES: 'none' } });
  await seed(SMALL_ORG, 'outside', 3);
  await seed(SMALL_ORG, 'nearly', 9, NEARLY_ALL);
  await seed(ONE_RATER_OUTSIDE, 'six', 6, SIX);
  await seed(ONE_RATER_OUTSIDE, 'lone', 1);
  const store = new CosmosAggregateStore(bot.containers.aggregates, 1);
  const dontKnow = ratingAnswers(index, 'quiet', 4, 3).map((answer) => ({
    ...answer,
    value: { kind: 'rating' as const, value: null },
  }));
  await applyAsTurnsWould(store, index, ONE_RATER_OUTSIDE, dontKnow);
  await seed(ELSEWHERE_ONLY, 'team', 6, SIX);
  await seed(ELSEWHERE_ONLY, 'others', 5);
  const elsewhere = ['a', 'b'].map((id) => ({
    userId: `elsewhere-${id}`,
    questionId: 'bi-change-channels',
    role: 'employee' as const,
    value: { kind: 'single' as const, value: 'ad-hoc' },
  }));
  await applyAsTurnsWould(store, index, ELSEWHERE_ONLY, elsewhere);
  const ideas = { containers: bot.containers, aggregates: store, index, tenantId: ONE_MORE_FOR_AN_IDEA };
  const idea = { title: 'Summarise support tickets', shared: true, value: 4, feasibility: 3 };
  await propose(ideas, crowd('in', 5, [idea]), IDEA_TEAM);
  // Their ratings too, which make the team one the dashboard knows (nobody outside rated).
  await seed(ONE_MORE_FOR_AN_IDEA, 'in', 5, IDEA_TEAM);
  await propose(ideas, { ...crowd('out', 5, [{ ...idea, title: 'Draft tender answers' }]), 'out-x': [idea] });
  // The other tenant: 6 people outside a team of 11 (6, and 5 who proposed an idea there).
  await seed(TENANT, 'other', 6);
  await seed(TENANT, 'half', 6, HALF);
  const aggregates = new CosmosAggregateStore(bot.containers.aggregates, 1);
  await propose(
    { containers: bot.containers, aggregates, index, tenantId: TENANT },
    crowd('idea', 5, [{ title: SHARED_TITLE, shared: true, value: 4, feasibility: 4 }]),
    HALF,
  );
}, 120_000);

afterAll(() => bot?.close());

describe('a team beside the organisation', () => {
  it('withholds a team’s overview and portfolio when fewer than the threshold are outside it, with a kind reason', async () => {
    const organisation = await call<DashboardOverview>('/api/dashboard/overview', SMALL_ORG);
    expect(organisation.body.figures.participation.people).toBe(12);
    for (const path of [
      `/api/dashboard/overview?team=${encodeURIComponent(NEARLY_ALL)}`,
      `/api/dashboard/portfolio?team=${encodeURIComponent(NEARLY_ALL)}`,
    ]) {
      const team = await call<DashboardOverview>(path, SMALL_ORG);
      expect([path, team.status, team.body.error]).toEqual([path, 409, 'withheld']);
      expect(team.body.message).toContain('would describe the few people outside it');
      expect(JSON.stringify(team.body)).not.toMatch(/people":\d/);
    }
  });

  it('withholds a team whose outsiders are enough in number but too few behind some figure (one rater)', async () => {
    // Subtracting the team's ratings from the organisation's would give the one outsider's ratings; 5 are outside
    // and 5 answered each question there, so only the ratings' count tells.
    const organisation = await call<DashboardOverview>('/api/dashboard/overview', ONE_RATER_OUTSIDE);
    expect(organisation.body.figures.participation.people).toBe(11);
    const team = await call<DashboardOverview>(
      `/api/dashboard/overview?team=${encodeURIComponent(SIX)}`,
      ONE_RATER_OUTSIDE,
    );
    expect([team.status, team.body.error]).toEqual([409, 'withheld']);
  });

  it('still shows a team when the few outside it answered only what nobody in the team did', async () => {
    const team = await call<DashboardOverview>(
      `/api/dashboard/overview?team=${encodeURIComponent(SIX)}`,
      ELSEWHERE_ONLY,
    );
    expect(team.status).toBe(200);
    expect(team.body.figures.participation.people).toBe(6);
  });

  it('withholds a team’s portfolio when one of its ideas has a few more supporters in the organisation', async () => {
    const path = (view: string) => `/api/dashboard/${view}?team=${encodeURIComponent(IDEA_TEAM)}`;
    expect((await call(path('overview'), ONE_MORE_FOR_AN_IDEA)).status).toBe(200);
    const portfolio = await call<DashboardPortfolio>(path('portfolio'), ONE_MORE_FOR_AN_IDEA);
    expect([portfolio.status, portfolio.body.error]).toEqual([409, 'withheld']);
  });

  it('shows a team with at least the threshold outside it', async () => {
    const half = await call<DashboardOverview>(`/api/dashboard/overview?team=${encodeURIComponent(HALF)}`);
    expect(half.status).toBe(200);
    expect(half.body.figures.participation.people).toBe(11);
  });

  it('keeps the words people shared with leaders off a team’s portfolio, as the chat does', async () => {
    const organisation = await call<DashboardPortfolio>('/api/dashboard/portfolio');
    expect(JSON.stringify(organisation.body)).toContain(SHARED_TITLE);
    const team = await call<DashboardPortfolio>(`/api/dashboard/portfolio?team=${encodeURIComponent(HALF)}`);
    expect(team.status).toBe(200);
    expect(team.body.groups.length).toBeGreaterThan(0);
    expect(JSON.stringify(team.body)).not.toContain(SHARED_TITLE);
  });

  it('gives shares at the card’s precision (whole per cents), in the figures and the history', async () => {
    const { body } = await call<DashboardOverview>('/api/dashboard/overview');
    const shares = [body.figures.participation.meanProgress, ...body.history.points.map((point) => point.meanProgress)];
    expect(shares.some((share) => share !== null)).toBe(true);
    for (const share of shares) if (share !== null) expect(Math.round(share * 100)).toBeCloseTo(share * 100, 9);
  });

  it('reads a local tenant id in capitals as the bot writes it (lower case)', async () => {
    const upper = await call<DashboardOverview>('/api/dashboard/overview', SMALL_ORG.toUpperCase());
    expect(upper.status).toBe(200);
    expect(upper.body.figures.participation.people).toBe(12);
  });
});
