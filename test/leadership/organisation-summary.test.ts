import { recomputeCounters, type RawAnswer } from '../../src/aggregation/recompute';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue, RowValue } from '../../src/domain/answers';
import type { Role } from '../../src/domain/roles';
import { organisationSummary } from '../../src/leadership/organisation-summary';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/leadership/thresholds';

const index = new ContentIndex(loadContentPack());
const ratingIds = index
  .allQuestions()
  .filter(({ question }) => question.kind === 'rating')
  .map(({ question }) => question.id);
const allIds = index.allQuestions().map(({ question }) => question.id);

interface Person {
  id: string;
  role?: Role;
  rating?: number | null;
  wants?: string[];
  doNotWants?: string[];
  metrics?: RowValue[];
  /** Answer every question (rows with a placeholder row), so the person counts as finished. */
  everything?: boolean;
  /** Answer these questions (as `everything` would). */
  only?: readonly string[];
  /** The path recorded for them (chosen, or with their first answer). */
  path?: string;
}

function answersOf(person: Person): RawAnswer[] {
  const role = person.role ?? 'employee';
  const answers: RawAnswer[] = [];
  const add = (questionId: string, value: AnswerValue) => answers.push({ userId: person.id, questionId, role, value });
  for (const id of ratingIds) if (person.rating !== undefined) add(id, { kind: 'rating', value: person.rating });
  const rows = (texts: string[]): AnswerValue => ({
    kind: 'rows',
    rows: texts.map((statement, i) => ({ rowId: `r${i}`, statement })),
  });
  if (person.wants) add('am-want', rows(person.wants));
  if (person.doNotWants) add('am-do-not-want', rows(person.doNotWants));
  if (person.metrics) add('sm-metrics', { kind: 'rows', rows: person.metrics });
  if (person.everything || person.only) {
    for (const { question } of index.allQuestions()) {
      if (answers.some((answer) => answer.questionId === question.id)) continue;
      if (person.only && !person.only.includes(question.id)) continue;
      if (question.kind === 'text') add(question.id, { kind: 'text', text: 'x' });
      else if (question.kind === 'single') add(question.id, { kind: 'single', value: question.options[0].value });
      else if (question.kind === 'multi') add(question.id, { kind: 'multi', values: [question.options[0].value] });
      else if (question.kind === 'rows') add(question.id, { kind: 'rows', rows: [] });
      else add(question.id, { kind: 'rating', value: 3 });
    }
  }
  return answers;
}

function summaryOf(people: Person[], thresholds: Thresholds = DEFAULT_THRESHOLDS) {
  const paths = new Map(people.flatMap(({ id, path }) => (path === undefined ? [] : [[id, path] as const])));
  return organisationSummary(index, recomputeCounters(index, people.flatMap(answersOf), paths), thresholds);
}

const crowd = (count: number, person: Omit<Person, 'id'>, prefix = 'p'): Person[] =>
  Array.from({ length: count }, (_, i) => ({ ...person, id: `${prefix}${i}` }));

const metricRow = (metric: string, baseline: string, target: string, timeFrame = '6-months'): RowValue => ({
  rowId: 'r1',
  goal: 'revenue',
  metric,
  baseline,
  target,
  'time-frame': timeFrame,
});

describe('organisation summary thresholds', () => {
  it('shows no participation figures below the threshold, and people and completion at it', () => {
    expect(summaryOf(crowd(4, { rating: 3 })).participation.people).toBeNull();
    const at = summaryOf([...crowd(5, { rating: 3 }), ...crowd(5, { everything: true, rating: 4 }, 'f')]);
    expect(at.participation.people).toBe(10);
    expect(at.participation.completionRate).toBeCloseTo(5 / 10);
    expect(at.participation.meanProgress).toBeGreaterThan(0);
  });

  it('never goes below 3 people, even when configured lower', () => {
    expect(summaryOf(crowd(2, { rating: 3 }), { group: 1, comments: 1 }).participation.people).toBeNull();
    expect(summaryOf(crowd(3, { rating: 3 }), { group: 1, comments: 1 }).participation.people).toBe(3);
  });

  it('hides the leader / employee split when one group is below the threshold (both: either is people minus the other)', () => {
    const summary = summaryOf([...crowd(6, { rating: 3 }), ...crowd(2, { rating: 4, role: 'leader' }, 'l')]);
    expect(summary.participation.people).toBe(8);
    expect(summary.participation.employees).toBeNull();
    expect(summary.participation.leaders).toBeNull();
  });

  it('names a theme only when enough people (not statements) mention it', () => {
    const oneVoice = { id: 'loud', wants: Array.from({ length: 8 }, () => 'Answer customer emails faster') };
    const summary = summaryOf([oneVoice, ...crowd(4, { wants: ['Automate routine paperwork'] })]);
    expect(summary.want.respondents).toBe(5);
    expect(summary.want.themes).toEqual([]);
    expect(summary.want.hiddenThemes).toBe(2);
    const enough = summaryOf(crowd(5, { wants: ['Automate routine paperwork', 'Less manual admin'] }));
    expect(enough.want.themes).toEqual([
      { themeId: 'automation', label: 'Automating routine work', people: 5, quotes: [] },
    ]);
  });

  it('shows no ambition register when fewer people than the threshold answered the question', () => {
    const summary = summaryOf(crowd(4, { doNotWants: ['Replace jobs'] }));
    expect(summary.doNotWant.enough).toBe(false);
    expect(summary.doNotWant.respondents).toBeNull();
    expect(summary.doNotWant.themes).toEqual([]);
  });

  it('shows a goal, a metric and a spread only when enough people chose them', () => {
    const few = summaryOf(crowd(4, { metrics: [metricRow('conversion-rate', '2%', '4%')] }));
    expect(few.goals).toEqual([]);
    const mixed = summaryOf([
      ...crowd(5, { metrics: [metricRow('conversion-rate', '2%', '4%')] }),
      ...crowd(5, { metrics: [metricRow('revenue-per-user', '100', '120')] }, 'q'),
      ...crowd(2, { metrics: [metricRow('growth-rate', '1', '2')] }, 'g'),
    ]);
    expect(mixed.goals).toHaveLength(1);
    // Two metrics of five and two others: the rest must not be two, so one of the five is left out too.
    expect(mixed.goals[0]).toMatchObject({ goalId: 'revenue', label: 'Revenue', people: 12, hiddenMetrics: 2 });
    expect(mixed.goals[0].metrics).toEqual([
      {
        metricId: 'conversion-rate',
        label: 'Conversion rate',
        people: 5,
        baseline: { low: 2, high: 5, numbers: 5 },
        target: { low: 2, high: 5, numbers: 5 },
        timeFrame: 'Within 6 months',
      },
    ]);
    const noNumbers = summaryOf(crowd(5, { metrics: [metricRow('conversion-rate', 'unknown', 'better')] }));
    expect(noNumbers.goals[0].metrics[0].baseline).toBeNull();
  });

  it('names a metric’s time frame only when enough rows chose it and the rest are none or as many', () => {
    const row = (timeFrame: string) => ({ metrics: [metricRow('conversion-rate', '2%', '4%', timeFrame)] });
    const timeFrameOf = (people: Person[]) => summaryOf(people).goals[0]?.metrics[0]?.timeFrame;
    expect(timeFrameOf([...crowd(5, row('3-months')), ...crowd(5, row('12-months'), 'q')])).toBe('Within 3 months');
    // Six of one and four of another: the four could be worked out from the total, so neither is named.
    expect(timeFrameOf([...crowd(6, row('3-months')), ...crowd(4, row('12-months'), 'q')])).toBeNull();
    expect(timeFrameOf(crowd(5, row('')))).toBeNull();
  });

  it('uses only questions with enough ratings for readiness, and shows none below', () => {
    const few = summaryOf(crowd(4, { rating: 2 }));
    expect(few.readiness.every((section) => section.mean === null && section.bands.length === 0)).toBe(true);
    const enough = summaryOf([...crowd(5, { rating: 2 }), ...crowd(5, { rating: 4 }, 'h')]);
    const business = enough.readiness.find((section) => section.sectionId === 'business-impact');
    expect(business?.mean).toBeCloseTo(3);
    expect(business?.stage).toBe('Implementing');
    const ratedInSection = index
      .questionsOf('business-impact')
      .filter(({ question }) => question.kind === 'rating').length;
    expect(business?.bands).toEqual([
      { from: 1, to: 1, count: 0 },
      { from: 2, to: 2, count: 5 * ratedInSection },
      { from: 3, to: 3, count: 0 },
      { from: 4, to: 4, count: 5 * ratedInSection },
      { from: 5, to: 5, count: 0 },
    ]);
    expect(business?.dontKnow).toBe(0);
    // Per consideration too (SPEC: readiness per consideration), titled as in the pack.
    const pack = index.section('business-impact');
    expect(business?.considerations.map((entry) => entry.title)).toEqual(
      pack?.considerations.map((consideration) => consideration.title),
    );
    for (const entry of business?.considerations ?? []) {
      expect(entry.mean).toBeCloseTo(3);
      expect(entry.stage).toBe('Implementing');
    }
    expect(few.readiness[0].considerations.every((entry) => entry.mean === null)).toBe(true);
  });

  it('compares leaders with employees only when both groups reach the threshold', () => {
    const oneSided = summaryOf([...crowd(5, { rating: 2 }), ...crowd(4, { rating: 5, role: 'leader' }, 'l')]);
    expect(oneSided.gaps).toEqual([]);
    const both = summaryOf([...crowd(5, { rating: 2 }), ...crowd(5, { rating: 5, role: 'leader' }, 'l')]);
    expect(both.gaps).toHaveLength(3);
    expect(both.gaps[0]).toMatchObject({ leaderMean: 5, employeeMean: 2, gap: 3 });
  });

  it('recommends for the weakest considerations only from figures that reach the threshold', () => {
    expect(summaryOf(crowd(4, { rating: 1 })).recommendations).toEqual([]);
    const weak = summaryOf(crowd(5, { rating: 1 }));
    expect(weak.recommendations.length).toBeGreaterThan(0);
    expect(weak.recommendations.length).toBeLessThanOrEqual(3);
    // Each carries the pack's id for it, which names the same text (what a planned action refers to).
    for (const { id, text } of weak.recommendations) expect(index.recommendation(id)).toBe(text);
    expect(index.recommendation('no-such-id')).toBeUndefined();
  });

  it('counts each person once in participation however many questions they answered', () => {
    const summary = summaryOf(crowd(6, { everything: true }));
    expect(summary.participation).toMatchObject({ people: 6, employees: 6, completionRate: 1, meanProgress: 1 });
    expect(allIds.length).toBeGreaterThan(10);
  });
});

describe('participation and comparisons measured against what each person was asked', () => {
  const shortIds = [...index.path('short')!.questionIds];
  const budget = ['lb-budget-mapped', 'lb-budget-anchored'];

  it('counts an employee who answered every question of the short path as finished, a leader with the same answers not', () => {
    const summary = summaryOf([...crowd(5, { only: shortIds }), ...crowd(5, { only: shortIds, role: 'leader' }, 'l')]);
    expect(shortIds.length).toBeLessThanOrEqual(15);
    expect(summary.participation.completionRate).toBeCloseTo(5 / 10);
    // Employees answered all of their path, leaders the short path's share of theirs (the full one).
    expect(summary.participation.meanProgress).toBeCloseTo((5 * 1 + 5 * (shortIds.length / allIds.length)) / 10);
  });

  it('measures someone who chose the full path against all of its questions, whatever their group', () => {
    const summary = summaryOf([
      ...crowd(5, { only: shortIds, path: 'full' }),
      ...crowd(5, { everything: true, path: 'full' }, 'f'),
    ]);
    expect(summary.participation.completionRate).toBeCloseTo(5 / 10);
    expect(summary.participation.meanProgress).toBeCloseTo((5 * (shortIds.length / allIds.length) + 5) / 10);
  });

  it('measures progress on the path half done, not against questions never asked', () => {
    const half = shortIds.slice(0, Math.floor(shortIds.length / 2));
    const summary = summaryOf(crowd(6, { only: half }));
    expect(summary.participation.completionRate).toBe(0);
    expect(summary.participation.meanProgress).toBeCloseTo(half.length / shortIds.length);
  });

  it('compares leaders and employees only on questions both groups were asked and rated', () => {
    const buyIn = index.questionsOf('leadership-buy-in').map(({ question }) => question.id);
    const leaders = crowd(5, { role: 'leader', path: 'full', only: buyIn }, 'l');
    const leaderAnswers = leaders.flatMap(answersOf).map((answer) => ({
      ...answer,
      value: { kind: 'rating' as const, value: budget.includes(answer.questionId) ? 1 : 5 },
    }));
    const employees = crowd(5, { path: 'full', only: buyIn.filter((id) => !budget.includes(id)) });
    const employeeAnswers = employees
      .flatMap(answersOf)
      .map((answer) => ({ ...answer, value: { kind: 'rating' as const, value: 3 } }));
    const summary = organisationSummary(
      index,
      recomputeCounters(index, [...leaderAnswers, ...employeeAnswers]),
      DEFAULT_THRESHOLDS,
    );
    // The leaders' low budget ratings have no employee counterpart, so they stay out of the comparison.
    expect(summary.gaps).toEqual([
      expect.objectContaining({ sectionId: 'leadership-buy-in', leaderMean: 5, employeeMean: 3, gap: 2 }),
    ]);
    const buyInReadiness = summary.readiness.find((section) => section.sectionId === 'leadership-buy-in');
    expect(buyInReadiness?.dontKnow).toBe(0);
  });
});
