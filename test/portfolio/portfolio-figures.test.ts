import { computePortfolio } from '../../src/portfolio/compute-portfolio';
import type { IdeaRow } from '../../src/portfolio/idea-rows';
import {
  LEADERS_ONLY_LABEL,
  NEUTRAL_LABEL,
  portfolioFigures,
  quadrantOf,
  type GroupFigure,
} from '../../src/portfolio/portfolio-figures';
import type { PortfolioEdit } from '../../src/portfolio/portfolio-edits';
import type { PortfolioDoc } from '../../src/storage/ports';

/**
 * The portfolio's sums and thresholds as pure functions: rows of use cases in, the stored document and what leaders may
 * see out. Conversation-level tests (real bot, real Cosmos) are in portfolio-conversation.test.ts.
 */
const K = 5;
const SALT = 'test-salt';

let next = 0;
/** `count` people each proposing `title` (the same person ids when `people` is given). */
function proposals(title: string, count: number, extra: Partial<IdeaRow> = {}, people?: string[]): IdeaRow[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: people?.[i] ?? `person-${next++}`,
    rowId: `r${i}`,
    title,
    shared: false,
    metrics: [],
    ...extra,
  }));
}

function stored(rows: IdeaRow[], basis = 'b1'): PortfolioDoc {
  return {
    id: 'portfolio|organisation',
    type: 'portfolio',
    tenantId: 't',
    questionId: 'portfolio',
    basis,
    revision: 0,
    computedAt: '2026-12-07T00:00:00.000Z',
    ...computePortfolio(rows, { salt: SALT, basis, k: K }),
  };
}

const figuresOf = (rows: IdeaRow[], edits: PortfolioEdit[] = []) => portfolioFigures(stored(rows), edits, K);
const labelled = (groups: GroupFigure[], label: string) => groups.find((group) => group.label === label);

describe('portfolio: grouping, support and consent', () => {
  it('groups alike titles, counts each person once per group, and shows a shared title as the label', () => {
    const same = ['p-a', 'p-b', 'p-c', 'p-d', 'p-e', 'p-f'];
    const rows = [
      ...proposals('Draft replies to customer emails', 3, { shared: true, value: 4, feasibility: 5 }, same),
      ...proposals('Draft customer email replies', 3, { value: 4, feasibility: 4 }, same.slice(3)),
      // p-a wrote the idea twice: one person still.
      {
        ...proposals('Drafting replies to customer e-mails', 1, { value: 1, feasibility: 1 }, ['p-a'])[0],
        rowId: 'r9',
      },
    ];
    const { groups, people } = figuresOf(rows);
    expect(people).toBe(6);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ label: 'Draft replies to customer emails', support: 6, renamed: false });
    // The ratings of each person's row in their heaviest wording: 4,4,4 and 4,4,4 / 5,5,5 and 4,4,4.
    expect(groups[0]).toMatchObject({ value: 4, feasibility: 4.5, quadrant: 'quick-win' });
  });

  it('never stores or shows words nobody agreed to share, nor any user id', () => {
    const rows = [
      ...proposals('Secret merger screening with Contoso', 6, { value: 5, feasibility: 2 }),
      ...proposals('Summarise meeting notes', 5, { shared: true, value: 2, feasibility: 4 }),
    ];
    const doc = stored(rows);
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/Secret|merger|Contoso|screening/i);
    for (const row of rows) expect(json).not.toContain(row.userId);
    const { groups } = portfolioFigures(doc, [], K);
    expect(groups.map((group) => group.label)).toEqual([NEUTRAL_LABEL, 'Summarise meeting notes']);
    expect(groups[0]).toMatchObject({ support: 6, value: 5, feasibility: 2, quadrant: 'big-bet' });
    expect(groups[1]).toMatchObject({ support: 5, value: 2, feasibility: 4, quadrant: 'fill-in' });
  });

  it('uses no shared words where more than leaders read (a channel): groups unnamed, smaller ones folded', () => {
    const rows = [
      ...proposals('Summarise meeting notes', 5, { shared: true }),
      ...proposals('Secret merger screening', 5),
      ...proposals('Invoice matching', 2, { shared: true }),
    ];
    const figures = portfolioFigures(stored(rows), [], K, false);
    expect(figures.groups.map((group) => [group.label, group.support, group.wordings])).toEqual([
      [LEADERS_ONLY_LABEL, 5, []],
      [NEUTRAL_LABEL, 5, []],
    ]);
    expect(figures.folded).toBe(1);
  });

  it('removes names from shared titles', () => {
    const rows = proposals('Ask Maria Garcia to triage invoices', 5, { shared: true });
    const json = JSON.stringify(stored(rows));
    expect(json).not.toMatch(/Maria|Garcia/);
    expect(figuresOf(rows).groups[0].label).toBe('Ask [name] to triage invoices');
  });

  it('is the same whatever order the rows come in', () => {
    const rows = [
      ...proposals('Forecast demand from sales data', 7, { shared: true, value: 3, feasibility: 3 }),
      ...proposals('Demand forecasting', 2, { value: 5 }),
      ...proposals('Onboarding buddy chatbot', 4, { shared: true }),
    ];
    expect(stored([...rows].reverse())).toEqual(stored(rows));
  });
});

describe('portfolio: thresholds', () => {
  const rows = () => [
    ...proposals('Invoice matching', 3, { shared: true, value: 5, feasibility: 5 }),
    ...proposals('Contract clause checker', 2, { value: 1, feasibility: 1 }),
    ...proposals('Quarterly report drafting', 2, { value: 1, feasibility: 5 }),
  ];

  it('shows a smaller group only with shared words: as "fewer than k", its quadrant and nothing else', () => {
    const figures = figuresOf(rows());
    expect(figures.people).toBe(7);
    expect(figures.groups).toHaveLength(1);
    expect(figures.groups[0]).toMatchObject({
      label: 'Invoice matching',
      support: null,
      value: null,
      feasibility: null,
      quadrant: 'quick-win',
      approach: null,
      disagreement: false,
    });
    expect(figures.folded).toBe(2);
  });

  it('counts a merge of two smaller groups by their distinct people: shown once they reach k', () => {
    const figures = figuresOf(rows());
    const contract = stored(rows()).groups.find((group) => group.weight === 2)?.anchorKey as string;
    const merged = figuresOf(rows(), [{ kind: 'merge', fromKey: contract, intoKey: figures.groups[0].key }]);
    expect(merged.groups[0]).toMatchObject({ label: 'Invoice matching', support: 5, value: 3.4 });
    expect(merged.folded).toBe(1);
  });

  it('splits a wording with shared words out of its group, each side counted by its own people', () => {
    const rows = [
      ...proposals('Draft replies to customer emails', 5, { shared: true, value: 4, feasibility: 4 }),
      ...proposals('Drafting customer email answers', 2, { shared: true, value: 2, feasibility: 2 }),
    ];
    const [group] = figuresOf(rows).groups;
    expect(group.support).toBe(7);
    expect(group.wordings.map((wording) => wording.title)).toEqual([
      'Draft replies to customer emails',
      'Drafting customer email answers',
    ]);
    const split = figuresOf(rows, [{ kind: 'split', key: group.wordings[1].key }]);
    expect(split.groups.map((figure) => [figure.label, figure.support, figure.value])).toEqual([
      ['Draft replies to customer emails', 5, 4],
      ['Drafting customer email answers', null, null],
    ]);
  });

  it('does not count one person twice when merging two groups they both proposed in', () => {
    const three = ['x-1', 'x-2', 'x-3'];
    const overlap = [
      ...proposals('Invoice matching', 3, { shared: true }, three),
      ...proposals('Contract clause checker', 3, {}, three).map((row) => ({ ...row, rowId: 'c' })),
    ];
    const before = figuresOf(overlap);
    const other = stored(overlap).groups.find((group) => group.members.every((member) => !member.title));
    const merged = figuresOf(overlap, [
      { kind: 'merge', fromKey: other?.anchorKey as string, intoKey: before.groups[0].key },
    ]);
    expect(merged.groups[0]).toMatchObject({ support: null, quadrant: null });
  });
});

describe('portfolio: approaches and metrics', () => {
  it('flags a disagreement on a group of at least k, with each approach count only from k', () => {
    const rows = [
      ...proposals('Customer service chatbot', 6, { shared: true, approach: 'copilot-studio' }),
      ...proposals('Customer service chat bot', 2, { approach: 'ai-foundry-paas' }),
      ...proposals('Knowledge base search', 5, { shared: true, approach: 'copilot-studio' }),
    ];
    const { groups, approaches } = figuresOf(rows);
    const chatbot = labelled(groups, 'Customer service chatbot');
    expect(chatbot).toMatchObject({
      support: 8,
      approach: 'copilot-studio',
      disagreement: true,
      approaches: [{ id: 'copilot-studio', people: 6 }],
    });
    expect(labelled(groups, 'Knowledge base search')).toMatchObject({
      disagreement: false,
      approach: 'copilot-studio',
    });
    // Portfolio-wide (each person once) 11 for Copilot Studio would leave 2 for PaaS: a small rest, so neither shows.
    expect(approaches).toEqual([]);
  });

  it('shows the portfolio-wide approaches under the rest rule', () => {
    const rows = [
      ...proposals('Customer service chatbot', 6, { shared: true, approach: 'copilot-studio' }),
      ...proposals('Demand forecasting model', 5, { shared: true, approach: 'ai-foundry-paas' }),
      ...proposals('Meeting notes', 5, { shared: true }),
    ];
    expect(figuresOf(rows).approaches).toEqual([
      { id: 'copilot-studio', people: 6 },
      { id: 'ai-foundry-paas', people: 5 },
    ]);
  });

  it('links metrics chosen by at least k people of the group', () => {
    const rows = [
      ...proposals('Invoice matching', 5, { shared: true, metrics: ['cost>cost-per-transaction'] }),
      ...proposals('Invoice matching', 2, { metrics: ['productivity>time-saved'] }),
    ];
    expect(figuresOf(rows).groups[0].metrics).toEqual([{ id: 'cost>cost-per-transaction', people: 5 }]);
  });
});

describe('portfolio: the matrix', () => {
  it.each([
    [3, 3, 'quick-win'],
    [4.2, 2.9, 'big-bet'],
    [2.9, 3, 'fill-in'],
    [1, 2.9, 'rethink'],
  ] as const)('value %s, feasibility %s → %s (the split at 3)', (value, feasibility, quadrant) => {
    expect(quadrantOf(value, feasibility)).toBe(quadrant);
  });

  it('ranks groups of at least k by value × feasibility, then by people', () => {
    const rows = [
      ...proposals('Alpha idea widget', 9, { shared: true, value: 3, feasibility: 3 }),
      ...proposals('Beta idea gadget', 5, { shared: true, value: 5, feasibility: 4 }),
      ...proposals('Gamma idea gizmo', 6, { shared: true, value: 4, feasibility: 5 }),
    ];
    expect(figuresOf(rows).groups.map((group) => group.label)).toEqual([
      'Gamma idea gizmo',
      'Beta idea gadget',
      'Alpha idea widget',
    ]);
  });
});

describe('a group’s value and feasibility', () => {
  it('are shown (with their quadrant) only from at least k raters: the rest may have answered "don\'t know"', () => {
    const oneRater = [
      ...proposals('Invoice matching', 1, { value: 1, feasibility: 2 }),
      ...proposals('Invoice matching', 5),
    ];
    const [few] = figuresOf(oneRater).groups;
    expect([few.support, few.value, few.feasibility, few.quadrant]).toEqual([6, null, null, null]);
    const [enough] = figuresOf(proposals('Contract review', 5, { value: 4, feasibility: 3 })).groups;
    expect([enough.support, enough.value, enough.feasibility]).toEqual([5, 4, 3]);
  });
});
