import { CardRenderer, MAX_CARD_BYTES, type CardAttachment } from '../../src/cards/card-renderer';
import type { PortfolioView } from '../../src/cards/portfolio-view-models';
import { ContentIndex } from '../../src/content/content-index';
import { decisionQuestions } from '../../src/content/build-decision';
import { loadContentPack } from '../../src/content/load-content-pack';
import { leaderSummaryView } from '../../src/leadership/leader-summary-view';
import { organisationSummary } from '../../src/leadership/organisation-summary';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import type { GroupFigure, PortfolioFigures } from '../../src/portfolio/portfolio-figures';
import {
  matrixView,
  portfolioEditView,
  portfolioLabels,
  portfolioView,
  PAGE_SIZE,
} from '../../src/portfolio/portfolio-view';
import { cardText } from '../support/bot-harness';
import { unboundPlaceholders, validateCard } from './validate-card';

const renderer = new CardRenderer();
const index = new ContentIndex(loadContentPack());
const labels = portfolioLabels(index.pack);
const approachIds = (index.pack.buildDecision?.approaches ?? []).map((approach) => approach.id);
const decision = { questions: decisionQuestions(index.pack), labels };
const goal = index.pack.goals[0];

/** Text as heavy as possible in card JSON: 4-byte emoji, 3-byte CJK, escaped quotes and backslashes. */
const heavy = (length: number) => Array.from({ length }, (_, i) => ['😀', '界', '"', '\\', 'é'][i % 5]).join('');

function group(i: number, label: string, extra: Partial<GroupFigure> = {}): GroupFigure {
  return {
    key: `key-${i}`,
    label,
    renamed: false,
    status: 'idea',
    support: 10 + i,
    value: 4.2,
    feasibility: 2.5,
    quadrant: 'big-bet',
    approach: approachIds[0],
    approaches: approachIds.map((id, j) => ({ id, people: 5 + j })),
    disagreement: true,
    decision: { answers: {}, approach: approachIds[approachIds.length - 1] },
    metrics: goal.metrics.map((metric) => ({ id: `${goal.value}>${metric.value}`, people: 5 })),
    shared: true,
    wordings: [
      { key: `w-${i}-a`, title: `${label} (a)` },
      { key: `w-${i}-b`, title: `${label} (b)` },
    ],
    memberKeys: [`w-${i}-a`, `w-${i}-b`],
    ...extra,
  };
}

function figures(groups: GroupFigure[]): PortfolioFigures {
  return {
    k: 5,
    people: 120,
    groups,
    folded: 4,
    rest: { groups: 3, people: 9 },
    approaches: approachIds.slice(0, 2).map((id, j) => ({ id, people: 30 + j })),
    computedAt: '2026-12-07T00:00:00.000Z',
  };
}

const bytes = (card: CardAttachment) => Buffer.byteLength(JSON.stringify(card.content), 'utf8');

function expectSendable(card: CardAttachment): void {
  expect(validateCard(card.content)).toEqual([]);
  expect(unboundPlaceholders(card.content)).toEqual([]);
  expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
}

/** Every object of the card, depth first. */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Record<string, unknown>, ...Object.values(value).flatMap(nodes)];
}

const submitsOf = (card: CardAttachment) => nodes(card.content).filter((node) => node.type === 'Action.Submit');

describe('portfolio card', () => {
  const many = figures(Array.from({ length: 25 }, (_, i) => group(i, `Idea number ${i}`)));
  const view = (page: number, canEdit = true) =>
    portfolioView(many, labels, { title: 'Use-case portfolio', page, canEdit });

  it('is valid with the matrix as a chart (with a text fallback), the approaches and ten groups on page 1', () => {
    const card = renderer.portfolio(view(1));
    expectSendable(card);
    const donut = nodes(card.content).find((node) => node.type === 'Chart.Donut');
    expect(donut?.data).toEqual([{ legend: 'Big bets', value: 25 }]);
    expect(donut?.fallback).toMatchObject({ type: 'TextBlock' });
    const text = cardText(card.content);
    expect(text).toContain('Big bets (high value, low feasibility): ');
    expect(text).toContain('Idea number 0; Idea number 1; Idea number 2; and 22 more');
    expect(text).toContain('3 or more counts as high');
    expect(text).toContain('Groups 1–10 of 25.');
    expect(text).toContain('4 more ideas, each from fewer than 5 people, whose words were not shared.');
    expect(text).toContain('3 smaller groups not listed (9 people).');
    expect(text).toContain('⚑ People recommend different approaches');
    expect(JSON.stringify(card.content)).toContain(labels.metric(`${goal.value}>${goal.metrics[0].value}`));
    expect(submitsOf(card).filter((action) => action.title === 'Edit')).toHaveLength(PAGE_SIZE);
    expect(submitsOf(card).find((action) => action.title === 'Next page')?.data).toEqual({
      sg: 'leader',
      action: 'portfolio',
      page: 2,
    });
  });

  it('pages through the rest without the matrix, and has no Next on the last page', () => {
    const second = renderer.portfolio(view(2));
    expectSendable(second);
    expect(cardText(second.content)).toContain('Groups 11–20 of 25.');
    expect(JSON.stringify(second.content)).not.toContain('Chart.Donut');
    const last = renderer.portfolio(view(99));
    expect(cardText(last.content)).toContain('Groups 21–25 of 25.');
    expect(submitsOf(last).some((action) => action.title === 'Next page')).toBe(false);
  });

  it('offers no Edit button where editing is not allowed (a team channel)', () => {
    expect(submitsOf(renderer.portfolio(view(1, false))).some((action) => action.title === 'Edit')).toBe(false);
  });

  it('says there is nothing to show yet, validly, with no groups at all', () => {
    const empty = renderer.portfolio(
      portfolioView(
        { ...figures([]), people: null, folded: 0, rest: { groups: 0, people: null }, approaches: [] },
        labels,
        {
          title: 'Use-case portfolio',
          page: 1,
          canEdit: true,
        },
      ),
    );
    expectSendable(empty);
    expect(cardText(empty.content)).toContain('No group of ideas to show yet.');
  });

  it('stays valid and under 80 KB with the heaviest labels in every place they can be', () => {
    const worst = figures(
      Array.from({ length: 25 }, (_, i) =>
        group(i, heavy(400), { wordings: Array.from({ length: 80 }, (_, j) => ({ key: `w${j}`, title: heavy(300) })) }),
      ),
    );
    const page: PortfolioView = {
      ...portfolioView(worst, labels, { title: heavy(300), teamName: heavy(300), page: 1, canEdit: true }),
      intro: [heavy(500), heavy(500)],
    };
    expectSendable(renderer.portfolio(page));
    const edit = renderer.portfolioEdit(portfolioEditView(worst, worst.groups[0], decision, heavy(500)));
    expectSendable(edit);
  });

  it('shows people’s words only as text runs and choice titles, never as markup', () => {
    const evil = '«label» ${$root.title} [click](http://evil.example) <at>Boss</at>';
    const card = renderer.portfolio(
      portfolioView(figures([group(0, evil)]), labels, { title: 'P', page: 1, canEdit: true }),
    );
    const json = JSON.stringify(card.content);
    expect(json).not.toMatch(/<at>|[<>]/);
    expect(json).toContain('${$root.title}');
    const places = nodes(card.content)
      .filter((node) => Object.values(node).some((value) => typeof value === 'string' && value.includes('«label»')))
      .map((node) => String(node.type));
    expect(places.length).toBeGreaterThan(0);
    expect(new Set(places)).toEqual(new Set(['TextRun']));
    const edit = renderer.portfolioEdit(
      portfolioEditView(figures([group(0, evil), group(1, 'Other')]), group(0, evil), decision),
    );
    expect(validateCard(edit.content)).toEqual([]);
    expect(JSON.stringify(edit.content)).not.toMatch(/<at>|[<>]/);
  });
});

describe('portfolio edit card', () => {
  const decided = { answers: { users: 'process', 'own-data': 'systems' }, approach: 'copilot-studio' };
  const all = figures([
    group(0, 'Invoice matching', { status: 'shortlisted', decision: decided }),
    group(1, 'Contract checker', { decision: null }),
  ]);
  const card = renderer.portfolioEdit(portfolioEditView(all, all.groups[0], decision));

  it('has rename, status (current one chosen), merge into another group and split a wording out', () => {
    expectSendable(card);
    const input = (id: string) => nodes(card.content).find((node) => node.id === id);
    expect(input('portfolio.rename')).toMatchObject({ type: 'Input.Text', maxLength: 80 });
    expect(input('portfolio.status')).toMatchObject({ value: 'shortlisted' });
    expect((input('portfolio.status')?.choices as { value: string }[]).map((choice) => choice.value)).toEqual([
      'idea',
      'shortlisted',
      'piloting',
      'live',
      'dropped',
    ]);
    expect(input('portfolio.merge')?.choices).toEqual([{ title: 'Contract checker', value: 'key-1' }]);
    expect(input('portfolio.split')?.choices).toEqual([
      { title: 'Invoice matching (a)', value: 'w-0-a' },
      { title: 'Invoice matching (b)', value: 'w-0-b' },
    ]);
    expect(submitsOf(card).map((action) => action.data)).toEqual([
      { sg: 'leader', action: 'portfolio-save', group: 'key-0' },
      { sg: 'leader', action: 'portfolio', page: 1 },
    ]);
  });

  it('asks the pack’s build questions, with leaders’ last answers chosen and the approach they gave', () => {
    const asked = nodes(card.content).filter((node) => String(node.id ?? '').startsWith('portfolio.decide.'));
    expect(asked.map((node) => node.id)).toEqual(
      decision.questions.map((question) => `portfolio.decide.${question.id}`),
    );
    expect(asked.map((node) => node.value)).toEqual(['process', 'systems', '', '', '']);
    expect((asked[0].choices as { value: string }[]).map((choice) => choice.value)).toEqual(['individual', 'process']);
    expect(cardText(card.content)).toContain(
      `Current decision: ${labels.approach('copilot-studio')} — ${labels.why('copilot-studio')}`,
    );
    const undecided = renderer.portfolioEdit(portfolioEditView(all, all.groups[1], decision));
    expect(cardText(undecided.content)).not.toContain('Current decision');
    const noQuestions = renderer.portfolioEdit(portfolioEditView(all, all.groups[1], { questions: [], labels }));
    expect(cardText(noQuestions.content)).not.toContain('How to build it');
    expect(validateCard(noQuestions.content)).toEqual([]);
  });

  it('keeps the buttons: save and back', () => {
    expect(submitsOf(card).map((action) => action.data)).toEqual([
      { sg: 'leader', action: 'portfolio-save', group: 'key-0' },
      { sg: 'leader', action: 'portfolio', page: 1 },
    ]);
  });
});

describe('leader card with the matrix', () => {
  it('shows the quadrants as a chart with a fallback and as text, and stays valid', () => {
    const summary = organisationSummary(index, new Map(), DEFAULT_THRESHOLDS);
    const matrix = matrixView(figures([group(0, 'Invoice matching', { quadrant: 'quick-win' }), group(1, 'Chatbot')]));
    const card = renderer.leaderSummary(
      leaderSummaryView(summary, { title: 'Our AI ambition & success metrics', canExport: true, matrix }),
    );
    expectSendable(card);
    const text = cardText(card.content);
    expect(text).toContain('Use cases by value and feasibility');
    expect(text).toContain('Quick wins (high value, high feasibility): ');
    expect(text).toContain('Invoice matching');
    const donut = nodes(card.content).find((node) => node.type === 'Chart.Donut');
    expect(donut?.data).toEqual([
      { legend: 'Quick wins', value: 1 },
      { legend: 'Big bets', value: 1 },
    ]);
    const without = renderer.leaderSummary(leaderSummaryView(summary, { title: 'T', canExport: false }));
    expect(JSON.stringify(without.content)).not.toContain('Chart.Donut');
    expect(cardText(without.content)).not.toContain('Use cases by value and feasibility');
  });
});
