import type { Counters } from '../../src/aggregation/contributions';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { choiceRegister } from '../../src/leadership/choice-register';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';

const index = new ContentIndex(loadContentPack());
const single = index.find('bi-change-channels')?.question;
const multi = index.find('ba-awareness-initiatives')?.question;

/** Counters as the aggregates hold them: `n` answers and `counts:<value>` per role. */
function counters(n: number, counts: Record<string, number>): Counters {
  return {
    'employee:n': n,
    ...Object.fromEntries(Object.entries(counts).map(([value, count]) => [`employee:counts:${value}`, count])),
  };
}

describe('option counts on the leadership card', () => {
  it('shows nothing until the threshold of people answered the question', () => {
    const register = choiceRegister(single, counters(4, { 'two-way': 4 }), 40, DEFAULT_THRESHOLDS);
    expect(register).toEqual({ enough: false, respondents: null, options: [], hiddenOptions: 0 });
  });

  it('leaves out a single choice option of a small group, and the next smallest when the rest would give it away', () => {
    const register = choiceRegister(
      single,
      counters(20, { 'two-way': 12, 'ad-hoc': 6, announcements: 2 }),
      40,
      DEFAULT_THRESHOLDS,
    );
    // 12 and 6 shown would leave 2 people (20 − 18): the 6 goes too, and the rest is 8.
    expect(register.options.map((option) => [option.value, option.people])).toEqual([['two-way', 12]]);
    expect(register.hiddenOptions).toBe(2);
  });

  it('shows a multiple choice option only when those who chose it and those who did not are each none or enough', () => {
    const register = choiceRegister(
      multi,
      counters(20, { training: 20, workshops: 17, hackathons: 10, 'communities-of-practice': 3 }),
      40,
      DEFAULT_THRESHOLDS,
    );
    expect(register.options.map((option) => [option.value, option.people])).toEqual([
      ['training', 20],
      ['hackathons', 10],
    ]);
    expect(register.hiddenOptions).toBe(2);
  });

  it('hides the number who answered when those who did not are a small group', () => {
    expect(choiceRegister(multi, counters(20, { training: 20 }), 22, DEFAULT_THRESHOLDS).respondents).toBeNull();
    expect(choiceRegister(multi, counters(20, { training: 20 }), 20, DEFAULT_THRESHOLDS).respondents).toBe(20);
  });

  it('has nothing to count for a question that is not a choice', () => {
    const rating = index.find('bi-industry-impact')?.question;
    expect(choiceRegister(rating, counters(20, {}), 20, DEFAULT_THRESHOLDS).enough).toBe(false);
  });
});
