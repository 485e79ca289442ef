import { total, type Counters } from '../aggregation/contributions';
import { bucketLower, bucketUpper } from '../aggregation/number-buckets';
import type { ContentIndex } from '../content/content-index';
import type { RowsQuestion } from '../content/types';
import { mergeSmallCategories, shownParts } from './disclosure';
import { roleless } from './theme-register';
import { effectiveGroup, reaches, type Thresholds } from './thresholds';

/** The middle half of the numbers people gave, as bucket bounds. */
export interface Spread {
  low: number;
  high: number;
  /** Rows whose text held a number. */
  numbers: number;
}

export interface MetricFigure {
  metricId: string;
  label: string;
  people: number;
  baseline: Spread | null;
  target: Spread | null;
  /** The time frame most rows chose (the pack's label), when that and the rest are each none or at least k rows. */
  timeFrame: string | null;
}

export interface GoalFigure {
  goalId: string;
  label: string;
  people: number;
  metrics: MetricFigure[];
  hiddenMetrics: number;
}

/** The success metrics register: people per goal, and per goal → metric with the spread of baselines and targets. */
export function goalFigures(
  index: ContentIndex,
  counters: Counters,
  questionId: string,
  thresholds: Thresholds,
): GoalFigure[] {
  const k = effectiveGroup(thresholds);
  const question = index.find(questionId)?.question as RowsQuestion | undefined;
  if (!question || question.kind !== 'rows') return [];
  const { baseline, target } = index.pack.summary.metricFields;
  const names = roleless(counters);
  const pairs = names.filter((name) => name.startsWith('pairPeople:')).map((name) => name.slice('pairPeople:'.length));
  const goals = names.filter((name) => name.startsWith('goalPeople:')).map((name) => name.slice('goalPeople:'.length));
  return goals
    .map((goalId) => {
      const people = total(counters, `goalPeople:${goalId}`);
      const metrics = pairs
        .filter((pair) => pair.startsWith(`${goalId}>`))
        .map((pair) => ({
          pair,
          metricId: pair.slice(goalId.length + 1),
          people: total(counters, `pairPeople:${pair}`),
        }))
        .filter((metric) => metric.people > 0)
        .sort((a, b) => b.people - a.people || a.metricId.localeCompare(b.metricId));
      const shown = shownParts(people, metrics, (metric) => metric.people, k).map(
        ({ pair, metricId, people: count }) => ({
          metricId,
          label: metricLabel(index, goalId, metricId),
          people: count,
          baseline: spread(counters, names, `pair:${pair}:${baseline}:`, k),
          target: spread(counters, names, `pair:${pair}:${target}:`, k),
          timeFrame: commonTimeFrame(index, counters, names, `pair:${pair}:timeFrame:`, k),
        }),
      );
      return {
        goalId,
        label: goalLabel(index, goalId),
        people,
        metrics: shown,
        hiddenMetrics: metrics.length - shown.length,
      };
    })
    .filter((goal) => reaches(goal.people, thresholds))
    .sort((a, b) => b.people - a.people || a.goalId.localeCompare(b.goalId));
}

/**
 * The middle half (25th to 75th percentile) of the bucketed numbers, when at least k rows gave one. Neighbouring
 * buckets are merged until each holds at least k numbers, so neither end is one person's number.
 */
function spread(counters: Counters, names: string[], prefix: string, k: number): Spread | null {
  const buckets = names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ bucket: name.slice(prefix.length), count: total(counters, name) }))
    .filter(({ bucket, count }) => bucket !== 'none' && count > 0)
    .sort((a, b) => (bucketLower(a.bucket) ?? 0) - (bucketLower(b.bucket) ?? 0));
  const numbers = buckets.reduce((sum, { count }) => sum + count, 0);
  if (numbers < k) return null;
  const bands = mergeSmallCategories(
    buckets.map(({ count }) => [count]),
    k,
  );
  const bandAt = (share: number) => {
    const rank = Math.max(1, Math.ceil(share * numbers));
    let seen = 0;
    return bands.find((band) => (seen += band.count) >= rank) ?? bands[bands.length - 1];
  };
  const low = bucketLower(buckets[bandAt(0.25).first].bucket) ?? 0;
  const high = bucketUpper(buckets[bandAt(0.75).last].bucket) ?? 0;
  return { low: Number.isFinite(low) ? low : 0, high, numbers };
}

/** The time frame chosen in most rows of a pair, under the rest rule (shownParts); rows in people's own words count too. */
function commonTimeFrame(index: ContentIndex, counters: Counters, names: string[], prefix: string, k: number) {
  const parts = names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ value: name.slice(prefix.length), rows: total(counters, name) }));
  const rows = parts.reduce((sum, part) => sum + part.rows, 0);
  const [top] = shownParts(rows, parts, (part) => part.rows, k);
  if (!top) return null;
  if (top.value === 'own') return 'a time frame in their own words';
  return index.pack.timeFrames.find((option) => option.value === top.value)?.label ?? top.value;
}

function goalLabel(index: ContentIndex, goalId: string): string {
  if (goalId === 'own') return 'Goals in people’s own words';
  return index.goal(goalId)?.label ?? goalId;
}

function metricLabel(index: ContentIndex, goalId: string, metricId: string): string {
  if (metricId === 'own') return 'Metrics in people’s own words';
  const fromGoal = index.goal(goalId)?.metrics.find((metric) => metric.value === metricId);
  const anywhere = index.pack.goals.flatMap((goal) => goal.metrics).find((metric) => metric.value === metricId);
  return (fromGoal ?? anywhere)?.label ?? metricId;
}
