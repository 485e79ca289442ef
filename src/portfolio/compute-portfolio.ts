import { createHash, createHmac } from 'node:crypto';
import { scrubNames } from '../aggregation/quotes';
import type { PortfolioStoredGroup, PortfolioVariant } from '../storage/ports';
import type { ConceptLexicon } from './concept-lexicon';
import { groupIdeas, groupOf, rankGroups, SIMILARITY_THRESHOLD, type Idea } from './group-ideas';
import { titleKey, type IdeaRow } from './idea-rows';
import { normaliseTitle } from './normalise-title';

/** The most groups a stored portfolio keeps (the rest are counted): bounded whatever the number of answers. */
export const PORTFOLIO_GROUPS_KEPT = 200;
/** A group keeps at most this many wordings; the lightest beyond are kept as one, without words (bounded size). */
export const WORDINGS_KEPT = 8;
/** A shown title is cut to this many characters. */
const TITLE_CHARS = 200;

export interface ComputeOptions {
  /** The tenant's key for opaque member keys. */
  salt: string;
  /** What the computation is of (its basis): person keys are salted with it, so they link nothing across computations. */
  basis: string;
  /** The group threshold: person keys are kept only for wordings with fewer people. */
  k: number;
  keep?: number;
  /** The pack's vocabulary of tasks and synonyms (packLexicon); without it, titles compare by their words alone. */
  lexicon?: ConceptLexicon;
}

export interface ComputedPortfolio {
  groups: PortfolioStoredGroup[];
  rest: { groups: number; people: number };
  people: number;
  approaches: Record<string, number>;
}

/**
 * Groups the use cases by their normalised titles (src/portfolio/group-ideas.ts) and sums each group up. Each person
 * counts once per group: in the heaviest of the group's wordings they wrote, with the ratings of their row there and
 * the approach and metrics of any of their rows in the group. Deterministic for the same rows and options.
 */
export function computePortfolio(rows: readonly IdeaRow[], options: ComputeOptions): ComputedPortfolio {
  const variants = new Map<string, IdeaRow[]>();
  const used: IdeaRow[] = [];
  for (const row of [...rows].sort(byPersonThenRow)) {
    const { key } = normaliseTitle(row.title);
    if (key === '') continue;
    const held = variants.get(key);
    if (held) held.push(row);
    else variants.set(key, [row]);
    used.push(row);
  }
  const ideas: Idea[] = [...variants].map(([key, held]) => ({
    key,
    title: key,
    weight: new Set(held.map((row) => row.userId)).size,
  }));
  const personKey = (userId: string) =>
    createHash('sha256')
      .update(`${options.basis}\u0000${options.salt}\u0000${userId}`)
      .digest('base64url')
      .slice(0, 12);
  const opaque = (normalised: string) =>
    createHmac('sha256', options.salt).update(normalised).digest('base64url').slice(0, 16);
  const grouped = groupIdeas(ideas, SIMILARITY_THRESHOLD, options.lexicon).map((group) => {
    const keys = group.members.map((member) => member.key);
    const sums = foldTail(summedGroup(keys, variants));
    return groupOf(
      sums.map((sum, i) => {
        const variant = finished(sum, opaque(keys[i]), personKey, options.k);
        return { key: variant.key, title: '', weight: variant.people, variant, people: [...sum.people] };
      }),
    );
  });
  const ranked = rankGroups(grouped);
  const keep = options.keep ?? PORTFOLIO_GROUPS_KEPT;
  const restPeople = new Set(ranked.slice(keep).flatMap((group) => group.members.flatMap((member) => member.people)));
  return {
    groups: ranked.slice(0, keep).map((group) => ({
      id: group.id,
      anchorKey: group.anchorKey,
      weight: group.weight,
      members: group.members.map(({ variant }) => variant),
    })),
    rest: { groups: Math.max(0, ranked.length - keep), people: restPeople.size },
    people: new Set(used.map((row) => row.userId)).size,
    approaches: mainApproaches(used),
  };
}

interface Summed {
  people: Set<string>;
  value: { sum: number; n: number };
  feasibility: { sum: number; n: number };
  approaches: Record<string, number>;
  metrics: Record<string, number>;
  shared?: IdeaRow;
}

/**
 * Each wording's figures, for wordings given heaviest first: a person counts in the first wording that holds a row of
 * theirs, with that row's ratings, and the approach and metrics of all their rows in the group.
 */
function summedGroup(keys: readonly string[], variants: ReadonlyMap<string, readonly IdeaRow[]>): Summed[] {
  const home = new Map<string, number>();
  const rowsOf = new Map<string, IdeaRow[]>();
  keys.forEach((key, i) => {
    for (const row of variants.get(key) ?? []) {
      if (!home.has(row.userId)) home.set(row.userId, i);
      const own = rowsOf.get(row.userId);
      if (own) own.push(row);
      else rowsOf.set(row.userId, [row]);
    }
  });
  return keys.map((key, i) => {
    const held = variants.get(key) ?? [];
    const result: Summed = {
      people: new Set(),
      value: { sum: 0, n: 0 },
      feasibility: { sum: 0, n: 0 },
      approaches: {},
      metrics: {},
    };
    for (const row of held) {
      if (home.get(row.userId) !== i || result.people.has(row.userId)) continue;
      result.people.add(row.userId);
      if (row.value !== undefined) result.value = { sum: result.value.sum + row.value, n: result.value.n + 1 };
      if (row.feasibility !== undefined)
        result.feasibility = { sum: result.feasibility.sum + row.feasibility, n: result.feasibility.n + 1 };
      const own = rowsOf.get(row.userId) ?? [];
      const approach = own.find((candidate) => candidate.approach !== undefined)?.approach;
      if (approach !== undefined) result.approaches[approach] = (result.approaches[approach] ?? 0) + 1;
      for (const metric of new Set(own.flatMap((candidate) => candidate.metrics)))
        result.metrics[metric] = (result.metrics[metric] ?? 0) + 1;
    }
    // The shown title: of the rows whose writers agreed, the one with the smallest key (never "the latest").
    result.shared = held
      .filter((row) => row.shared)
      .sort((a, b) => compare(titleKey(a), titleKey(b)))
      .at(0);
    return result;
  });
}

/** The wordings beyond WORDINGS_KEPT - 1 (given heaviest first) summed into one: their people are distinct already. */
function foldTail(sums: Summed[]): Summed[] {
  if (sums.length <= WORDINGS_KEPT) return sums;
  const tail = sums.slice(WORDINGS_KEPT - 1);
  const add = (a: Record<string, number>, b: Record<string, number>) => {
    for (const [id, people] of Object.entries(b)) a[id] = (a[id] ?? 0) + people;
    return a;
  };
  const folded: Summed = {
    people: new Set(tail.flatMap((sum) => [...sum.people])),
    value: { sum: 0, n: 0 },
    feasibility: { sum: 0, n: 0 },
    approaches: {},
    metrics: {},
  };
  for (const sum of tail) {
    folded.value = { sum: folded.value.sum + sum.value.sum, n: folded.value.n + sum.value.n };
    folded.feasibility = {
      sum: folded.feasibility.sum + sum.feasibility.sum,
      n: folded.feasibility.n + sum.feasibility.n,
    };
    add(folded.approaches, sum.approaches);
    add(folded.metrics, sum.metrics);
  }
  return [...sums.slice(0, WORDINGS_KEPT - 1), folded];
}

function finished(summed: Summed, key: string, personKey: (userId: string) => string, k: number): PortfolioVariant {
  const { shared } = summed;
  const people = [...summed.people];
  return {
    key,
    ...(shared ? { title: scrubNames(shared.title).slice(0, TITLE_CHARS), titleKey: titleKey(shared) } : {}),
    people: people.length,
    ...(people.length < k ? { who: people.map(personKey).sort() } : {}),
    value: summed.value,
    feasibility: summed.feasibility,
    approaches: summed.approaches,
    metrics: summed.metrics,
  };
}

/** People by the approach recommended most often across their use cases (ties: the smaller id); each person once. */
function mainApproaches(rows: readonly IdeaRow[]): Record<string, number> {
  const byPerson = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (row.approach === undefined) continue;
    const counts = byPerson.get(row.userId) ?? {};
    counts[row.approach] = (counts[row.approach] ?? 0) + 1;
    byPerson.set(row.userId, counts);
  }
  const result: Record<string, number> = {};
  for (const counts of byPerson.values()) {
    const [main] = Object.entries(counts).sort(([a, m], [b, n]) => n - m || compare(a, b))[0];
    result[main] = (result[main] ?? 0) + 1;
  }
  return result;
}

function byPersonThenRow(a: IdeaRow, b: IdeaRow): number {
  return compare(a.userId, b.userId) || compare(a.rowId, b.rowId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
