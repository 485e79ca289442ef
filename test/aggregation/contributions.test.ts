import { contributions, counterDelta } from '../../src/aggregation/contributions';
import type { Question } from '../../src/content/types';

const rating: Question = { id: 'r', kind: 'rating', text: 'Rate', scale: 'agreement' };
const multi: Question = { id: 'm', kind: 'multi', text: 'Pick', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] };
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

describe('aggregate contributions', () => {
  it('counts a rating under all and the role, with sum and rated count; "don\'t know" apart', () => {
    expect(contributions(rating, { kind: 'rating', value: 4 }, 'leader')).toEqual({
      'all:n': 1, 'leader:n': 1, 'all:rating:4': 1, 'leader:rating:4': 1, 'all:rating:sum': 4, 'leader:rating:sum': 4, 'all:rating:rated': 1, 'leader:rating:rated': 1,
    });
    expect(contributions(rating, { kind: 'rating', value: null }, 'employee')).toEqual({ 'all:n': 1, 'employee:n': 1, 'all:rating:dk': 1, 'employee:rating:dk': 1 });
  });

  it('moves only what changed when an answer is edited, and takes everything back when it is removed', () => {
    expect(counterDelta(rating, 'employee', { kind: 'rating', value: 2 }, { kind: 'rating', value: 5 })).toEqual({
      'all:rating:2': -1, 'employee:rating:2': -1, 'all:rating:5': 1, 'employee:rating:5': 1, 'all:rating:sum': 3, 'employee:rating:sum': 3,
    });
    expect(counterDelta(multi, 'employee', { kind: 'multi', values: ['a'] }, { kind: 'multi', values: ['a'] })).toEqual({});
    const removed = counterDelta(multi, 'employee', { kind: 'multi', values: ['a', 'b'] }, undefined);
    expect(removed['all:n']).toBe(-1);
    expect(removed['all:counts:b']).toBe(-1);
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
    expect(counters['all:rows']).toBe(2);
    expect(counters['all:field:goal:revenue']).toBe(1);
    expect(counters['all:field:goal:own']).toBe(1);
    expect(counters['all:field:metric:growth-rate']).toBe(1);
    expect(counters['all:field:value:sum']).toBe(3);
    expect(Object.keys(counters).some((name) => name.includes('Happier'))).toBe(false);
  });
});
