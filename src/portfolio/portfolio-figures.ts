import { roundMean, shownParts } from '../leadership/disclosure';
import type { PortfolioDoc, PortfolioStatus, PortfolioVariant, RatingSum } from '../storage/ports';
import { applyEdits, type GroupDecision, type PortfolioEdit } from './portfolio-edits';

/** Where a group sits on the value/feasibility matrix (high: a mean of 3 or more on the 1–5 scale). */
export type Quadrant = 'quick-win' | 'big-bet' | 'fill-in' | 'rethink';

/** The mean from which value or feasibility counts as high. */
export const MATRIX_SPLIT = 3;

/** The label of a group none of whose writers agreed to share their words, unless a leader named it. */
export const NEUTRAL_LABEL = 'An idea whose words were not shared';
/** Its label where the words are not shown (a channel): they were shared with leaders, who see them 1:1. */
export const LEADERS_ONLY_LABEL = 'An idea whose words leaders see in a 1:1 chat';

/** A count with the people behind it: only ever one of at least the threshold. */
export interface Counted {
  id: string;
  people: number;
}

/** One group of ideas as leaders may see it: every figure already through the thresholds. */
export interface GroupFigure {
  /** A member key of the group (its anchor), which edits name. */
  key: string;
  label: string;
  renamed: boolean;
  status: PortfolioStatus;
  /** Null: fewer than the threshold of people. */
  support: number | null;
  /** Means to one decimal, only for groups of at least the threshold and from at least the threshold of raters. */
  value: number | null;
  feasibility: number | null;
  /** For a smaller group only when some of its words were shared. */
  quadrant: Quadrant | null;
  /** The approach recommended most, when at least the threshold of people recommended it. */
  approach: string | null;
  /** Approaches recommended for it by at least the threshold of people each. */
  approaches: Counted[];
  /** People recommend different approaches for it (groups of at least the threshold only). */
  disagreement: boolean;
  /** Leaders' own answers to the build questions for the group, and the approach they gave; null until they answer. */
  decision: GroupDecision | null;
  /** Linked metrics (`<goal>><metric>`) chosen by at least the threshold of people each. */
  metrics: Counted[];
  /** Some of its writers agreed to share their words (a smaller group is shown only then). */
  shared: boolean;
  /** Its wordings with shared titles, which a leader may split out (only when it has more than one wording). */
  wordings: { key: string; title: string }[];
  /** The keys of all its wordings (HMACs, the same in every scope): to match it with the same idea elsewhere. */
  memberKeys: string[];
}

export interface PortfolioFigures {
  k: number;
  /** People with at least one idea; null below the threshold. */
  people: number | null;
  /** Groups of at least the threshold (best value × feasibility first, then most people), then smaller shared ones. */
  groups: GroupFigure[];
  /** Smaller groups none of whose words were shared: counted, not shown. */
  folded: number;
  /** Groups beyond the ones kept, and the people behind them (null below the threshold). */
  rest: { groups: number; people: number | null };
  /** People by their most recommended approach, under the rest rule (docs/anonymity.md). */
  approaches: Counted[];
  computedAt: string;
}

type Member = { key: string; title: string; weight: number; variant: PortfolioVariant };

/**
 * The stored portfolio with the leaders' edits applied, through the thresholds (docs/portfolio.md). Without `titles`
 * (a channel, where more than leaders read) no shared words are used: people agreed to share them with leaders.
 */
export function portfolioFigures(
  doc: PortfolioDoc,
  edits: readonly PortfolioEdit[],
  k: number,
  titles = true,
): PortfolioFigures {
  const origin = new Map<string, string>();
  for (const group of doc.groups) for (const member of group.members) origin.set(member.key, group.id);
  const groups = applyEdits<Member>(
    doc.groups.map((group) => ({
      ...group,
      members: group.members.map((variant) => ({
        key: variant.key,
        title: variant.title ?? '',
        weight: variant.people,
        variant,
      })),
    })),
    edits,
  );
  const figures = groups.map((group) =>
    groupFigure(
      group.members.map((member) => member.variant),
      {
        key: group.anchorKey,
        label: group.renamed ? group.label : undefined,
        status: group.status,
        decision: group.decision ?? null,
      },
      (key) => origin.get(key) ?? key,
      k,
      titles,
    ),
  );
  const shown = figures.filter((figure) => figure.support !== null || figure.shared);
  const enough = shown.filter((figure) => figure.support !== null).sort(byScore);
  const smaller = shown.filter((figure) => figure.support === null).sort((a, b) => compare(a.label, b.label));
  const total = Object.values(doc.approaches).reduce((sum, people) => sum + people, 0);
  const parts = Object.entries(doc.approaches).map(([id, people]) => ({ id, people }));
  return {
    k,
    people: doc.people >= k ? doc.people : null,
    groups: [...enough, ...smaller],
    folded: figures.length - shown.length,
    rest: { groups: doc.rest.groups, people: doc.rest.people >= k ? doc.rest.people : null },
    approaches: shownParts(total, parts, (part) => part.people, k),
    computedAt: doc.computedAt,
  };
}

function groupFigure(
  members: readonly PortfolioVariant[],
  edit: { key: string; label?: string; status: PortfolioStatus; decision: GroupDecision | null },
  originOf: (key: string) => string,
  k: number,
  titles: boolean,
): GroupFigure {
  // After a merge a person may be in two wordings: sums can only over-count, so a figure is shown when the largest
  // part from one computed group (where each person counts once) reaches the threshold on its own.
  const atLeast = (count: (variant: PortfolioVariant) => number) => {
    const byOrigin = new Map<string, number>();
    for (const member of members)
      byOrigin.set(originOf(member.key), (byOrigin.get(originOf(member.key)) ?? 0) + count(member));
    return Math.max(0, ...byOrigin.values());
  };
  const sum = (count: (variant: PortfolioVariant) => number) => members.reduce((acc, member) => acc + count(member), 0);
  const exact = members.every((member) => member.who !== undefined)
    ? new Set(members.flatMap((member) => member.who ?? [])).size
    : undefined;
  const enough = exact === undefined ? atLeast((member) => member.people) >= k : exact >= k;
  // At least this many different people rated: someone in two wordings adds at most one rating too many.
  const raters = (count: (variant: PortfolioVariant) => number) =>
    exact === undefined ? atLeast(count) : sum(count) - (sum((member) => member.people) - exact);
  const worded = members.filter((member) => member.title !== undefined);
  const titled = titles ? worded : [];
  const value = mean(members.map((member) => member.value));
  const feasibility = mean(members.map((member) => member.feasibility));
  const quadrant = value !== null && feasibility !== null ? quadrantOf(value, feasibility) : null;
  // Means (and the quadrant they make) only from k raters each (people may answer "don't know"): fewer, they are theirs.
  const rated = enough && raters((member) => member.value.n) >= k && raters((member) => member.feasibility.n) >= k;
  const counted = (of: (variant: PortfolioVariant) => Record<string, number>): Counted[] =>
    [...new Set(members.flatMap((member) => Object.keys(of(member))))]
      .map((id) => ({ id, people: sum((member) => of(member)[id] ?? 0), floor: atLeast((m) => of(m)[id] ?? 0) }))
      .filter((entry) => enough && entry.floor >= k)
      .sort((a, b) => b.people - a.people || compare(a.id, b.id))
      .map(({ id, people }) => ({ id, people }));
  const approaches = counted((member) => member.approaches);
  const recommended = new Set(members.flatMap((member) => Object.keys(member.approaches)));
  const leading = [...recommended].sort(
    (a, b) => sum((m) => m.approaches[b] ?? 0) - sum((m) => m.approaches[a] ?? 0) || compare(a, b),
  )[0];
  return {
    key: edit.key,
    label: edit.label ?? titled[0]?.title ?? (worded.length > 0 ? LEADERS_ONLY_LABEL : NEUTRAL_LABEL),
    renamed: edit.label !== undefined,
    status: edit.status,
    support: enough ? (exact ?? sum((member) => member.people)) : null,
    value: rated ? value : null,
    feasibility: rated ? feasibility : null,
    quadrant: rated || titled.length > 0 ? quadrant : null,
    approach: approaches.some((entry) => entry.id === leading) ? leading : null,
    approaches,
    disagreement: enough && recommended.size > 1,
    decision: edit.decision,
    metrics: counted((member) => member.metrics),
    shared: titled.length > 0,
    wordings: members.length > 1 ? titled.map((member) => ({ key: member.key, title: member.title as string })) : [],
    memberKeys: members.map((member) => member.key),
  };
}

/** Quick wins, big bets, fill-ins and rethink, with the split at MATRIX_SPLIT on the shown (rounded) means. */
export function quadrantOf(value: number, feasibility: number): Quadrant {
  const highValue = value >= MATRIX_SPLIT;
  const highFeasibility = feasibility >= MATRIX_SPLIT;
  if (highValue) return highFeasibility ? 'quick-win' : 'big-bet';
  return highFeasibility ? 'fill-in' : 'rethink';
}

function mean(parts: readonly RatingSum[]): number | null {
  const n = parts.reduce((acc, part) => acc + part.n, 0);
  return n === 0 ? null : roundMean(parts.reduce((acc, part) => acc + part.sum, 0) / n);
}

/** Best value × feasibility first (unrated last), then most people, then label. */
function byScore(a: GroupFigure, b: GroupFigure): number {
  const score = (figure: GroupFigure) =>
    figure.value === null || figure.feasibility === null ? -1 : figure.value * figure.feasibility;
  return score(b) - score(a) || (b.support ?? 0) - (a.support ?? 0) || compare(a.label, b.label);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
