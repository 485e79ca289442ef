import { createHash } from 'node:crypto';
import { byCodeUnits, normaliseTitle } from './normalise-title';
import { NO_CONCEPTS, type ConceptLexicon } from './concept-lexicon';
import { keyTokens, TokenTable } from './token-table';

/** One normalised idea: its key (see normaliseTitle), a title to show, and how many people proposed it. */
export interface Idea {
  key: string;
  title: string;
  weight: number;
}

/** Ideas that say the same thing. The anchor is the member with most weight (tie: fewest words, then smallest key). */
export interface IdeaGroup<T extends Idea = Idea> {
  /** Derived from the anchor key alone, so it stays while the anchor stays. */
  id: string;
  anchorKey: string;
  /** People behind the group: the sum of its members' weights. */
  weight: number;
  /** The anchor first, then by weight (most first), then key. */
  members: T[];
}

/**
 * An idea joins a group when its token similarity to the group's anchor is above this (0 to 1). Above, not at: two
 * two-word titles that share one word ("contract review", "code review") are at exactly 0.5 and stay apart.
 */
export const SIMILARITY_THRESHOLD = 0.5;

/** A short, stable id for the group anchored at `anchorKey`. */
export function groupId(anchorKey: string): string {
  return createHash('sha256').update(anchorKey, 'utf8').digest('hex').slice(0, 12);
}

/**
 * The order that picks anchors: heavier first; between equals, the key with fewer words (the plainest wording of an
 * idea, "contract review" rather than "contracts review against our playbook"), then the smaller key.
 */
export function byWeightThenKey(a: Idea, b: Idea): number {
  return b.weight - a.weight || wordsOf(a.key) - wordsOf(b.key) || byCodeUnits(a.key, b.key);
}

function wordsOf(key: string): number {
  let words = key === '' ? 0 : 1;
  for (let at = key.indexOf(' '); at !== -1; at = key.indexOf(' ', at + 1)) words += 1;
  return words;
}

/** Groups by people behind them (most first), then anchor key. */
export function rankGroups<G extends IdeaGroup<Idea>>(groups: readonly G[]): G[] {
  return [...groups].sort((a, b) => b.weight - a.weight || byCodeUnits(a.anchorKey, b.anchorKey));
}

/** Builds a group from its members: anchor, id and weight follow from them. */
export function groupOf<T extends Idea>(members: readonly T[]): IdeaGroup<T> {
  const sorted = [...members].sort(byWeightThenKey);
  const anchorKey = sorted[0].key;
  const weight = sorted.reduce((sum, member) => sum + member.weight, 0);
  return { id: groupId(anchorKey), anchorKey, weight, members: sorted };
}

/** Titles as people typed them → one idea per key, weighted by how many typed it; the commonest spelling is shown. */
export function ideasFromTitles(titles: Iterable<string>): Idea[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const title of titles) {
    const { key } = normaliseTitle(title);
    if (key === '') continue;
    const spellings = byKey.get(key) ?? new Map<string, number>();
    spellings.set(title.trim(), (spellings.get(title.trim()) ?? 0) + 1);
    byKey.set(key, spellings);
  }
  return [...byKey].map(([key, spellings]) => {
    const ordered = [...spellings].sort(([a, m], [b, n]) => n - m || byCodeUnits(a, b));
    return { key, title: ordered[0][0], weight: ordered.reduce((sum, [, count]) => sum + count, 0) };
  });
}

/**
 * Groups ideas by their terms: the concepts of the lexicon their words name (synonyms and word forms compare equal)
 * and the words it does not know. Ideas are taken in anchor order (byWeightThenKey), so the result does not depend
 * on the order they come in. Each joins the existing group whose anchor it is most similar to when that similarity is
 * above the threshold (on a tie, the older group), or starts a group of its own and anchors it. Similarity is the Dice
 * coefficient of the two keys' terms, 0 for two that name different tasks (see TokenTable): it depends on the two keys
 * and the lexicon alone, so new ideas change a group only by anchoring or joining ahead of its members. Candidates
 * come from an index of anchors by term, probed only with the rarest terms an anchor must share some of to reach the
 * threshold. Keys must be unique. Without a lexicon, ideas compare by their words alone (packLexicon gives a pack's).
 */
export function groupIdeas<T extends Idea>(
  ideas: readonly T[],
  threshold = SIMILARITY_THRESHOLD,
  lexicon: ConceptLexicon = NO_CONCEPTS,
): IdeaGroup<T>[] {
  if (new Set(ideas.map((idea) => idea.key)).size !== ideas.length)
    throw new Error('groupIdeas takes one idea per key: add up the weights of ideas that share a key first');
  const table = new TokenTable(
    ideas.map((idea) => keyTokens(idea.key)),
    lexicon,
  );
  const ordered = ideas
    .map((idea, at) => ({ idea, tokens: table.terms[at] }))
    .sort((a, b) => byWeightThenKey(a.idea, b.idea));

  const anchors: number[][] = [];
  const members: T[][] = [];
  const anchorsByToken: number[][] = Array.from({ length: table.size }, () => []);
  const lastProbedFor = new Int32Array(ideas.length);
  for (const [turn, { idea, tokens }] of ordered.entries()) {
    // An anchor above the threshold shares at least `least` tokens, so one of the rarest (length - least + 1). The
    // margin only ever makes `least` smaller: more probes, never a missed anchor.
    const least = Math.floor((threshold * tokens.length) / (2 - threshold) - 1e-9) + 1;
    const probes = [...tokens]
      .sort((a, b) => table.keysHolding[a] - table.keysHolding[b])
      .slice(0, Math.max(0, tokens.length - least + 1));
    let best = -1;
    let bestSimilarity = threshold;
    for (const token of probes) {
      for (const form of [token, ...table.alike[token]]) {
        for (const group of anchorsByToken[form]) {
          if (lastProbedFor[group] === turn + 1) continue;
          lastProbedFor[group] = turn + 1;
          const value = table.similarity(tokens, anchors[group]);
          if (value > bestSimilarity || (value === bestSimilarity && best !== -1 && group < best)) {
            best = group;
            bestSimilarity = value;
          }
        }
      }
    }
    if (best >= 0) {
      members[best].push(idea);
      continue;
    }
    for (const token of tokens) anchorsByToken[token].push(anchors.length);
    anchors.push(tokens);
    members.push([idea]);
  }
  return rankGroups(members.map((list) => groupOf(list)));
}
