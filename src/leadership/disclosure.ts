/**
 * Small-cell rules shared by every figure of a summary (see docs/anonymity.md): a count is shown only when it is
 * nobody or at least the threshold, and a total's parts are shown only when what is left over is too.
 */

/** A count that may be shown: none (or an inconsistent negative, which says nothing about a group) or at least k. */
export function isSafe(count: number, k: number): boolean {
  return count <= 0 || count >= k;
}

/**
 * The parts of `total` that may be shown: each at least k people, and the rest (total minus the shown parts, which a
 * reader can work out) none or at least k; the smallest shown parts are left out until it is (secondary suppression).
 */
export function shownParts<T>(total: number, parts: readonly T[], countOf: (part: T) => number, k: number): T[] {
  const shown = parts.filter((part) => countOf(part) >= k).sort((a, b) => countOf(b) - countOf(a));
  const rest = () => total - shown.reduce((sum, part) => sum + countOf(part), 0);
  while (shown.length > 0 && !isSafe(rest(), k)) shown.pop();
  return shown;
}

/** Adjacent categories shown as one figure, e.g. ratings 1–2; indexes into the category list. */
export interface Band {
  first: number;
  last: number;
  count: number;
}

/**
 * Merges adjacent categories until every band is safe for every group: `counts[category][group]` (e.g. ratings 1–5
 * of each question of a section, each question one group of people). A band whose count in every group is none or at
 * least k stands for at least k people, however the groups overlap. Deterministic: left to right, and a small last
 * band joins the one before it.
 */
export function mergeSmallCategories(counts: readonly (readonly number[])[], k: number): Band[] {
  const groups = Math.max(0, ...counts.map((column) => column.length));
  const sums = (first: number, last: number) =>
    Array.from({ length: groups }, (_, group) =>
      counts.slice(first, last + 1).reduce((sum, column) => sum + (column[group] ?? 0), 0),
    );
  const safe = (first: number, last: number) => sums(first, last).every((sum) => isSafe(sum, k));
  const ranges: Array<[number, number]> = [];
  let first = 0;
  for (let last = 0; last < counts.length; last++) {
    if (!safe(first, last)) continue;
    ranges.push([first, last]);
    first = last + 1;
  }
  if (first < counts.length) ranges.push([first, counts.length - 1]);
  while (ranges.length > 1 && !safe(...ranges[ranges.length - 1])) {
    const [, last] = ranges.pop() as [number, number];
    ranges[ranges.length - 1][1] = last;
  }
  return ranges.map(([from, to]) => ({
    first: from,
    last: to,
    count: sums(from, to).reduce((sum, value) => sum + value, 0),
  }));
}

/** A mean as every surface shows it: one decimal (more would let a reader solve for the ratings behind it). */
export function roundMean(mean: number): number {
  return Math.round(mean * 10) / 10;
}
