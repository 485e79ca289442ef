/**
 * The dashboard API in local mode (identity from the query string) over the real app: who may read what (the chat's
 * access rules), that the API and the chat's cards show the same figures, bad input, thresholds, and no names or
 * user ids in aggregate answers.
 */
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { DashboardMe, DashboardMine, DashboardOverview, DashboardPortfolio } from '../../src/dashboard/api-types';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import { applyAsTurnsWould, ratingAnswers, inChannel } from '../leadership/drive';
import { crowd, propose } from '../portfolio/seed';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { openQuestion } from '../bad-input/checks';
import { Conversation } from '../cards-sent/drive';

const LEADER = 'eeeeeeee-0000-4000-8000-000000000001';
const MANAGER = 'eeeeeeee-0000-4000-8000-000000000002';
const EMPLOYEE = 'eeeeeeee-0000-4000-8000-000000000003';
const RED = { id: '19:team-red@thread.tacv2', name: 'Red' };
const BLUE = { id: '19:team-blue@thread.tacv2', name: 'Blue' };
const SMALL = { id: '19:team-small@thread.tacv2', name: 'Small' };
const SHARED_TITLE = 'Summarise supplier contracts';
const index = new ContentIndex(loadContentPack());

let bot: TestBot;
let portfolios: CosmosPortfolioStore;

/** `people` people rating every rating question `rating`, counted as their turns would count them. */
async function seed(prefix: string, people: number, rating: number, teamId?: string): Promise<void> {
  const answers = ratingAnswers(index, prefix, people, rating);
  await applyAsTurnsWould(new CosmosAggregateStore(bot.containers.aggregates), index, TENANT, answers, teamId);
}

type Reply<T> = { status: number; body: T & { error?: string; message?: string }; text: string };

async function call<T = Record<string, unknown>>(user: string, path: string, init?: RequestInit): Promise<Reply<T>> {
  const joiner = path.includes('?') ? '&' : '?';
  const response = await fetch(`${bot.app.url}${path}${joiner}tenant=${TENANT}&user=${user}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, body: body as Reply<T>['body'], text };
}

const edit = (user: string, key: string, body: unknown) =>
  call(user, `/api/dashboard/portfolio/groups/${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const editCount = async () => (await portfolios.edits(TENANT)).doc.edits.length;

beforeAll(async () => {
  bot = await startTestBot({ env: { LEADER_IDS: LEADER, MANAGER_IDS: MANAGER, LOCAL_ROLES: 'none' } });
  portfolios = new CosmosPortfolioStore(bot.containers.aggregates);
  await seed('org', 10, 2);
  await seed('red', 5, 4, RED.id);
  await seed('blue', 5, 3, BLUE.id);
  await seed('small', 3, 5, SMALL.id);
  await propose(
    {
      containers: bot.containers,
      aggregates: new CosmosAggregateStore(bot.containers.aggregates, 5),
      index,
      tenantId: TENANT,
    },
    crowd('idea', 5, [{ title: SHARED_TITLE, shared: true, value: 5, feasibility: 4, approach: 'copilot-studio' }]),
  );
  // The manager and an employee write in Red's channel: their answers count towards Red from then on.
  await inChannel(bot.user(MANAGER, 'Mia Manager'), RED, 'help');
  await inChannel(bot.user(EMPLOYEE, 'Eve Employee'), RED, 'help');
}, 120_000);

afterAll(() => bot?.close());

describe('roles', () => {
  it('gives a leader the organisation, its teams, the portfolio, pulses and exports', async () => {
    const me = await call<DashboardMe>(LEADER, '/api/dashboard/me');
    expect(me.status).toBe(200);
    expect(me.body.views).toEqual(['overview', 'portfolio', 'team', 'pulses', 'mine', 'actions']);
    expect(me.body.teams.map((team) => team.id)).toEqual(expect.arrayContaining([RED.id, BLUE.id]));
    const overview = await call<DashboardOverview>(LEADER, '/api/dashboard/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.figures.participation.people).toBe(15);
    expect((await call(LEADER, `/api/dashboard/overview?team=${encodeURIComponent(BLUE.id)}`)).status).toBe(200);
    const csv = await call(LEADER, '/api/dashboard/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('people');
    expect((await call(LEADER, '/api/dashboard/export.json')).status).toBe(200);
    expect(me.body.canDownloadDocument).toBe(true);
    const docx = await fetch(
      `${bot.app.url}/api/dashboard/strategy.docx?tenant=${TENANT}&user=${LEADER}&timeZone=Not/AZone`,
    );
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w-]+\.docx"$/);
    // A Word file is a zip package: it starts with the zip signature.
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });

  it('gives an employee only their own strategy: every organisation or team figure is 403', async () => {
    const me = await call<DashboardMe>(EMPLOYEE, '/api/dashboard/me');
    expect(me.body).toMatchObject({
      views: ['mine', 'actions'],
      teams: [],
      canExport: false,
      canEditPortfolio: false,
      canDownloadDocument: false,
    });
    for (const path of [
      '/api/dashboard/overview',
      `/api/dashboard/overview?team=${encodeURIComponent(RED.id)}`,
      '/api/dashboard/portfolio',
      '/api/dashboard/pulses',
      '/api/dashboard/export.csv',
      '/api/dashboard/export.json',
      '/api/dashboard/strategy.docx',
    ]) {
      const reply = await call(EMPLOYEE, path);
      expect([path, reply.status, reply.body]).toEqual([path, 403, { error: 'forbidden' }]);
    }
    const mine = await call<DashboardMine>(EMPLOYEE, '/api/dashboard/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.summary.title).toBe('Your AI ambition & success metrics');
  });

  it('gives a manager their own teams only, not the organisation nor another team', async () => {
    const me = await call<DashboardMe>(MANAGER, '/api/dashboard/me');
    expect(me.body.teams).toEqual([{ id: RED.id }]);
    expect(me.body.views).toEqual(['team', 'pulses', 'mine', 'actions']);
    const red = await call<DashboardOverview>(MANAGER, `/api/dashboard/overview?team=${encodeURIComponent(RED.id)}`);
    expect(red.status).toBe(200);
    expect(red.body.scope).toEqual({ kind: 'team', teamId: RED.id });
    expect(red.body.figures.participation.people).toBe(5);
    expect((await call(MANAGER, '/api/dashboard/overview')).status).toBe(403);
    expect((await call(MANAGER, `/api/dashboard/overview?team=${encodeURIComponent(BLUE.id)}`)).status).toBe(403);
    expect((await call(MANAGER, '/api/dashboard/portfolio')).status).toBe(403);
    expect((await call(MANAGER, '/api/dashboard/export.csv')).status).toBe(403);
  });
});

describe('the same figures as the cards', () => {
  it('shows what the leader card shows: participation, readiness and recommendations', async () => {
    const { body } = await call<DashboardOverview>(LEADER, '/api/dashboard/overview');
    const card = cardsOf(await bot.user(LEADER, 'Lea Leader').say('summary')).at(-1);
    const text = cardText(card as Record<string, unknown>);
    for (const line of body.card.participation) expect(text).toContain(line);
    for (const section of body.card.readiness) {
      expect(text).toContain(section.section);
      expect(text).toContain(section.stage);
    }
    for (const line of body.card.recommendations) expect(text).toContain(line);
    const readiness = body.figures.readiness.find((section) => section.mean !== null);
    expect(readiness?.mean).toBe(body.card.readiness.find((view) => view.section === readiness?.title)?.mean);
    expect(body.history.points.at(-1)).toMatchObject({ people: 15 });
  });

  it('shows the portfolio the chat shows, and a leader edit made here is the one the chat then shows', async () => {
    const portfolio = await call<DashboardPortfolio>(LEADER, '/api/dashboard/portfolio');
    expect(portfolio.status).toBe(200);
    const group = portfolio.body.groups.find((entry) => entry.label === SHARED_TITLE);
    expect(group).toMatchObject({ support: 5, quadrant: 'quick-win', status: 'idea' });
    const saved = await edit(LEADER, group?.key ?? '', { status: 'piloting', rename: 'Contract summaries' });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const chat = JSON.stringify((await bot.user(LEADER, 'Lea Leader').say('portfolio')).activities);
    expect(chat).toContain('Contract summaries');
    expect(chat).toContain('Piloting');
    const after = await call<DashboardPortfolio>(LEADER, '/api/dashboard/portfolio?status=piloting');
    expect(after.body.groups.map((entry) => entry.label)).toEqual(['Contract summaries']);
  });

  it('takes leaders’ answers to the build questions for a group, and shows the approach the server worked out', async () => {
    const { body } = await call<DashboardPortfolio>(LEADER, '/api/dashboard/portfolio');
    expect(body.options.decisionQuestions.map((question) => question.id)).toEqual([
      'users',
      'own-data',
      'custom-model',
      'skills',
      'time-to-value',
    ]);
    const group = body.groups.find((entry) => entry.label === 'Contract summaries');
    expect(group?.decision).toBeNull();
    const decide = {
      users: 'individual',
      'own-data': 'm365',
      'custom-model': 'no',
      skills: 'business',
      'time-to-value': 'weeks',
    };
    const saved = await edit(LEADER, group?.key ?? '', { decide });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const after = await call<DashboardPortfolio>(LEADER, '/api/dashboard/portfolio?approach=m365-copilot-saas');
    const decided = after.body.groups.find((entry) => entry.key === group?.key);
    expect(decided?.decision).toMatchObject({ approach: { id: 'm365-copilot-saas' }, answers: decide });
    expect(decided?.decision?.why).not.toBe('');
    const chat = JSON.stringify((await bot.user(LEADER, 'Lea Leader').say('portfolio')).activities);
    expect(chat).toContain('Leaders’ decision');
  });
});

describe('bad input', () => {
  it('answers a bad or unknown team, pulse, filter or group with a kind 4xx and no detail', async () => {
    expect((await call(LEADER, '/api/dashboard/overview?team=%3Cscript%3E')).status).toBe(400);
    expect(
      (await call(LEADER, `/api/dashboard/overview?team=${encodeURIComponent('19:nope@thread.tacv2')}`)).body,
    ).toEqual({ error: 'not found' });
    expect((await call(LEADER, '/api/dashboard/pulses/not-a-pulse')).status).toBe(404);
    expect((await call(LEADER, `/api/dashboard/pulses/${'a'.repeat(32)}`)).status).toBe(404);
    expect((await call(LEADER, '/api/dashboard/portfolio?goal=world-domination')).status).toBe(400);
    expect((await call(LEADER, '/api/dashboard/portfolio?status=done')).status).toBe(400);
    const unknown = await call(LEADER, '/api/dashboard/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toMatch(/at \w+ \(|Error:/);
  });

  it('refuses forged, unknown, oversized and unauthorised edits, and changes nothing', async () => {
    const { body } = await call<DashboardPortfolio>(LEADER, '/api/dashboard/portfolio');
    const key = body.groups[0].key;
    const before = await editCount();
    const refused: [string, Promise<Reply<object>>, number][] = [
      ['an unknown group', edit(LEADER, 'no-such-group', { status: 'live' }), 404],
      ['a field that is not an edit', edit(LEADER, key, { status: 'live', actor: LEADER }), 400],
      ['a status that is not one', edit(LEADER, key, { status: 'launched' }), 400],
      ['a number for a name', edit(LEADER, key, { rename: 42 }), 400],
      ['merging a group into itself', edit(LEADER, key, { merge: key }), 400],
      ['an empty edit', edit(LEADER, key, {}), 400],
      ['a body that is not JSON', edit(LEADER, key, '{"status":'), 400],
      ['a huge body', edit(LEADER, key, { rename: 'x'.repeat(100_000) }), 413],
      ['an employee', edit(EMPLOYEE, key, { status: 'live' }), 403],
      ['a manager', edit(MANAGER, key, { status: 'live' }), 403],
      ['some build questions only', edit(LEADER, key, { decide: { users: 'process' } }), 400],
      ['a build answer not offered', edit(LEADER, key, { decide: { users: 'everyone' } }), 400],
      ['build answers that are not text', edit(LEADER, key, { decide: { users: ['process'] } }), 400],
      ['build answers that are a list', edit(LEADER, key, { decide: ['process'] }), 400],
      ['a forged approach', edit(LEADER, key, { approach: 'custom-model-iaas' }), 400],
    ];
    for (const [name, reply, status] of refused) {
      const { status: got, text } = await reply;
      expect([name, got]).toEqual([name, status]);
      expect(text).not.toMatch(/at \w+ \(|Error:/);
    }
    expect(await editCount()).toBe(before);
  });
});

describe('privacy', () => {
  it('shows nothing below the threshold: a team of three has no figure', async () => {
    const small = await call<DashboardOverview>(LEADER, `/api/dashboard/overview?team=${encodeURIComponent(SMALL.id)}`);
    expect(small.status).toBe(200);
    expect(small.body.figures.participation).toEqual({
      people: null,
      leaders: null,
      employees: null,
      completionRate: null,
      meanProgress: null,
    });
    expect(small.body.figures.readiness.every((section) => section.mean === null && section.bands.length === 0)).toBe(
      true,
    );
    expect(small.body.history.points.at(-1)?.people).toBeNull();
  });

  it('puts no names and no user ids in aggregate answers', async () => {
    const answers = [
      await call(LEADER, '/api/dashboard/overview'),
      await call(LEADER, `/api/dashboard/overview?team=${encodeURIComponent(RED.id)}`),
      await call(LEADER, '/api/dashboard/portfolio'),
      await call(LEADER, '/api/dashboard/pulses'),
      await call(LEADER, '/api/dashboard/export.json'),
    ];
    for (const { status, text } of answers) {
      expect(status).toBe(200);
      for (const forbidden of [LEADER, MANAGER, EMPLOYEE, 'Mia Manager', 'Eve Employee', 'org-0', 'red-1', 'idea-2'])
        expect(text).not.toContain(forbidden);
    }
  });
});

describe("a person's own strategy", () => {
  it('shows them their own answers as their chat card does, and nobody else', async () => {
    const eve = new Conversation(bot.user(EMPLOYEE, 'Eve Employee'));
    const title = 'Draft first replies to tenders';
    await eve.press(
      'Add',
      { 'field.title': title, 'field.value': '4', 'field.feasibility': '3' },
      await openQuestion(eve.user, 'uc-use-cases'),
    );
    const mine = await call<DashboardMine>(EMPLOYEE, '/api/dashboard/mine');
    expect(mine.body.summary.useCases.map((useCase) => useCase.title)).toEqual([title]);
    expect(mine.body.answers).toBe(1);
    expect(mine.body.progress).toMatchObject({ answered: 1, finished: false });
    expect(mine.body.progress.questions).toBeGreaterThan(1);
    const cards = cardsOf(await eve.user.say('my summary')).map((sent) => cardText(sent as Record<string, unknown>));
    const card = cards.find((text) => text.startsWith(mine.body.summary.title)) ?? '';
    expect(card).toContain(title);
    expect(card).toContain(mine.body.summary.useCases[0].details);
    expect(mine.body.summary.useCases[0].details).toContain('Feasibility');
    const someoneElse = await call<DashboardMine>(MANAGER, '/api/dashboard/mine');
    expect(someoneElse.text).not.toContain(title);
  });
});
