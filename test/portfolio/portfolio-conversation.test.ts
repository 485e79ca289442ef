/**
 * The use-case portfolio through the real bot (HTTP + CloudAdapter + embedded Cosmos), buttons pressed as Teams
 * presses them: who may see it, what it shows (shared words only, small groups coarsened), paging, leaders' edits and
 * the refusals of forged ones, the team channel, the leader card's matrix and the export.
 */
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { LEADERS_ONLY_LABEL, NEUTRAL_LABEL } from '../../src/portfolio/portfolio-figures';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import { openQuestion } from '../bad-input/checks';
import { Conversation } from '../cards-sent/drive';
import { validateCard } from '../cards/validate-card';
import { inChannel } from '../leadership/drive';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  TENANT,
  textsOf,
  type TestBot,
  type TurnReply,
} from '../support/bot-harness';
import { crowd, propose, type Idea } from './seed';

const LEADER = 'ffffffff-0000-4000-8000-000000000001';
const ADMIN = 'ffffffff-0000-4000-8000-000000000002';
const EMPLOYEE = 'ffffffff-0000-4000-8000-000000000003';
const SECRET = 'Secret reorg plan for Contoso finance';
const SHARED_TITLE = 'Draft replies to routine customer emails';
const LEADERS_ONLY =
  'The use-case portfolio is for leaders. Type **summary** for your own card, with the use cases you proposed.';
const TEAM = { id: '19:team-portfolio@thread.tacv2', name: 'Finance' };
const index = new ContentIndex(loadContentPack());

/** Fifteen ideas that group with nothing else, each proposed by one person who shared it. */
const LONE_IDEAS = [
  'Translate safety manuals',
  'Forecast spare parts demand',
  'Plan delivery routes',
  'Detect fraudulent expense claims',
  'Write job advertisements',
  'Tag support tickets by product',
  'Check supplier certificates',
  'Suggest knowledge articles',
  'Estimate project budgets',
  'Prepare board packs',
  'Answer payroll questions',
  'Review marketing compliance',
  'Generate test data',
  'Score sales leads',
  'Transcribe site inspections',
];

let bot: TestBot;
let aggregates: CosmosAggregateStore;
let portfolios: CosmosPortfolioStore;

const json = (reply: TurnReply) => JSON.stringify(reply.activities);
const lastCard = (reply: TurnReply) => {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`no card in ${textsOf(reply).join(' | ')}`);
  expect(validateCard(card)).toEqual([]);
  return card;
};
const editCount = async () => (await portfolios.edits(TENANT)).doc.edits.length;

beforeAll(async () => {
  bot = await startTestBot({ env: { LEADER_IDS: LEADER, ADMIN_IDS: ADMIN } });
  aggregates = new CosmosAggregateStore(bot.containers.aggregates, 5);
  portfolios = new CosmosPortfolioStore(bot.containers.aggregates);
  // Two people through the bot: one shares their idea, one keeps it to themselves.
  const ada = new Conversation(bot.user());
  await ada.press(
    'Add',
    { 'field.title': SHARED_TITLE, 'field.value': '5', 'field.feasibility': '4' },
    await openQuestion(ada.user, 'uc-use-cases'),
  );
  const bob = new Conversation(bot.user());
  await bob.press(
    'Add',
    { 'field.title': SECRET, 'field.value': '4', 'field.feasibility': '2', 'field.share': 'false' },
    await openQuestion(bob.user, 'uc-use-cases'),
  );
  // Eight more in those two groups, keeping their words, and fifteen lone ideas: 25 people, five whole batches.
  const kept = (title: string, extra: Partial<Idea> = {}): Idea[] => [
    { title, shared: false, value: 4, feasibility: 4, ...extra },
  ];
  await propose(
    { containers: bot.containers, aggregates, index, tenantId: TENANT },
    {
      ...crowd('email', 4, kept(SHARED_TITLE, { approach: 'copilot-studio' })),
      ...crowd('secret', 4, kept(SECRET, { value: 4, feasibility: 2 })),
      ...Object.fromEntries(
        LONE_IDEAS.map((title, i) => [`lone-${i}`, [{ title, shared: true, value: 2, feasibility: 2 }]]),
      ),
    },
  );
}, 120_000);

afterAll(() => bot?.close());

describe('the portfolio in a 1:1 chat', () => {
  it('is for leaders: anyone else gets a kind message, also for a forged Next or Save', async () => {
    const employee = bot.user(EMPLOYEE);
    expect(textsOf(await employee.say('portfolio'))).toEqual([LEADERS_ONLY]);
    expect(textsOf(await employee.say('portfolio all'))).toEqual([LEADERS_ONLY]);
    expect(textsOf(await employee.submit({ sg: 'leader', action: 'portfolio', page: 2 }))).toEqual([LEADERS_ONLY]);
    const before = await editCount();
    const forged = await employee.submit({
      sg: 'leader',
      action: 'portfolio-save',
      group: 'x',
      'portfolio.status': 'live',
    });
    expect(textsOf(forged)).toEqual([LEADERS_ONLY]);
    expect(await editCount()).toBe(before);
  });

  it('shows the groups with people, value, feasibility and quadrant; shared words only; small groups coarsened', async () => {
    const reply = await bot.user(LEADER).say('portfolio');
    const card = lastCard(reply);
    const text = cardText(card);
    expect(text).toContain('25 people proposed use cases.');
    expect(text).toContain(SHARED_TITLE);
    expect(text).toContain(NEUTRAL_LABEL);
    expect(text).toContain('Groups 1–10 of 17.');
    expect(json(reply)).toContain('"title":"People","value":"5"');
    expect(json(reply)).toContain('"title":"People","value":"fewer than 5"');
    expect(json(reply)).toContain('"title":"Matrix","value":"Quick wins"');
    expect(json(reply)).toContain('Chart.Donut');
    expect(json(reply)).not.toMatch(/Secret|reorg|Contoso/);
    const stored = JSON.stringify((await portfolios.read(TENANT))?.doc);
    expect(stored).not.toMatch(/Secret|reorg|Contoso/);
    expect(stored).not.toMatch(/email-\d|secret-\d|lone-\d/);
  });

  it('pages through the rest with `portfolio all` and the Next page button', async () => {
    const leader = bot.user(LEADER);
    const first = lastCard(await leader.say('portfolio'));
    const second = await leader.submit(submitData(first, 'Next page'));
    expect(cardText(lastCard(second))).toContain('Groups 11–17 of 17.');
    const all = await leader.say('portfolio all');
    expect(cardText(lastCard(all))).toContain('Groups 11–17 of 17.');
    expect(json(all)).not.toContain('Next page');
    expect(json(all)).not.toContain('Chart.Donut');
  });

  it('lets a leader rename a group and set its status; the edit is audited without the name', async () => {
    const leader = bot.user(LEADER);
    const card = lastCard(await leader.say('portfolio'));
    const editCard = lastCard(await leader.submit(submitData(card, 'Edit')));
    expect(cardText(editCard)).toContain('Edit a group of ideas');
    const saved = await leader.press(editCard, 'Save', {
      'portfolio.rename': 'Customer email assistant',
      'portfolio.status': 'piloting',
    });
    expect(textsOf(saved)[0]).toBe('Saved. Here is the portfolio with your change:');
    const after = cardText(lastCard(saved));
    expect(after).toContain('Customer email assistant');
    expect(json(saved)).toContain('"title":"Status","value":"Piloting"');
    const { resources } = await bot.containers.audit.items
      .query({ query: 'SELECT * FROM c WHERE c.action = "portfolio.edited"' })
      .fetchAll();
    expect(resources.map((entry) => entry.detail).sort()).toEqual(['rename', 'status piloting']);
    expect(JSON.stringify(resources)).not.toContain('Customer email assistant');
  });

  it('refuses forged saves with a kind message and changes nothing', async () => {
    const leader = bot.user(LEADER);
    const card = lastCard(await leader.say('portfolio'));
    const save = { ...submitData(lastCard(await leader.submit(submitData(card, 'Edit'))), 'Save') };
    const before = await editCount();
    const refusal = async (value: Record<string, unknown>) => {
      const reply = await leader.submit(value);
      expect(reply.status).toBe(200);
      return `${textsOf(reply).join(' ')} ${cardsOf(reply).map(cardText).join(' ')}`;
    };
    expect(await refusal({ ...save, group: 'no-such-group' })).toContain('That group is no longer in the portfolio');
    expect(await refusal({ ...save, group: { $ne: 1 } })).toContain('That group is no longer in the portfolio');
    expect(await refusal({ ...save, 'portfolio.status': 'launched' })).toContain('Choose one of the statuses listed.');
    expect(await refusal({ ...save, 'portfolio.merge': save.group })).toContain('Choose another group of the list');
    expect(await refusal({ ...save, 'portfolio.split': 'not-a-wording' })).toContain('Choose one of the wordings');
    expect(await refusal({ ...save, 'portfolio.rename': 'x'.repeat(81) })).toContain('at most 80 characters');
    expect(await refusal({ ...save, 'portfolio.rename': ['array'] })).toContain('could not be read');
    expect(await refusal({ ...save })).toContain('Nothing was changed');
    expect(await refusal({ ...save, 'portfolio.rename': '\u200b\u200b\ufeff' })).toContain('Nothing was changed');
    expect(await refusal({ sg: 'leader', action: 'portfolio-edit', group: 'no-such-group' })).toContain(
      'That group is no longer in the portfolio',
    );
    expect(await editCount()).toBe(before);
  });

  it('lets a leader answer the build questions for a group: the decision shows beside people’s, audited, exported', async () => {
    const leader = bot.user(LEADER);
    const card = lastCard(await leader.say('portfolio'));
    const editCard = lastCard(await leader.submit(submitData(card, 'Edit')));
    const answers = {
      'portfolio.decide.users': 'process',
      'portfolio.decide.own-data': 'systems',
      'portfolio.decide.custom-model': 'no',
      'portfolio.decide.skills': 'developers',
      'portfolio.decide.time-to-value': 'months',
    };
    const saved = await leader.press(editCard, 'Save', answers);
    expect(textsOf(saved)[0]).toBe('Saved. Here is the portfolio with your change:');
    const group = (lastCard(saved).body as Record<string, unknown>[]).find(
      (element) => element.type === 'Container' && JSON.stringify(element).includes('Customer email assistant'),
    );
    // People's own recommendation stays; leaders' decision is shown beside it.
    expect(JSON.stringify(group)).toContain('"title":"Approach","value":"none shared by 5 or more people yet"');
    expect(JSON.stringify(group)).toContain(
      '"title":"Leaders’ decision","value":"A custom build on Azure AI Foundry (PaaS)"',
    );
    const reopened = lastCard(await leader.submit(submitData(lastCard(saved), 'Edit')));
    expect(cardText(reopened)).toContain('Current decision: A custom build on Azure AI Foundry');
    const { resources } = await bot.containers.audit.items
      .query({ query: 'SELECT * FROM c WHERE c.action = "portfolio.edited"' })
      .fetchAll();
    expect(resources.map((entry) => entry.detail)).toContain('decide ai-foundry-paas');
    const csv = textsOf(await leader.say('export summary')).join('\n');
    expect(csv).toMatch(
      /portfolio group,1,Customer email assistant,leaders’ decision,A custom build on Azure AI Foundry/,
    );
  });

  it('refuses some-but-not-all or forged build answers, and the same answers again change nothing', async () => {
    const leader = bot.user(LEADER);
    const card = lastCard(await leader.say('portfolio'));
    const save = { ...submitData(lastCard(await leader.submit(submitData(card, 'Edit'))), 'Save') };
    const before = await editCount();
    const text = async (value: Record<string, unknown>) => {
      const reply = await leader.submit(value);
      return `${textsOf(reply).join(' ')} ${cardsOf(reply).map(cardText).join(' ')}`;
    };
    expect(await text({ ...save, 'portfolio.decide.users': 'process' })).toContain('Answer all 5 build questions');
    expect(await text({ ...save, 'portfolio.decide.users': 'everyone' })).toContain('Choose one of the answers listed');
    expect(await text({ ...save, 'portfolio.decide.users': { $gt: '' } })).toContain(
      'Choose one of the answers listed',
    );
    expect(
      await text({
        ...save,
        'portfolio.decide.users': 'process',
        'portfolio.decide.own-data': 'systems',
        'portfolio.decide.custom-model': 'no',
        'portfolio.decide.skills': 'developers',
        'portfolio.decide.time-to-value': 'months',
      }),
    ).toContain('Nothing was changed');
    expect(await editCount()).toBe(before);
  });

  it('keeps the edits when a batch of new people moves the figures', async () => {
    await propose(
      { containers: bot.containers, aggregates, index, tenantId: TENANT },
      crowd('later', 5, [{ title: SHARED_TITLE, shared: false, value: 2, feasibility: 2 }]),
    );
    const reply = await bot.user(LEADER).say('portfolio');
    const group = (lastCard(reply).body as Record<string, unknown>[]).find(
      (element) => element.type === 'Container' && JSON.stringify(element).includes('Customer email assistant'),
    );
    expect(JSON.stringify(group)).toContain('"title":"People","value":"10"');
    expect(JSON.stringify(group)).toContain('"title":"Status","value":"Piloting"');
  });

  it('puts the matrix on the organisation card and the portfolio in the export, without unshared words', async () => {
    const leader = bot.user(LEADER);
    const summary = await leader.say('summary');
    expect(cardText(lastCard(summary))).toContain('Use cases by value and feasibility');
    const exported = await leader.say('export summary');
    const csv = textsOf(exported).join('\n');
    expect(csv).toContain('portfolio group,1,Customer email assistant,people,10');
    expect(csv).toContain(`,${LONE_IDEAS[0]},people,fewer than 5`);
    expect(csv).toMatch(/portfolio,people,People who proposed use cases,count,30/);
    const file = exported.activities.flatMap((activity) => activity.attachments ?? [])[0];
    const figures = Buffer.from(String(file?.contentUrl).split(',')[1], 'base64').toString('utf8');
    expect(figures).toContain('"part": "portfolio group"');
    expect(`${csv}${figures}${json(summary)}`).not.toMatch(/Secret|reorg|Contoso/);
  });
});

describe('the portfolio in a team channel', () => {
  it('shows a leader the team’s portfolio, without the words shared with leaders and without Edit', async () => {
    await propose(
      { containers: bot.containers, aggregates, index, tenantId: TENANT },
      crowd('finance', 5, [{ title: 'Reconcile bank statements', shared: true, value: 4, feasibility: 4 }]),
      TEAM.id,
    );
    const leader = bot.user(LEADER);
    const reply = await inChannel(leader, TEAM, 'portfolio');
    const card = lastCard(reply);
    expect(cardText(card)).toContain('Use-case portfolio');
    expect(cardText(card)).toContain('Finance');
    expect(cardText(card)).toContain(LEADERS_ONLY_LABEL);
    expect(json(reply)).toContain('"title":"People","value":"5"');
    expect(json(reply)).not.toContain('Reconcile bank statements');
    expect(json(reply)).not.toContain('"title":"Edit"');
    // The organisation's card, asked for in a channel, names no idea by its words either.
    const summary = await inChannel(leader, TEAM, 'summary');
    expect(cardText(lastCard(summary))).toContain('Use cases by value and feasibility');
    expect(json(summary)).not.toMatch(/Reconcile bank statements|Customer email assistant|Draft replies/);
  });

  it('is for leaders there too, and edits are made 1:1 only', async () => {
    const leader = bot.user(LEADER);
    expect(textsOf(await inChannel(bot.user(EMPLOYEE), TEAM, 'portfolio'))).toEqual([LEADERS_ONLY]);
    const forged = await leader.post({
      type: 'message',
      value: { sg: 'leader', action: 'portfolio-edit', group: 'x' },
      conversation: {
        id: `${TEAM.id};messageid=1`,
        conversationType: 'channel',
        tenantId: TENANT,
        isGroup: true,
        name: TEAM.name,
      },
      channelData: { tenant: { id: TENANT }, team: TEAM, channel: { id: TEAM.id } },
    });
    expect(textsOf(forged)).toEqual([
      'Edits to the portfolio are made in a 1:1 chat with me: type **portfolio** there.',
    ]);
  });
});
