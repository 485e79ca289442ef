/** Pairwise figures of a grouping against labels: over every pair of entries, grouped together vs labelled together. */
export interface PairwiseScores {
  precision: number;
  recall: number;
  /** Pairs both grouped and labelled together. */
  agreeing: number;
  grouped: number;
  labelled: number;
}

const pairs = (count: number) => (count * (count - 1)) / 2;

function countBy(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

const sumOfPairs = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + pairs(n), 0);

/**
 * Precision: of the pairs put in one group, the share labelled alike. Recall: of the pairs labelled alike, the share
 * put in one group. Counted from group × label cells, so no list of pairs is built. With no pairs, a figure is 1.
 */
export function pairwiseScores(entries: readonly { group: string; label: string }[]): PairwiseScores {
  const agreeing = sumOfPairs(countBy(entries.map(({ group, label }) => JSON.stringify([group, label]))));
  const grouped = sumOfPairs(countBy(entries.map(({ group }) => group)));
  const labelled = sumOfPairs(countBy(entries.map(({ label }) => label)));
  return {
    precision: grouped === 0 ? 1 : agreeing / grouped,
    recall: labelled === 0 ? 1 : agreeing / labelled,
    agreeing,
    grouped,
    labelled,
  };
}
