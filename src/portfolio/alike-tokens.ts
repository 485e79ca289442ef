/** The shortest word a typo is forgiven in: shorter ones ("test", "text") differ by one letter and mean other things. */
const TYPO_MIN_LENGTH = 5;
/** From this length on, two typos are forgiven. */
const TWO_TYPOS_MIN_LENGTH = 8;
/** Two forms of one word share a start this long ("summary", "summaris")… */
const SHARED_START_MIN = 5;
/** …covering this share of the longer one ("predict", "predictiv"; not "product", "productivity"). */
const SHARED_START_SHARE = 0.75;

const HAS_DIGIT = /\p{N}/u;
const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * Whether two different tokens are the same word: a typo (at most one edit, two in long words; swapping neighbours is
 * one edit) or another form of it (a long shared start). Tokens with digits match only themselves.
 */
export function tokensAlike(a: string, b: string): boolean {
  if (a === b) return true;
  if (HAS_DIGIT.test(a) || HAS_DIGIT.test(b)) return false;
  const left = Array.from(a);
  const right = Array.from(b);
  const shorter = Math.min(left.length, right.length);
  const longer = Math.max(left.length, right.length);
  let shared = 0;
  while (shared < shorter && left[shared] === right[shared]) shared += 1;
  if (shared >= SHARED_START_MIN && shared >= SHARED_START_SHARE * longer) return true;
  if (shorter < TYPO_MIN_LENGTH) return false;
  return editDistanceAtMost(left, right, shorter >= TWO_TYPOS_MIN_LENGTH ? 2 : 1);
}

/** Optimal-string-alignment distance (insert, delete, substitute, swap neighbours) ≤ limit, stopping early. */
export function editDistanceAtMost(a: readonly string[], b: readonly string[], limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, beforePrevious[j - 2] + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return false;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] <= limit;
}

/** The token with up to `depth` letters left out, each variant once (the token itself included). */
function deletions(token: string, depth: number): string[] {
  // Plain string slicing, unless a letter takes two UTF-16 units (then letter by letter).
  const astral = ASTRAL.test(token);
  const without = (word: string, at: number) => {
    if (!astral) return word.slice(0, at) + word.slice(at + 1);
    const letters = Array.from(word);
    letters.splice(at, 1);
    return letters.join('');
  };
  const found = new Set([token]);
  let frontier = [token];
  for (let level = 0; level < depth; level += 1) {
    const next: string[] = [];
    for (const word of frontier) {
      const length = astral ? Array.from(word).length : word.length;
      for (let at = 0; at < length; at += 1) {
        const shorter = without(word, at);
        if (found.has(shorter)) continue;
        found.add(shorter);
        next.push(shorter);
      }
    }
    frontier = next;
  }
  return [...found];
}

/**
 * For each token of a vocabulary, the other tokens of it that are alike (see tokensAlike). Candidates come from
 * shared buckets, never from comparing every pair: typos share a variant with letters left out (the symmetric-deletion
 * method), other forms share their first five letters. Tokens with nothing alike are left out of the map.
 */
export function alikeTokens(vocabulary: Iterable<string>): Map<string, string[]> {
  // A bucket holds one token as a plain string until a second one arrives: most buckets never get one.
  const buckets = new Map<string, string | string[]>();
  const alike = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    const set = alike.get(from);
    if (set) set.add(to);
    else alike.set(from, new Set([to]));
  };
  for (const token of new Set(vocabulary)) {
    if (HAS_DIGIT.test(token)) continue;
    const length = Array.from(token).length;
    const compared = new Set<string>();
    const meet = (bucket: string) => {
      const held = buckets.get(bucket);
      if (held === undefined) {
        buckets.set(bucket, token);
        return;
      }
      for (const other of typeof held === 'string' ? [held] : held) {
        if (compared.has(other)) continue;
        compared.add(other);
        if (!tokensAlike(token, other)) continue;
        link(token, other);
        link(other, token);
      }
      if (typeof held === 'string') buckets.set(bucket, [held, token]);
      else held.push(token);
    };
    // Tokens never hold a space, so a start bucket never meets a variant bucket.
    if (length >= SHARED_START_MIN) meet(` ${Array.from(token).slice(0, SHARED_START_MIN).join('')}`);
    if (length < TYPO_MIN_LENGTH) continue;
    for (const variant of deletions(token, length >= TWO_TYPOS_MIN_LENGTH ? 2 : 1)) meet(variant);
  }
  return new Map([...alike].map(([token, others]) => [token, [...others].sort()]));
}
