import { total, type Counters } from '../aggregation/contributions';
import { bucketLower, bucketUpper } from '../aggregation/number-buckets';
import { scrubNames, type QuoteSlots } from '../aggregation/quotes';
import { themeById } from '../aggregation/themes';
import type { ContentIndex } from '../content/content-index';
import type { NextStepsLink, RowsQuestion } from '../content/types';
import { isSafe, mergeSmallCategories, shownParts } from './disclosure';
import { participation, type ParticipationFigures } from './participation';
import { gapFigures, recommendations, sectionFigures, type GapFigure, type SectionFigure } from './readiness-figures';
import { effectiveGroup, reaches, type Thresholds } from './thresholds';

export type { ParticipationFigures } from './participation';
export type { GapFigure, RatingBand, ReadinessFigure, SectionFigure } from './readiness-figures';

/** Counters per question id, as read from the aggregates (missing questions are empty). */
export type CountersByQuestion = ReadonlyMap<string, Counters>;

export interface ThemeFigure {
  themeId: string;
  label: string;
  /** People with at least one statement in the theme. */
  people: number;
  /** Example statements, names removed; only when at least the comment threshold of people are in the theme. */
  quotes: string[];
}

export interface AmbitionRegister {
  /** False when fewer people than the threshold answered the question: then nothing else is shown. */
  enough: boolean;
  /** People who answered the question; null when those who did not (people minus this) would be a small group. */
  respondents: number | null;
  /** Themes at or above the threshold, most people first. */
  themes: ThemeFigure[];
  /** How many themes were left out: too few people, or the people left over would be too few. */
  hiddenThemes: number;
}

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
}

export interface GoalFigure {
  goalId: string;
  label: string;
  people: number;
  metrics: MetricFigure[];
  hiddenMetrics: number;
}

export interface OrganisationSummary {
  thresholds: Thresholds;
  participation: ParticipationFigures;
  want: AmbitionRegister;
  doNotWant: AmbitionRegister;
  goals: GoalFigure[];
  readiness: SectionFigure[];
  gaps: GapFigure[];
  recommendations: string[];
  /** The pack's link to where the organisation plans its next steps. */
  nextSteps?: NextStepsLink;
}

const MAX_QUOTES_PER_THEME = 2;

/**
 * The organisation (or team) summary, from aggregate counters only. Every figure obeys the thresholds: what fewer
 * people than `thresholds.group` stand behind is left out, merged (null) or never shown as a small number, and no
 * figure is a total from which the parts shown leave a small group (docs/anonymity.md).
 */
export function organisationSummary(
  index: ContentIndex,
  counters: CountersByQuestion,
  thresholds: Thresholds,
  quotes: ReadonlyMap<string, QuoteSlots> = new Map(),
): OrganisationSummary {
  const of = (questionId: string): Counters => counters.get(questionId) ?? {};
  const quotesOf = (questionId: string): QuoteSlots => quotes.get(questionId) ?? {};
  const { summary } = index.pack;
  const readiness = sectionFigures(index, of, thresholds);
  const people = peopleOf(index, of);
  const register = (questionId: string) =>
    ambition(index, of(questionId), quotesOf(questionId), questionId, people, thresholds);
  return {
    thresholds,
    participation: participation(index, of, thresholds),
    want: register(summary.want),
    doNotWant: register(summary.doNotWant),
    goals: goalFigures(index, of(summary.metrics), summary.metrics, thresholds),
    readiness,
    gaps: gapFigures(index, of, thresholds),
    recommendations: recommendations(index, of, readiness, thresholds),
    ...(summary.nextSteps ? { nextSteps: summary.nextSteps } : {}),
  };
}

/** The question ids a summary reads: every question of the pack (one point read each). */
export function summaryQuestionIds(index: ContentIndex): string[] {
  return index.allQuestions().map(({ question }) => question.id);
}

/** People who answered anything (the participation counters, summed over the questions a summary reads anyway). */
function peopleOf(index: ContentIndex, of: (questionId: string) => Counters): number {
  return index.allQuestions().reduce((acc, { question }) => acc + total(of(question.id), 'people'), 0);
}

function ambition(
  index: ContentIndex,
  counters: Counters,
  slots: QuoteSlots,
  questionId: string,
  people: number,
  thresholds: Thresholds,
): AmbitionRegister {
  const k = effectiveGroup(thresholds);
  const respondents = total(counters, 'n');
  if (!reaches(respondents, thresholds)) return { enough: false, respondents: null, themes: [], hiddenThemes: 0 };
  const question = index.find(questionId)?.question;
  const fieldIds = question?.kind === 'rows' ? question.fields.filter((f) => f.kind === 'text').map((f) => f.id) : [];
  const byTheme = new Map<string, number>();
  for (const name of roleless(counters)) {
    for (const fieldId of fieldIds) {
      const prefix = `field:${fieldId}:themePeople:`;
      if (name.startsWith(prefix)) {
        const themeId = name.slice(prefix.length);
        byTheme.set(themeId, (byTheme.get(themeId) ?? 0) + total(counters, name));
      }
    }
  }
  const all = [...byTheme]
    .filter(([, count]) => count > 0)
    .map(([themeId, count]) => ({ themeId, people: count }))
    .sort((a, b) => b.people - a.people || a.themeId.localeCompare(b.themeId));
  const shown = shownParts(respondents, all, (theme) => theme.people, k).map((theme) => ({
    ...theme,
    label: themeById(theme.themeId).label,
    quotes: theme.people >= Math.max(k, thresholds.comments) ? themeQuotes(slots, fieldIds, theme.themeId) : [],
  }));
  return {
    enough: true,
    respondents: isSafe(people - respondents, k) ? respondents : null,
    themes: shown,
    hiddenThemes: all.length - shown.length,
  };
}

function goalFigures(
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

/** Up to two example statements of a theme, names removed, in slot order (deterministic). */
function themeQuotes(slots: QuoteSlots, fieldIds: string[], themeId: string): string[] {
  return Object.keys(slots)
    .filter((slot) => fieldIds.some((fieldId) => slot.startsWith(`${fieldId}:${themeId}:`)))
    .sort()
    .flatMap((slot) => {
      const quote = slots[slot];
      return quote ? [scrubNames(quote.t)] : [];
    })
    .filter((text) => text !== '')
    .slice(0, MAX_QUOTES_PER_THEME);
}

/** Counter names without their role prefix, once each. */
function roleless(counters: Counters): string[] {
  return [...new Set(Object.keys(counters).map((name) => name.slice(name.indexOf(':') + 1)))];
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
