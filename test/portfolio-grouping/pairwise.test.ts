import { pairwiseScores } from '../../scripts/portfolio-grouping/pairwise';

describe('pairwiseScores', () => {
  it('counts the pairs grouped together, labelled together, and both', () => {
    // Groups {a1 a2 b1} {b2}: 3 grouped pairs, of which a1-a2 is labelled alike; labelled pairs a1-a2 and b1-b2.
    const scores = pairwiseScores([
      { group: 'g1', label: 'a' },
      { group: 'g1', label: 'a' },
      { group: 'g1', label: 'b' },
      { group: 'g2', label: 'b' },
    ]);
    expect(scores).toEqual({ precision: 1 / 3, recall: 1 / 2, agreeing: 1, grouped: 3, labelled: 2 });
  });

  it('scores a grouping equal to the labels 1 and 1, and all singletons with recall 0', () => {
    const labels = ['a', 'a', 'a', 'b', 'b', 'c'];
    expect(pairwiseScores(labels.map((label) => ({ group: `g-${label}`, label })))).toMatchObject({
      precision: 1,
      recall: 1,
    });
    expect(pairwiseScores(labels.map((label, at) => ({ group: `g${at}`, label })))).toMatchObject({
      precision: 1,
      recall: 0,
    });
  });
});
