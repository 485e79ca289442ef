import { aggregateChanges, answerChanges } from '../../src/aggregation/aggregate-changes';
import type { RawAnswer } from '../../src/aggregation/recompute';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { NEUTRAL_LABEL } from '../../src/portfolio/portfolio-figures';
import { portfolioQuestions, type PortfolioQuestions } from '../../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../../src/portfolio/portfolio-reader';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import type { Containers } from '../../src/storage/cosmos';
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import type { AnswerStore, StoredPortfolioEdit } from '../../src/storage/ports';
import { answerDocument } from '../../src/storage/user-docs';
import { applyAsTurnsWould } from '../leadership/drive';
import { crowd, propose as proposeIn, useCaseRows, type Idea } from './seed';
import { startContainers } from '../storage/embedded-containers';

/**
 * The portfolio's reads against real Cosmos (the embedded server): computed from the answers only when the published
 * counters moved, never showing a change that waits for its batch, storing no words nobody shared, keeping leaders'
 * edits across recomputations, and a team's made of its members' answers only.
 */
const index = new ContentIndex(loadContentPack());
const questions = portfolioQuestions(index) as PortfolioQuestions;
const TENANT = '22222222-2222-2222-2222-222222222222';
const uc = questions.useCases.id;
const decision = questions.decision?.id as string;

let containers: Containers;
let close: () => Promise<void>;
let aggregates: CosmosAggregateStore;
let portfolios: CosmosPortfolioStore;
let queries = 0;
let tenant = 0;

beforeAll(async () => {
  ({ containers, close } = await startContainers());
  aggregates = new CosmosAggregateStore(containers.aggregates, 5);
  portfolios = new CosmosPortfolioStore(containers.aggregates);
}, 60_000);

afterAll(() => close?.());

/** A reader over the real stores, counting the recomputations' queries of answers (which fail when `unreadable`). */
function reader(unreadable = false): PortfolioReader {
  const answers = new CosmosAnswerStore(containers.users);
  const counting: Pick<AnswerStore, 'listForQuestions'> = {
    listForQuestions: (...args) => {
      queries++;
      if (unreadable) return Promise.reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
      return answers.listForQuestions(...args);
    },
  };
  return new PortfolioReader({
    index,
    questions,
    portfolios,
    aggregates,
    answers: counting,
    thresholds: DEFAULT_THRESHOLDS,
    clock: () => new Date('2026-12-07T10:00:00Z'),
  });
}

const seed = (tenantId: string) => ({ containers, aggregates, index, tenantId });
const propose = (tenantId: string, people: Record<string, Idea[]>, teamId?: string) =>
  proposeIn(seed(tenantId), people, teamId);

function stored(tenantId: string, answer: RawAnswer) {
  return answerDocument({
    tenantId,
    userId: answer.userId,
    questionId: answer.questionId,
    sectionId: index.find(answer.questionId)?.section.id ?? '',
    packId: index.pack.id,
    packVersion: index.pack.version,
    role: answer.role,
    value: answer.value,
    answeredAt: '2026-12-07T00:00:00.000Z',
  });
}

const newTenant = () => `${TENANT.slice(0, -4)}${String(++tenant).padStart(4, '0')}`;

describe('portfolio reader', () => {
  it('computes from the answers once, then reads the stored portfolio while the published counters stay', async () => {
    const tenantId = newTenant();
    await propose(tenantId, {
      ...crowd('a', 5, [{ title: 'Draft replies to customer emails', shared: true, value: 4, feasibility: 4 }]),
      ...crowd('b', 5, [{ title: 'Forecast demand from sales data', shared: false, value: 5, feasibility: 2 }]),
    });
    const before = queries;
    const first = await reader().figures(tenantId);
    expect(queries).toBe(before + 1);
    expect(first.groups.map((group) => [group.label, group.support])).toEqual([
      ['Draft replies to customer emails', 5],
      [NEUTRAL_LABEL, 5],
    ]);
    expect(await reader().figures(tenantId)).toEqual(first);
    expect(queries).toBe(before + 1);
    const doc = (await portfolios.read(tenantId))?.doc;
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/Forecast|demand|sales/i);
    expect(json).not.toMatch(/"a-\d"|"b-\d"/);
  });

  it('does not move for one more person; a batch of k people moves it, and a change waiting for its batch is never shown', async () => {
    const tenantId = newTenant();
    await propose(tenantId, crowd('a', 5, [{ title: 'Invoice matching', shared: true, value: 3, feasibility: 3 }]));
    const first = await reader().figures(tenantId);
    expect(first.groups[0].support).toBe(5);
    // One more person: pending on the use-case counters, not published.
    await propose(tenantId, crowd('late', 1, [{ title: 'Invoice matching', shared: true, value: 5, feasibility: 5 }]));
    const before = queries;
    expect(await reader().figures(tenantId)).toEqual(first);
    expect(queries).toBe(before);
    // Three more: still below a batch of five.
    await propose(tenantId, crowd('more', 3, [{ title: 'Invoice matching', shared: true, value: 5, feasibility: 5 }]));
    expect(await reader().figures(tenantId)).toEqual(first);
    // The fifth publishes the batch: all five new people arrive together.
    await propose(tenantId, crowd('fifth', 1, [{ title: 'Invoice matching', shared: true, value: 5, feasibility: 5 }]));
    const second = await reader().figures(tenantId);
    expect(second.groups[0]).toMatchObject({ support: 10, value: 4 });
  });

  it('leaves out people whose change waits for its batch even when another question’s batch moves the portfolio', async () => {
    const tenantId = newTenant();
    await propose(tenantId, crowd('a', 5, [{ title: 'Invoice matching', shared: true, approach: 'copilot-studio' }]));
    await reader().figures(tenantId);
    // Two people add a use case (pending) while five others' build decisions are published as a batch.
    await propose(tenantId, crowd('p', 2, [{ title: 'Invoice matching', shared: true }]));
    const decisions = Object.keys(crowd('a', 5, [])).map((userId): RawAnswer => ({
      userId,
      questionId: decision,
      role: 'employee',
      value: { kind: 'rows', rows: [{ rowId: 'dr0', 'use-case': 'uc0', approach: 'ai-foundry-paas' }] },
    }));
    for (const answer of decisions) await containers.users.items.upsert(stored(tenantId, answer));
    await applyAsTurnsWould(aggregates, index, tenantId, decisions);
    const moved = await reader().figures(tenantId);
    expect(moved.groups[0]).toMatchObject({ support: 5, approach: 'ai-foundry-paas' });
  });

  it('drops a shown title at once when its words are edited, keeping the figures until the next batch', async () => {
    const tenantId = newTenant();
    await propose(tenantId, {
      ...crowd('a', 9, [{ title: 'Contract clause checker', shared: false }]),
      first: [{ title: 'Contract clause checker', shared: true }],
    });
    const before = await reader().figures(tenantId);
    expect(before.groups[0]).toMatchObject({ label: 'Contract clause checker', support: 10 });
    // The one who shared rewrites the title: its quote slot is emptied, which moves the counters' revision.
    const question = index.find(uc)?.question;
    if (!question) throw new Error('no use-case question');
    const was = { value: { kind: 'rows', rows: useCaseRows([{ title: 'Contract clause checker', shared: true }]) } };
    const is = { value: { kind: 'rows', rows: useCaseRows([{ title: 'Check NDA clauses', shared: true }]) } };
    const parts = answerChanges({
      question,
      userId: 'first',
      before: { ...was, role: 'employee' } as never,
      after: { ...is, role: 'employee' } as never,
      index,
      personBefore: { answered: { [uc]: 'employee' } },
      personAfter: { answered: { [uc]: 'employee' } },
      teamIds: [],
    });
    await containers.users.items.upsert(
      stored(tenantId, { userId: 'first', questionId: uc, role: 'employee', value: is.value as never }),
    );
    for (const change of aggregateChanges(parts.deltas, parts.quotes))
      await aggregates.apply(tenantId, 'first', change);
    const after = await reader().figures(tenantId);
    expect(after.groups[0]).toMatchObject({ label: NEUTRAL_LABEL, support: 10 });
    const json = JSON.stringify((await portfolios.read(tenantId))?.doc);
    expect(json).not.toContain('Contract clause checker');
    // The new words wait for the next batch, with the figures.
    expect(json).not.toContain('NDA');
  });

  it('keeps leaders’ edits when the portfolio is computed again', async () => {
    const tenantId = newTenant();
    await propose(tenantId, {
      ...crowd('a', 5, [{ title: 'Invoice matching', shared: true }]),
      ...crowd('b', 5, [{ title: 'Supplier risk assessment', shared: true }]),
    });
    const first = await reader().figures(tenantId);
    const [invoice, supplier] = ['Invoice matching', 'Supplier risk assessment'].map(
      (label) => first.groups.find((group) => group.label === label)?.key as string,
    );
    const { doc, etag } = await portfolios.edits(tenantId);
    const edits: StoredPortfolioEdit[] = [
      { kind: 'rename', anchorKey: invoice, label: 'Accounts payable', at: 'now' },
      { kind: 'status', anchorKey: invoice, status: 'piloting', at: 'now' },
      { kind: 'merge', fromKey: supplier, intoKey: invoice, at: 'now' },
    ];
    expect(await portfolios.writeEdits({ ...doc, edits }, etag)).toBe(true);
    const edited = await reader().figures(tenantId);
    expect(edited.groups).toHaveLength(1);
    expect(edited.groups[0]).toMatchObject({ label: 'Accounts payable', status: 'piloting', support: 10 });
    await propose(tenantId, crowd('c', 5, [{ title: 'Invoice matching', shared: true }]));
    const again = await reader().figures(tenantId);
    expect(again.groups).toHaveLength(1);
    expect(again.groups[0]).toMatchObject({ label: 'Accounts payable', status: 'piloting', support: 15 });
  });

  it('builds a team’s portfolio from its members’ answers only', async () => {
    const tenantId = newTenant();
    await propose(tenantId, crowd('out', 5, [{ title: 'Marketing copy drafts', shared: true }]));
    await propose(tenantId, crowd('in', 5, [{ title: 'Shift rota planning', shared: true }]), 'team-blue');
    const team = await reader().figures(tenantId, 'team-blue');
    expect(team.groups.map((group) => group.label)).toEqual(['Shift rota planning']);
    const organisation = await reader().figures(tenantId);
    expect(organisation.groups.map((group) => group.label).sort()).toEqual([
      'Marketing copy drafts',
      'Shift rota planning',
    ]);
    expect((await portfolios.read(tenantId, 'team-blue'))?.doc.id).not.toBe((await portfolios.read(tenantId))?.doc.id);
  });

  it('gives the portfolio as stored while the answers cannot be read, and fails when there is none', async () => {
    const tenantId = newTenant();
    await propose(tenantId, crowd('a', 5, [{ title: 'Invoice matching', shared: true }]));
    await expect(reader(true).figures(tenantId)).rejects.toThrow('timed out');
    const first = await reader().figures(tenantId);
    await propose(tenantId, crowd('b', 5, [{ title: 'Invoice matching', shared: true }]));
    expect(await reader(true).figures(tenantId)).toEqual(first);
    expect((await reader().figures(tenantId)).groups[0].support).toBe(10);
  });

  it('stores one portfolio when two readers compute at once', async () => {
    const tenantId = newTenant();
    await propose(tenantId, crowd('a', 5, [{ title: 'Invoice matching', shared: true }]));
    const [one, two] = await Promise.all([reader().figures(tenantId), reader().figures(tenantId)]);
    expect(one.groups).toEqual(two.groups);
    const { resources } = await containers.aggregates.items
      .query({
        query: 'SELECT c.id FROM c WHERE c.tenantId = @t AND c.type = "portfolio"',
        parameters: [{ name: '@t', value: tenantId }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
  });
});
