import { recomputeQuotes } from '../../src/aggregation/quotes';
import { recomputeCounters, type RawAnswer } from '../../src/aggregation/recompute';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue, RowValue } from '../../src/domain/answers';
import type { Role } from '../../src/domain/roles';
import { organisationSummary } from '../../src/leadership/organisation-summary';
import { exportRows, type ExportRow } from '../../src/leadership/summary-export';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';

/**
 * No single summary shows a group below the threshold, directly or by subtraction: small cells are merged or left
 * out, and whenever a part of a total is left out, enough is left out that the rest cannot be worked out.
 */
const K = DEFAULT_THRESHOLDS.group;
const index = new ContentIndex(loadContentPack());
const allQuestions = index.allQuestions().map(({ question }) => question);

interface Person {
  role?: Role;
  /** Every rating question of these sections gets this rating (null: "don't know"). */
  ratings?: { sections: string[]; value: number | null };
  want?: string;
  /** An answer to the free-text question on where AI could drive innovation. */
  innovation?: string;
  awareness?: string[];
  metric?: RowValue;
  everything?: boolean;
}

function answersOf(people: Person[]): RawAnswer[] {
  return people.flatMap((person, i) => {
    const userId = `person-${i}`;
    const role = person.role ?? 'employee';
    const answers = new Map<string, AnswerValue>();
    if (person.ratings)
      for (const sectionId of person.ratings.sections)
        for (const { question } of index.questionsOf(sectionId))
          if (question.kind === 'rating') answers.set(question.id, { kind: 'rating', value: person.ratings.value });
    if (person.want) answers.set('am-want', { kind: 'rows', rows: [{ rowId: 'r', statement: person.want }] });
    if (person.innovation) answers.set('bi-innovation-areas', { kind: 'text', text: person.innovation });
    if (person.awareness) answers.set('ba-awareness-initiatives', { kind: 'multi', values: person.awareness });
    if (person.metric) answers.set('sm-metrics', { kind: 'rows', rows: [person.metric] });
    if (person.everything)
      for (const question of allQuestions)
        if (!answers.has(question.id))
          answers.set(
            question.id,
            question.kind === 'rating' ? { kind: 'rating', value: 3 } : { kind: 'text', text: 'x' },
          );
    return [...answers].map(([questionId, value]) => ({ userId, questionId, role, value }));
  });
}

function rowsOf(people: Person[]): ExportRow[] {
  const answers = answersOf(people);
  const quotes = recomputeQuotes((id) => index.find(id)?.question, answers);
  return exportRows(organisationSummary(index, recomputeCounters(index, answers), DEFAULT_THRESHOLDS, quotes));
}

const times = (count: number, person: Person): Person[] => Array.from({ length: count }, () => person);
const metricRow = (metric: string, baseline = '3', target = '4'): RowValue => ({
  rowId: 'm',
  goal: 'revenue',
  metric,
  baseline,
  target,
  'time-frame': '6-months',
});

/** Figures that count people or ratings must be 0 or at least the threshold. */
function smallCounts(rows: ExportRow[]): ExportRow[] {
  return rows.filter(
    (row) =>
      typeof row.value === 'number' &&
      /^(count|people|rated|don't know|statements|rows)/.test(row.figure) &&
      row.value > 0 &&
      row.value < K,
  );
}

describe('small cells', () => {
  it('never shows a rating or a "don\'t know" that fewer than the threshold of people gave', () => {
    const rows = rowsOf([
      ...times(9, { ratings: { sections: ['ambition', 'business-impact'], value: 4 } }),
      { ratings: { sections: ['ambition', 'business-impact'], value: 1 } },
      { ratings: { sections: ['ambition'], value: null } },
    ]);
    expect(smallCounts(rows)).toEqual([]);
    // Business impact has several rating questions: one person's 1s there add up to more than the threshold, but
    // they are still one person, so rating 1 never stands alone.
    expect(rows.filter((row) => row.part === 'readiness' && row.figure === 'rated 1')).toEqual([]);
    expect(rows.filter((row) => row.part === 'readiness' && /^rated /.test(row.figure)).length).toBeGreaterThan(0);
  });

  it('shows leaders and employees both or neither, so neither is people minus the other', () => {
    for (const [leaders, employees] of [
      [3, 7],
      [7, 3],
    ]) {
      const rows = rowsOf([
        ...times(leaders, { role: 'leader', ratings: { sections: ['ambition'], value: 3 } }),
        ...times(employees, { ratings: { sections: ['ambition'], value: 3 } }),
      ]);
      expect(rows.find((row) => row.key === 'people')?.value).toBe(10);
      expect(rows.filter((row) => row.key === 'leaders' || row.key === 'employees')).toEqual([]);
    }
  });

  it('shows the share who finished only when both the finished and the unfinished are enough people', () => {
    const some = { ratings: { sections: ['ambition'], value: 3 } };
    const completion = (finished: number, unfinished: number) =>
      rowsOf([...times(finished, { everything: true }), ...times(unfinished, some)]).find(
        (row) => row.key === 'completion',
      );
    expect(completion(2, 10)).toBeUndefined();
    expect(completion(10, 2)).toBeUndefined();
    expect(completion(6, 6)?.value).toBe(0.5);
    expect(completion(6, 0)?.value).toBe(1);
  });

  it('leaves out a theme too when the people left over would be a group below the threshold', () => {
    const rows = rowsOf([
      ...times(5, { want: 'Automate routine paperwork' }),
      ...times(2, { want: 'Answer customer questions faster' }),
    ]);
    expect(rows.filter((row) => row.part === 'want' && row.key !== 'respondents')).toEqual([]);
    const enough = rowsOf([
      ...times(5, { want: 'Automate routine paperwork' }),
      ...times(5, { want: 'Answer customer questions faster' }),
      ...times(2, { want: 'Something else entirely' }),
    ]);
    // Two themes of five and two others: one theme is left out as well, so the rest is seven, not two.
    expect(enough.filter((row) => row.part === 'want' && row.figure === 'people')).toHaveLength(1);
    expect(enough.some((row) => row.figure === 'statements')).toBe(false);
  });

  it('treats what people wrote like the ambition: small themes left out, examples only from the comment threshold', () => {
    const part = 'written:bi-innovation-areas';
    const small = rowsOf([
      ...times(9, { innovation: 'Tailored product offers' }),
      ...times(2, { innovation: 'zebra' }),
    ]);
    // The nine are shown only if the two left over are not; they are, so neither is shown.
    expect(small.filter((row) => row.part === part && row.figure === 'people')).toEqual([]);
    const nine = rowsOf(times(9, { innovation: 'Tailored product offers' }));
    expect(nine.find((row) => row.part === part && row.figure === 'people')?.value).toBe(9);
    expect(nine.some((row) => row.part === part && row.figure.startsWith('example'))).toBe(false);
    const twelve = rowsOf(times(12, { innovation: 'Tailored product offers, said Jane Doe' }));
    const examples = twelve.filter((row) => row.part === part && row.figure.startsWith('example'));
    expect(examples.map((row) => row.value)).toEqual(expect.arrayContaining(['Tailored product offers, said [name]']));
    expect(examples.length).toBeLessThanOrEqual(2);
    expect(smallCounts(twelve)).toEqual([]);
  });

  it('counts a multiple-choice option only when those who chose it and those who did not are none or enough', () => {
    const rows = rowsOf([
      ...times(7, { awareness: ['training', 'hackathons'] }),
      ...times(3, { awareness: ['training'] }),
    ]);
    const counted = rows.filter((row) => row.part === 'counts:ba-awareness-initiatives' && row.figure === 'people');
    // Hackathons: 7 chose it, 3 did not — the three would be a small group, so it is left out.
    expect(counted.map((row) => [row.key, row.value])).toEqual([['training', 10]]);
    expect(smallCounts(rows)).toEqual([]);
  });

  it('shows how many answered a question only when those who did not are none or enough', () => {
    const rows = rowsOf([
      ...times(10, { want: 'Automate routine paperwork' }),
      ...times(2, { ratings: { sections: ['ambition'], value: 3 } }),
    ]);
    expect(rows.find((row) => row.key === 'people')?.value).toBe(12);
    expect(rows.find((row) => row.part === 'want' && row.key === 'respondents')).toBeUndefined();
  });

  it("leaves out a metric too when the goal's other people would be a group below the threshold", () => {
    const rows = rowsOf([
      ...times(5, { metric: metricRow('conversion-rate') }),
      ...times(2, { metric: metricRow('revenue-per-user') }),
    ]);
    expect(rows.find((row) => row.part === 'goal')?.value).toBe(7);
    expect(rows.filter((row) => row.part === 'metric')).toEqual([]);
  });

  it('widens a spread so each of its ends is shared by at least the threshold of numbers', () => {
    const rows = rowsOf([
      ...times(5, { metric: metricRow('conversion-rate', '3', '3') }),
      { metric: metricRow('conversion-rate', '15', '15') },
      { metric: metricRow('conversion-rate', '700', '700') },
    ]);
    const bound = (figure: string) => rows.find((row) => row.part === 'metric' && row.figure === figure)?.value;
    expect(bound('baseline middle half from')).toBe(2);
    expect(bound('baseline middle half to')).toBe(1000);
    expect(rows.some((row) => row.figure === 'rows')).toBe(false);
  });

  it('rounds every mean to one decimal, as the card shows it', () => {
    const rows = rowsOf([
      ...times(3, { ratings: { sections: ['business-impact'], value: 2 } }),
      ...times(5, { ratings: { sections: ['business-impact'], value: 3 } }),
    ]);
    const means = rows.filter((row) => /mean/.test(row.figure));
    expect(means.length).toBeGreaterThan(0);
    for (const row of means) expect(String(row.value)).toMatch(/^\d+(\.\d)?$/);
  });
});
