import { contributions, counterDelta, total } from '../../src/aggregation/contributions';
import { ContentIndex, loadContentPack } from '../../src/content';
import type { Question } from '../../src/content/types';

const rating: Question = { id: 'r', kind: 'rating', text: 'Rate', scale: 'agreement' };
const multi: Question = {
  id: 'm',
  kind: 'multi',
  text: 'Pick',
  options: [
    { value: 'a', label: 'A' },
    { value: 'b', label: 'B' },
  ],
};
const metrics: Question = {
  id: 'sm',
  kind: 'rows',
  text: 'Metrics',
  rowLabel: 'metric',
  fields: [
    { id: 'goal', kind: 'goal', label: 'Goal', required: true, page: 1 },
    { id: 'metric', kind: 'metric', goalField: 'goal', label: 'Metric', required: true, page: 2 },
    { id: 'value', kind: 'rating', scale: 'agreement', label: 'Value', required: false, page: 1 },
  ],
};

const useCases: Question = {
  id: 'uc',
  kind: 'rows',
  text: 'Use cases',
  rowLabel: 'use case',
  fields: [
    { id: 'title', kind: 'text', long: false, label: 'Use case', required: true, page: 1 },
    { id: 'goal', kind: 'goal', label: 'Goal', required: false, page: 1 },
    { id: 'share', kind: 'consent', label: 'Share', required: false, page: 1, defaultOn: true },
  ],
};

describe('aggregate contributions', () => {
  it('counts a rating under its role, with sum and rated count; "don\'t know" apart; totals add the roles', () => {
    const leader = contributions(rating, { kind: 'rating', value: 4 }, 'leader');
    expect(leader).toEqual({ 'leader:n': 1, 'leader:rating:4': 1, 'leader:rating:sum': 4, 'leader:rating:rated': 1 });
    const employee = contributions(rating, { kind: 'rating', value: null }, 'employee');
    expect(employee).toEqual({ 'employee:n': 1, 'employee:rating:dk': 1 });
    expect(total({ ...leader, ...employee }, 'n')).toBe(2);
  });

  it('moves only what changed when an answer is edited, and takes everything back when it is removed', () => {
    const employee = 'employee' as const;
    expect(
      counterDelta(
        rating,
        { value: { kind: 'rating', value: 2 }, role: employee },
        { value: { kind: 'rating', value: 5 }, role: employee },
      ),
    ).toEqual({
      'employee:rating:2': -1,
      'employee:rating:5': 1,
      'employee:rating:sum': 3,
    });
    const sameMulti = { value: { kind: 'multi', values: ['a'] }, role: employee } as const;
    expect(
      counterDelta(
        multi,
        { ...sameMulti, value: { kind: 'multi', values: ['a'] } },
        { ...sameMulti, value: { kind: 'multi', values: ['a'] } },
      ),
    ).toEqual({});
    const removed = counterDelta(multi, { value: { kind: 'multi', values: ['a', 'b'] }, role: employee }, undefined);
    expect(removed['employee:n']).toBe(-1);
    expect(removed['employee:counts:b']).toBe(-1);
  });

  it('takes an edited answer out of the group it was counted in when the role has changed', () => {
    const delta = counterDelta(
      rating,
      { value: { kind: 'rating', value: 4 }, role: 'leader' },
      { value: { kind: 'rating', value: 5 }, role: 'employee' },
    );
    expect(delta).toEqual({
      'leader:n': -1,
      'leader:rating:4': -1,
      'leader:rating:sum': -4,
      'leader:rating:rated': -1,
      'employee:n': 1,
      'employee:rating:5': 1,
      'employee:rating:sum': 5,
      'employee:rating:rated': 1,
    });
  });

  it('counts metric rows by chosen goal and metric, and the user\'s own words only as "own"', () => {
    const counters = contributions(
      metrics,
      {
        kind: 'rows',
        rows: [
          { rowId: 'r1', goal: 'revenue', metric: 'growth-rate', value: 3 },
          { rowId: 'r2', goal: 'Happier partners', 'goal.own': 1, metric: 'Partner NPS', 'metric.own': 1 },
        ],
      },
      'employee',
    );
    expect(counters['employee:rows']).toBe(2);
    expect(counters['employee:field:goal:revenue']).toBe(1);
    expect(counters['employee:field:goal:own']).toBe(1);
    expect(counters['employee:field:metric:growth-rate']).toBe(1);
    expect(counters['employee:field:value:sum']).toBe(3);
    expect(Object.keys(counters).some((name) => name.includes('Happier'))).toBe(false);
  });

  it('counts each build approach by its recommended approach and its guided answers; a row from before them by the approach chosen then', () => {
    const buildApproach = new ContentIndex(loadContentPack()).find('dr-build-approach')?.question;
    if (buildApproach === undefined) throw new Error('no dr-build-approach');
    const guided = { users: 'process', 'own-data': 'systems', 'custom-model': 'no', skills: 'makers' };
    const counters = contributions(
      buildApproach,
      {
        kind: 'rows',
        rows: [
          { rowId: 'b1', 'use-case': 'u1', ...guided, 'time-to-value': 'weeks', approach: 'copilot-studio' },
          { rowId: 'b2', 'use-case': 'u2', ...guided, 'time-to-value': 'later', approach: 'copilot-studio' },
          { rowId: 'b3', 'use-case': 'u3', approach: 'buy-saas' },
        ],
      },
      'leader',
    );
    expect(counters).toEqual({
      'leader:n': 1,
      'leader:rows': 3,
      'leader:field:approach:copilot-studio': 2,
      'leader:field:approach:buy-saas': 1,
      'leader:field:users:process': 2,
      'leader:field:own-data:systems': 2,
      'leader:field:custom-model:no': 2,
      'leader:field:skills:makers': 2,
      'leader:field:time-to-value:weeks': 1,
      'leader:field:time-to-value:later': 1,
    });
  });

  it('counts use cases by goal and by whether they are shared; a row stored before consent was asked counts as not shared', () => {
    const counters = contributions(
      useCases,
      {
        kind: 'rows',
        rows: [
          { rowId: 'r1', title: 'Draft replies', goal: 'revenue', share: 'yes' },
          { rowId: 'r2', title: 'Triage tickets', goal: 'Fewer night shifts', 'goal.own': 1, share: 'no' },
          { rowId: 'r3', title: 'Summarise calls' },
        ],
      },
      'employee',
    );
    expect(counters['employee:rows']).toBe(3);
    expect(counters['employee:field:goal:revenue']).toBe(1);
    expect(counters['employee:field:goal:own']).toBe(1);
    expect(counters['employee:field:share:yes']).toBe(1);
    expect(counters['employee:field:share:no']).toBe(2);
    expect(Object.keys(counters).filter((name) => name.includes(':share:'))).toEqual([
      'employee:field:share:yes',
      'employee:field:share:no',
    ]);
    // Not metric rows: the titles count by theme, as statements do.
    expect(Object.keys(counters).some((name) => name.startsWith('employee:field:title:theme:'))).toBe(true);
    expect(Object.keys(counters).some((name) => name.startsWith('employee:pair:'))).toBe(false);
  });
});
