import { recomputeQuotes } from '../../src/aggregation/quotes';
import { THEMES } from '../../src/aggregation/themes';
import { recomputeCounters, type RawAnswer } from '../../src/aggregation/recompute';
import { CardRenderer } from '../../src/cards/card-renderer';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { nextStepsLinks } from '../../src/content/next-steps';
import { leaderSummaryView } from '../../src/leadership/leader-summary-view';
import { organisationSummary } from '../../src/leadership/organisation-summary';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { cardText, submitData } from '../support/bot-harness';
import { hasButton } from '../support/card-driver';
import { unboundPlaceholders, validateCard } from '../cards/validate-card';

const index = new ContentIndex(loadContentPack());
const renderer = new CardRenderer();
const goals = index.pack.goals;

/** 1,000 people, each with distinct free text in every statement, metric baseline and target, and every rating. */
function crowd(): RawAnswer[] {
  const answers: RawAnswer[] = [];
  for (let i = 0; i < 1000; i++) {
    const userId = `user-${i}`;
    const role = i % 7 === 0 ? 'leader' : 'employee';
    const goal = goals[i % goals.length];
    const add = (questionId: string, value: RawAnswer['value']) => answers.push({ userId, questionId, role, value });
    for (const { question } of index.allQuestions())
      if (question.kind === 'rating')
        add(question.id, { kind: 'rating', value: i % 6 === 5 ? null : role === 'leader' ? 5 : (i % 4) + 1 });
    const words = ['customers', 'routine paperwork', 'forecasting', 'jobs', 'meeting notes', 'zebra'];
    add('am-want', {
      kind: 'rows',
      rows: [{ rowId: 'a', statement: `Help with ${words[i % words.length]} <at>Person ${i}</at> unique-${i}` }],
    });
    add('am-do-not-want', {
      kind: 'rows',
      rows: [{ rowId: 'b', statement: `Never ${words[(i + 3) % 6]} secret-${i}` }],
    });
    const wrote = ['new products for each market', 'less workload and stress', 'faster customer support', 'zebra'];
    add('bi-innovation-areas', { kind: 'text', text: `${wrote[i % 4]} with <at>Person ${i}</at> n${i}` });
    add('bi-employee-changes', { kind: 'text', text: `${wrote[(i + 1) % 4]} said Dana Smith, ref ${i}` });
    add('bi-customer-changes', { kind: 'text', text: `${wrote[(i + 2) % 4]} for them n${i}` });
    add('ba-awareness-initiatives', { kind: 'multi', values: i % 3 === 0 ? ['training', 'hackathons'] : ['training'] });
    add('bi-change-channels', { kind: 'single', value: i % 10 === 0 ? 'ad-hoc' : 'two-way' });
    add('sm-metrics', {
      kind: 'rows',
      rows: [
        {
          rowId: 'm',
          goal: goal.value,
          metric: goal.metrics[i % goal.metrics.length].value,
          baseline: `${i} units (note ${i})`,
          target: `${i * 2} units`,
          'time-frame': '6-months',
        },
      ],
    });
  }
  return answers;
}

describe('leadership summary card', () => {
  const answers = crowd();
  const quotes = recomputeQuotes((id) => index.find(id)?.question, answers);
  const summary = organisationSummary(index, recomputeCounters(index, answers), DEFAULT_THRESHOLDS, quotes);
  const card = renderer.leaderSummary(
    leaderSummaryView(summary, { title: 'Our AI ambition & success metrics', canExport: true }),
  );

  it('is a valid 1.5 card under 80 KB with every placeholder bound, with 1,000 distinct free-text answers', () => {
    expect(validateCard(card.content)).toEqual([]);
    expect(unboundPlaceholders(card.content)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card.content))).toBeLessThan(80_000);
  });

  it("the digest's action plans line (counts per team) keeps it valid and under 80 KB", () => {
    const line = `Actions: ${'Sales 😀 2 open, 1 done · '.repeat(40)}`;
    const digest = renderer.leaderSummary({
      ...leaderSummaryView(summary, { title: 'Your weekly AI strategy digest', canExport: true }),
      actionPlans: line,
    }).content;
    expect(validateCard(digest)).toEqual([]);
    expect(cardText(digest)).toContain('Actions: Sales 😀 2 open, 1 done');
    expect(Buffer.byteLength(JSON.stringify(digest))).toBeLessThan(80_000);
  });

  it('offers Plan an action under the recommendations only with a plan scope and recommendations to plan from', () => {
    const view = leaderSummaryView(summary, { title: 'Our AI ambition & success metrics', canExport: true });
    expect(view.recommendations.length).toBeGreaterThan(0);
    expect(hasButton(card.content, 'Plan an action')).toBe(false);
    for (const planScope of ['team', 'organisation'] as const) {
      const planned = renderer.leaderSummary({ ...view, planScope }).content;
      expect(validateCard(planned)).toEqual([]);
      expect(submitData(planned as Record<string, unknown>, 'Plan an action')).toEqual({
        sg: 'pulse',
        action: 'summary-plan',
        scope: planScope,
      });
      expect(Buffer.byteLength(JSON.stringify(planned))).toBeLessThan(80_000);
    }
    const nothingToPlan = renderer.leaderSummary({ ...view, recommendations: [], planScope: 'organisation' }).content;
    expect(hasButton(nothingToPlan, 'Plan an action')).toBe(false);
  });

  it('shows themes, goals with metrics and spreads, readiness with a chart, gaps and recommendations', () => {
    const text = `${cardText(card.content)}\n${JSON.stringify(card.content)}`;
    expect(text).toContain('1000 people have answered');
    expect(text).toContain('Customers and service');
    expect(text).toContain('Jobs and roles');
    expect(text).toMatch(/baseline \d[\d,]*–\d[\d,]*/);
    expect(text).toContain('Where leaders and employees differ most');
    expect(text).toMatch(/leaders 5\.0, employees 2\.\d \(\+2\.\d\)/);
    expect(JSON.stringify(card.content)).toContain('Chart.HorizontalBar');
    for (const goal of goals) expect(text).toContain(goal.label);
    // Readiness per consideration under its section: a line for each, and figures where enough people rated.
    const considerations = index.sections.flatMap((section) =>
      section.considerations.length > 1 ? section.considerations : [],
    );
    const line = (title: string, figure: string) => new RegExp(`${title.replace(/[()]/g, '.')}: ${figure} · `);
    for (const { title } of considerations) expect(text).toMatch(line(title, '(\\d\\.\\d|–)'));
    expect(considerations.filter(({ title }) => line(title, '\\d\\.\\d').test(text)).length).toBeGreaterThan(0);
  });

  it('quotes at most two statements per theme, with names and mentions removed, and no baselines or targets', () => {
    const json = JSON.stringify(card.content);
    const quoted = json.match(/“[^”]*”/g) ?? [];
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.length).toBeLessThanOrEqual(2 * 5 * (THEMES.length + 1));
    expect(quoted.join(' ')).toMatch(/\[name\]/);
    expect(json).not.toMatch(/Person \d|<at>|note \d|units/);
  });

  it('shows what people wrote to each free-text question as themes with scrubbed examples, and option counts', () => {
    const text = cardText(card.content);
    for (const { title } of [...(index.pack.summary.themes ?? []), ...(index.pack.summary.counts ?? [])])
      expect(text).toContain(title);
    expect(text).toMatch(/New products, offers and markets\s*· 250 people/);
    expect(text).toMatch(/Workload and wellbeing\s*· 250 people/);
    expect(summary.written.map((register) => register.themes.length)).toEqual([4, 4, 4]);
    const examples = summary.written.flatMap((register) => register.themes.flatMap((theme) => theme.quotes));
    expect(examples.length).toBe(3 * 4 * 2);
    for (const example of examples) expect(example).not.toMatch(/Person|Dana|Smith|<at>/);
    const json = JSON.stringify(card.content);
    expect(json).toContain('{"title":"Training programmes","value":"1000 people"}');
    expect(json).toContain('{"title":"Hackathons or innovation days","value":"334 people"}');
    expect(json).toContain('"value":"900 people"');
    expect(json).toContain('"value":"100 people"');
  });

  it('fits quotes of 2,000 heavy characters in every theme of every register under 80 KB, with the matrix', () => {
    const heavy = '😀界"\\é '.repeat(400);
    const themes = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ label: `Theme ${i}`, detail: '99 people', quotes: [heavy, heavy] }));
    const view = leaderSummaryView(summary, { title: 'Worst case', canExport: true });
    const worst = renderer.leaderSummary({
      ...view,
      matrix: {
        chart: [{ legend: 'Quick wins', value: 200 }],
        quadrants: Array.from({ length: 4 }, () => ({ title: 'Quick wins', detail: heavy })),
        note: heavy,
      },
      want: themes(15),
      doNotWant: themes(15),
      written: view.written.map((register) => ({ ...register, lines: themes(15) })),
    });
    expect(validateCard(worst.content)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(worst.content))).toBeLessThan(80_000);
    expect(JSON.stringify(worst.content).match(/“/g)?.length).toBe(5 * 15 * 2);
  });

  it('links to every next step the content pack names (the CAF strategy and plan, the readiness assessment)', () => {
    const view = leaderSummaryView(organisationSummary(index, new Map(), DEFAULT_THRESHOLDS), {
      title: 'Summary',
      canExport: false,
    });
    const json = (content: unknown) => JSON.stringify(content);
    const card = renderer.leaderSummary(view).content;
    expect(validateCard(card)).toEqual([]);
    const links = nextStepsLinks(index.pack.summary);
    expect(links.map((link) => link.url)).toEqual([
      'https://learn.microsoft.com/azure/cloud-adoption-framework/ai/strategy',
      'https://learn.microsoft.com/azure/cloud-adoption-framework/ai/plan',
      'https://learn.microsoft.com/assessments/94f1c697-9ba7-4d47-ad83-7c6bd94b1505/',
    ]);
    for (const { title, url } of links)
      expect(json(card)).toContain(`"type":"Action.OpenUrl","title":"${title}","url":"${url}"`);
    expect(json(renderer.leaderSummary({ ...view, nextSteps: undefined }).content)).not.toContain('Action.OpenUrl');
  });

  it('says there is nothing to show yet, validly, when nobody has answered', () => {
    const empty = renderer.leaderSummary(
      leaderSummaryView(organisationSummary(index, new Map(), DEFAULT_THRESHOLDS), {
        title: 'Team summary',
        canExport: false,
      }),
    );
    expect(validateCard(empty.content)).toEqual([]);
    expect(unboundPlaceholders(empty.content)).toEqual([]);
    expect(cardText(empty.content)).toContain('Fewer than 5 people have answered so far');
    expect(JSON.stringify(empty.content)).not.toContain('Action.Submit');
  });
});
