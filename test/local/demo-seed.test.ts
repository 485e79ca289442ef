import { loadConfig } from '../../src/config';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { SummaryService } from '../../src/leadership/summary-service';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { demoAnswers, demoPath } from '../../src/local/demo/answers';
import { DEMO_TEAMS, demoPeople } from '../../src/local/demo/organisation';
import { SeededRandom } from '../../src/local/demo/random';
import { DemoRefused } from '../../src/local/demo/demo-allowed';
import { seedDemo, type DemoSeedReport } from '../../src/local/demo/seed-demo';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
import { cardsOf, cardText, startTestBot, TestUser, type TestBot } from '../support/bot-harness';

const index = new ContentIndex(loadContentPack());
const DATABASE = 'demo-seed';
const NOW = new Date('2026-12-01T09:00:00Z');

/** The organisation and every answer, as the seed plans them before writing anything. */
function plan(seed: number) {
  const random = new SeededRandom(seed + 1);
  return demoPeople(seed).map((person) => ({ person, answers: demoAnswers(index, person, random) }));
}

describe('the demo organisation (no database)', () => {
  it('is the same for the same seed and different for another', () => {
    const snapshot = (seed: number) =>
      JSON.stringify(
        plan(seed).map(({ person, answers }) => [person, answers.map(({ ref, value }) => [ref.question.id, value])]),
      );
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(7)).not.toBe(snapshot(8));
  });

  it('has a few hundred people in a few teams, leaders among them, and answers to every question of the pack', () => {
    const people = plan(20261);
    expect(people.length).toBeGreaterThanOrEqual(200);
    expect(new Set(people.map(({ person }) => person.team.id)).size).toBe(DEMO_TEAMS.length);
    expect(people.filter(({ person }) => person.role === 'leader').length).toBeGreaterThan(5);
    const answered = new Set(people.flatMap(({ answers }) => answers.map(({ ref }) => ref.question.id)));
    expect([...answered].sort()).toEqual(
      index
        .allQuestions()
        .map(({ question }) => question.id)
        .sort(),
    );
    // Some finished their path, some stopped part-way: the completion rate is worth showing.
    const finished = people.filter(
      ({ person, answers }) => answers.length === demoPath(index, person).questionIds.size,
    ).length;
    expect(finished).toBeGreaterThan(people.length / 2);
    expect(finished).toBeLessThan(people.length);
    // Employees walk the short path unless they chose every question; leaders walk every question.
    const sizes = (role: string) =>
      new Set(people.filter(({ person }) => person.role === role).map(({ person }) => demoPath(index, person).id));
    expect(sizes('leader')).toEqual(new Set(['full']));
    expect(sizes('employee')).toEqual(new Set(['short', 'full']));
    for (const { person, answers } of people)
      for (const { ref } of answers) expect(demoPath(index, person).questionIds.has(ref.question.id)).toBe(true);
  });
});

describe('the demo use cases (no database)', () => {
  it('mostly name a business goal of the pack and are mostly shared with leaders, each with an explicit yes or no', () => {
    const rows = plan(20261).flatMap(({ answers }) =>
      answers.flatMap(({ ref, value }) =>
        ref.question.id === 'uc-use-cases' && value.kind === 'rows' ? value.rows : [],
      ),
    );
    expect(rows.length).toBeGreaterThan(200);
    const share = (part: number) => part / rows.length;
    expect(rows.every((row) => row.share === 'yes' || row.share === 'no')).toBe(true);
    const shared = share(rows.filter((row) => row.share === 'yes').length);
    expect(shared).toBeGreaterThan(0.65);
    expect(shared).toBeLessThan(0.95);
    const goals = rows.flatMap((row) => (row.goal === undefined ? [] : [row.goal]));
    expect(share(goals.length)).toBeGreaterThan(0.7);
    expect(share(goals.length)).toBeLessThan(1);
    expect(goals.every((goal) => index.goal(String(goal)) !== undefined)).toBe(true);
  });
});

describe('the demo seed refuses anything but the embedded store of a local run', () => {
  it('refuses production mode and a configured COSMOS_ENDPOINT before opening anything', async () => {
    const production = loadConfig(
      { BOT_ID: 'id', BOT_PASSWORD: 'p', ALLOWED_TENANTS: 't1', COSMOS_ENDPOINT: 'https://x.documents.azure.com' },
      'production',
    );
    const endpoint = loadConfig({ COSMOS_ENDPOINT: 'https://127.0.0.1:9' }, 'local');
    // Port 9 (discard) would fail to connect: the refusal comes first.
    const cosmos = { endpoint: 'https://127.0.0.1:9', key: 'a2V5' };
    await expect(seedDemo({ config: production, cosmos })).rejects.toThrow(DemoRefused);
    await expect(seedDemo({ config: endpoint, cosmos })).rejects.toThrow(/unset COSMOS_ENDPOINT/);
  });
});

describe('the demo seed in the embedded store, then the leadership summaries (real Cosmos client and HTTP)', () => {
  let bot: TestBot;
  let report: DemoSeedReport;
  const config = loadConfig({ COSMOS_DATABASE: DATABASE }, 'local');

  beforeAll(async () => {
    bot = await startTestBot({ database: DATABASE });
    report = await seedDemo({ config, cosmos: bot.cosmos, now: NOW });
  }, 120_000);
  afterAll(async () => {
    await bot.close();
  });

  it('stores every planned answer in the Playground tenant, and the counters equal a recomputation from them', async () => {
    const planned = plan(20261);
    expect(report.tenantId).toBe(PLAYGROUND_DEFAULTS.tenantId);
    expect(report.people).toBe(planned.length);
    expect(report.answers).toBe(planned.reduce((sum, { answers }) => sum + answers.length, 0));
    const check = await rebuildAggregates(
      index,
      {
        answers: new CosmosAnswerStore(bot.containers.users),
        aggregates: new CosmosAggregateStore(bot.containers.aggregates),
        memberships: new CosmosTeamMembership(bot.containers.users),
      },
      report.tenantId,
      { write: false },
    );
    expect(check.differences).toEqual([]);
    expect(check).toMatchObject({ answers: report.answers, people: report.people, teams: DEMO_TEAMS.length });
  });

  it('gives summaries with every seeded person counted, for the organisation and each team', async () => {
    const summaries = new SummaryService(
      index,
      new CosmosAggregateStore(bot.containers.aggregates),
      DEFAULT_THRESHOLDS,
    );
    const organisation = await summaries.summary(report.tenantId);
    expect(organisation.participation).toMatchObject({ people: report.people });
    expect((organisation.participation.leaders ?? 0) + (organisation.participation.employees ?? 0)).toBe(report.people);
    expect(organisation.participation.leaders).toBe(report.leaders);
    expect(organisation.participation.completionRate).toBeCloseTo(report.finished / report.people, 5);
    expect(organisation.want.themes.length).toBeGreaterThanOrEqual(3);
    expect(organisation.doNotWant.themes.length).toBeGreaterThanOrEqual(3);
    expect(organisation.goals.length).toBeGreaterThanOrEqual(3);
    expect(organisation.goals.flatMap((goal) => goal.metrics).some((metric) => metric.baseline && metric.target)).toBe(
      true,
    );
    expect(organisation.readiness.every((section) => section.mean !== null)).toBe(true);
    expect(organisation.gaps.length).toBeGreaterThan(0);
    const means = new Set<string>();
    for (const team of report.teams) {
      const summary = await summaries.summary(report.tenantId, team.id);
      expect(summary.participation.people).toBe(team.people);
      expect(summary.readiness.every((section) => section.mean !== null)).toBe(true);
      means.add(summary.readiness.map((section) => section.mean?.toFixed(1)).join(' '));
    }
    // Teams see things differently.
    expect(means.size).toBe(report.teams.length);
  });

  it('shows the figures on the leadership card the Playground user gets for "summary"', async () => {
    const { user, tenantId } = PLAYGROUND_DEFAULTS;
    const alex = new TestUser(() => bot.app.url, user.aadObjectId, user.name, tenantId);
    const text = cardText(cardsOf(await alex.say('summary')).at(-1) ?? {});
    expect(text).toContain('Our AI ambition & success metrics');
    expect(text).toContain(`${report.people} people have answered`);
  });
});
