import type { AnonymousResponse } from '../../src/domain/pulse-docs';
import { computeResults } from '../../src/pulse/results';
import { checkThreshold, commentThresholdFor, visibility } from '../../src/pulse/thresholds';
import type { PulseQuestion } from '../../src/domain/pulse-docs';

const rating: PulseQuestion = {
  id: 'r',
  kind: 'rating',
  text: 'How ready?',
  labels: ['1', '2', '3', '4', '5'],
  dontKnowLabel: "Don't know",
};
const single: PulseQuestion = {
  id: 's',
  kind: 'single',
  text: 'Which channel?',
  options: [
    { value: 'mail', label: 'Mail' },
    { value: 'townhall', label: 'Town hall' },
  ],
};
const pulse = { title: 'Pulse', questions: [rating, single], threshold: 5, commentThreshold: 10 };

function responses(count: number, comment = 'fine'): AnonymousResponse[] {
  return Array.from({ length: count }, (_, index) => ({
    answers: { r: index === 0 ? 'dk' : String((index % 5) + 1), s: index % 3 === 0 ? 'mail' : 'townhall' },
    comment: `${comment} ${index}`,
  }));
}

describe('pulse thresholds', () => {
  it('defaults to 5, refuses anything below 3 and anything that is not a whole number', () => {
    expect(checkThreshold(undefined)).toEqual({ ok: true, value: 5 });
    expect(checkThreshold('')).toEqual({ ok: true, value: 5 });
    expect(checkThreshold('3')).toEqual({ ok: true, value: 3 });
    expect(checkThreshold(2)).toMatchObject({ ok: false, message: expect.stringContaining("can't be below 3") });
    expect(checkThreshold('4.5').ok).toBe(false);
    expect(checkThreshold('five').ok).toBe(false);
  });

  it('keeps the comment threshold at 10 unless the score threshold is higher', () => {
    expect(commentThresholdFor(5)).toBe(10);
    expect(commentThresholdFor(12)).toBe(12);
  });

  it('shows scores from the threshold on and comments only from the comment threshold on', () => {
    expect(visibility(4, 5, 10)).toEqual({ scores: false, comments: false });
    expect(visibility(5, 5, 10)).toEqual({ scores: true, comments: false });
    expect(visibility(9, 5, 10)).toEqual({ scores: true, comments: false });
    expect(visibility(10, 5, 10)).toEqual({ scores: true, comments: true });
  });
});

describe('pulse results', () => {
  it('4 responses with threshold 5: only the count, no scores and no comments', () => {
    const results = computeResults(pulse, responses(4), 20);
    expect(results).toMatchObject({ responses: 4, reached: 20, responseRate: 0.2, questions: null, comments: null });
  });

  it('5 responses: distribution, mean and favourability per question, comments still hidden', () => {
    const results = computeResults(pulse, responses(5), 10);
    expect(results.comments).toBeNull();
    const [ratingResult, singleResult] = results.questions ?? [];
    // Ratings given: dk, 2, 3, 4, 5.
    expect(ratingResult).toMatchObject({ answered: 4, dontKnow: 1, mean: 3.5, favourable: 0.5 });
    expect(ratingResult.bars.map((bar) => bar.count)).toEqual([0, 1, 1, 1, 1]);
    expect(singleResult).toMatchObject({ answered: 5, mean: null, favourable: null });
    expect(singleResult.bars).toEqual([
      { label: 'Mail', count: 2 },
      { label: 'Town hall', count: 3 },
    ]);
  });

  it('10 responses: comments appear, sorted so their order tells nothing', () => {
    const results = computeResults(pulse, responses(10, 'note'), 10);
    expect(results.comments).toHaveLength(10);
    expect(results.comments).toEqual([...(results.comments ?? [])].sort((a, b) => a.localeCompare(b)));
  });
});
