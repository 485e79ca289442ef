import { total, type Counters } from '../aggregation/contributions';
import { bucketLower, bucketUpper } from '../aggregation/number-buckets';
import { scrubNames, type QuoteSlots } from '../aggregation/quotes';
import { themeById } from '../aggregation/themes';
import type { ContentIndex } from '../content/content-index';
import type { NextStepsLink, Question, RowsQuestion } from '../content/types';
import type { Role } from '../domain/roles';
import { reaches, type Thresholds } from './thresholds';

/** Counters per question id, as read from the aggregates (missing questions are empty). */
export type CountersByQuestion = ReadonlyMap<string, Counters>;

export interface ParticipationFigures {
  /** Null when fewer people than the threshold have answered. */
  people: number | null;
  leaders: number | null;
  employees: number | null;
  /** Share of people who answered every question, 0–1; null below the threshold. */
  completionRate: number | null;
  /** Share of all questions answered, on average, 0–1; null below the threshold. */
  meanProgress: number | null;
}

export interface ThemeFigure {
  themeId: string;
  label: string;
  /** People with at least one statement in the theme. */
  people: number;
  statements: number;
  /** Example statements, names removed; only when at least the comment threshold of people are in the theme. */
  quotes: string[];
}

export interface AmbitionRegister {
  /** People who answered the question; null below the threshold (then no themes are shown). */
  respondents: number | null;
  /** Themes at or above the threshold, most people first. */
  themes: ThemeFigure[];
  /** How many themes were left out for having too few people. */
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
  rows: number;
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

export interface SectionFigure {
  sectionId: string;
  title: string;
  /** Null when no question of the section has enough ratings. */
  mean: number | null;
  stage: string;
  /** Ratings 1..5 then "don't know", over the questions that reach the threshold. */
  distribution: [number, number, number, number, number, number];
  ratings: number;
  /** The same per consideration of the section, in pack order. */
  considerations: ReadinessFigure[];
}

export interface ReadinessFigure {
  considerationId: string;
  title: string;
  /** Null when none of its questions has enough ratings. */
  mean: number | null;
  stage: string;
}

export interface GapFigure {
  sectionId: string;
  title: string;
  leaderMean: number;
  employeeMean: number;
  /** Leaders' mean minus employees' mean. */
  gap: number;
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

/** Below this mean a consideration's recommendation is worth showing (as on the personal card). */
const RECOMMEND_BELOW = 3.5;
const MAX_GAPS = 3;
const MAX_QUOTES_PER_THEME = 2;
const MAX_RECOMMENDATIONS = 3;

/**
 * The organisation (or team) summary, from aggregate counters only. Every figure obeys the thresholds: what fewer
 * people than `thresholds.group` stand behind is left out (or null), never shown as a small number.
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
  return {
    thresholds,
    participation: participation(index, of, thresholds),
    want: ambition(index, of(summary.want), quotesOf(summary.want), summary.want, thresholds),
    doNotWant: ambition(index, of(summary.doNotWant), quotesOf(summary.doNotWant), summary.doNotWant, thresholds),
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

function participation(
  index: ContentIndex,
  of: (questionId: string) => Counters,
  thresholds: Thresholds,
): ParticipationFigures {
  const questions = index.allQuestions();
  const sum = (name: string) => questions.reduce((acc, { question }) => acc + (of(question.id)[name] ?? 0), 0);
  const leaders = sum('leader:people');
  const employees = sum('employee:people');
  const people = leaders + employees;
  if (!reaches(people, thresholds))
    return { people: null, leaders: null, employees: null, completionRate: null, meanProgress: null };
  const completed = sum('leader:completed') + sum('employee:completed');
  const answers = questions.reduce((acc, { question }) => acc + total(of(question.id), 'n'), 0);
  return {
    people,
    leaders: reaches(leaders, thresholds) ? leaders : null,
    employees: reaches(employees, thresholds) ? employees : null,
    completionRate: completed / people,
    meanProgress: answers / (people * questions.length),
  };
}

function ambition(
  index: ContentIndex,
  counters: Counters,
  slots: QuoteSlots,
  questionId: string,
  thresholds: Thresholds,
): AmbitionRegister {
  const respondents = total(counters, 'n');
  if (!reaches(respondents, thresholds)) return { respondents: null, themes: [], hiddenThemes: 0 };
  const question = index.find(questionId)?.question;
  const fieldIds = question?.kind === 'rows' ? question.fields.filter((f) => f.kind === 'text').map((f) => f.id) : [];
  const people = new Map<string, number>();
  const statements = new Map<string, number>();
  for (const name of roleless(counters)) {
    for (const fieldId of fieldIds) {
      const prefix = `field:${fieldId}:`;
      if (!name.startsWith(prefix)) continue;
      const [kind, themeId] = name.slice(prefix.length).split(':');
      const into = kind === 'themePeople' ? people : kind === 'theme' ? statements : undefined;
      into?.set(themeId, (into.get(themeId) ?? 0) + total(counters, name));
    }
  }
  const all = [...people].map(([themeId, count]) => ({
    themeId,
    label: themeById(themeId).label,
    people: count,
    statements: statements.get(themeId) ?? 0,
    quotes: reaches(count, { group: thresholds.comments, comments: thresholds.comments })
      ? themeQuotes(slots, fieldIds, themeId)
      : [],
  }));
  const shown = all
    .filter((theme) => reaches(theme.people, thresholds))
    .sort((a, b) => b.people - a.people || b.statements - a.statements || a.themeId.localeCompare(b.themeId));
  return { respondents, themes: shown, hiddenThemes: all.filter((theme) => theme.people > 0).length - shown.length };
}

function goalFigures(
  index: ContentIndex,
  counters: Counters,
  questionId: string,
  thresholds: Thresholds,
): GoalFigure[] {
  const question = index.find(questionId)?.question as RowsQuestion | undefined;
  if (!question || question.kind !== 'rows') return [];
  const { baseline, target } = index.pack.summary.metricFields;
  const names = roleless(counters);
  const pairs = names.filter((name) => name.startsWith('pairPeople:')).map((name) => name.slice('pairPeople:'.length));
  const goals = names.filter((name) => name.startsWith('goalPeople:')).map((name) => name.slice('goalPeople:'.length));
  return goals
    .map((goalId) => {
      const goalPairs = pairs.filter((pair) => pair.startsWith(`${goalId}>`));
      const metrics = goalPairs.map((pair) => {
        const metricId = pair.slice(goalId.length + 1);
        return {
          metricId,
          label: metricLabel(index, goalId, metricId),
          people: total(counters, `pairPeople:${pair}`),
          rows: total(counters, `pair:${pair}`),
          baseline: spread(counters, names, `pair:${pair}:${baseline}:`, thresholds),
          target: spread(counters, names, `pair:${pair}:${target}:`, thresholds),
        };
      });
      const shown = metrics
        .filter((metric) => reaches(metric.people, thresholds))
        .sort((a, b) => b.people - a.people || a.metricId.localeCompare(b.metricId));
      return {
        goalId,
        label: goalLabel(index, goalId),
        people: total(counters, `goalPeople:${goalId}`),
        metrics: shown,
        hiddenMetrics: metrics.filter((metric) => metric.people > 0).length - shown.length,
      };
    })
    .filter((goal) => reaches(goal.people, thresholds))
    .sort((a, b) => b.people - a.people || a.goalId.localeCompare(b.goalId));
}

/** The middle half (25th to 75th percentile) of the bucketed numbers, when enough rows gave one. */
function spread(counters: Counters, names: string[], prefix: string, thresholds: Thresholds): Spread | null {
  const buckets = names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ bucket: name.slice(prefix.length), count: total(counters, name) }))
    .filter(({ bucket, count }) => bucket !== 'none' && count > 0)
    .sort((a, b) => (bucketLower(a.bucket) ?? 0) - (bucketLower(b.bucket) ?? 0));
  const numbers = buckets.reduce((sum, { count }) => sum + count, 0);
  if (!reaches(numbers, thresholds)) return null;
  const at = (share: number) => {
    const rank = Math.max(1, Math.ceil(share * numbers));
    let seen = 0;
    for (const entry of buckets) {
      seen += entry.count;
      if (seen >= rank) return entry.bucket;
    }
    return buckets[buckets.length - 1].bucket;
  };
  const low = bucketLower(at(0.25)) ?? 0;
  const high = bucketUpper(at(0.75)) ?? 0;
  return { low: Number.isFinite(low) ? low : 0, high, numbers };
}

interface RatingTotals {
  sum: number;
  rated: number;
  distribution: [number, number, number, number, number, number];
}

/** Ratings of one question in one group (or everyone), only when at least the threshold of people rated it. */
function ratingTotals(counters: Counters, role: Role | undefined, thresholds: Thresholds): RatingTotals | undefined {
  const get = (name: string) => (role ? (counters[`${role}:${name}`] ?? 0) : total(counters, name));
  const rated = get('rating:rated');
  if (!reaches(rated, thresholds)) return undefined;
  const distribution = [1, 2, 3, 4, 5]
    .map((k) => get(`rating:${k}`))
    .concat(get('rating:dk')) as RatingTotals['distribution'];
  return { sum: get('rating:sum'), rated, distribution };
}

function sectionFigures(
  index: ContentIndex,
  of: (questionId: string) => Counters,
  thresholds: Thresholds,
): SectionFigure[] {
  const totalsOf = (questions: readonly Question[]) =>
    questions
      .filter((question) => question.kind === 'rating')
      .flatMap((question) => ratingTotals(of(question.id), undefined, thresholds) ?? []);
  const meanOf = (totals: RatingTotals[]) => {
    const ratings = totals.reduce((acc, entry) => acc + entry.rated, 0);
    return ratings > 0 ? totals.reduce((acc, entry) => acc + entry.sum, 0) / ratings : null;
  };
  const stageOf = (mean: number | null) => (mean === null ? 'Not enough ratings yet' : index.stageFor(mean).label);
  return index.sections.map((section) => {
    const totals = totalsOf(index.questionsOf(section.id).map(({ question }) => question));
    const distribution = [0, 1, 2, 3, 4, 5].map((i) =>
      totals.reduce((acc, entry) => acc + entry.distribution[i], 0),
    ) as SectionFigure['distribution'];
    const mean = meanOf(totals);
    return {
      sectionId: section.id,
      title: section.title,
      mean,
      stage: stageOf(mean),
      distribution,
      ratings: totals.reduce((acc, entry) => acc + entry.rated, 0),
      considerations: section.considerations.map((consideration) => {
        const considerationMean = meanOf(totalsOf(consideration.questions));
        return {
          considerationId: consideration.id,
          title: consideration.title,
          mean: considerationMean,
          stage: stageOf(considerationMean),
        };
      }),
    };
  });
}

/** Sections where leaders and employees differ most, using only questions both groups rated at the threshold. */
function gapFigures(index: ContentIndex, of: (questionId: string) => Counters, thresholds: Thresholds): GapFigure[] {
  return index.sections
    .flatMap((section) => {
      const pairs = index
        .questionsOf(section.id)
        .filter(({ question }) => question.kind === 'rating')
        .flatMap(({ question }) => {
          const leader = ratingTotals(of(question.id), 'leader', thresholds);
          const employee = ratingTotals(of(question.id), 'employee', thresholds);
          return leader && employee ? [{ leader, employee }] : [];
        });
      if (pairs.length === 0) return [];
      const mean = (group: 'leader' | 'employee') =>
        pairs.reduce((acc, pair) => acc + pair[group].sum, 0) / pairs.reduce((acc, pair) => acc + pair[group].rated, 0);
      const leaderMean = mean('leader');
      const employeeMean = mean('employee');
      return [
        { sectionId: section.id, title: section.title, leaderMean, employeeMean, gap: leaderMean - employeeMean },
      ];
    })
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.sectionId.localeCompare(b.sectionId))
    .slice(0, MAX_GAPS);
}

/** The content pack's recommendations for the weakest considerations (threshold-passing ratings only). */
function recommendations(
  index: ContentIndex,
  of: (questionId: string) => Counters,
  readiness: SectionFigure[],
  thresholds: Thresholds,
): string[] {
  const scored = index.sections.flatMap((section) =>
    section.considerations.flatMap((consideration) => {
      const totals = consideration.questions
        .filter((question) => question.kind === 'rating')
        .flatMap((question) => ratingTotals(of(question.id), undefined, thresholds) ?? []);
      const rated = totals.reduce((acc, entry) => acc + entry.rated, 0);
      if (rated === 0) return [];
      const mean = totals.reduce((acc, entry) => acc + entry.sum, 0) / rated;
      return [{ mean, text: consideration.recommendation }];
    }),
  );
  const weak = scored.filter(({ mean }) => mean < RECOMMEND_BELOW).sort((a, b) => a.mean - b.mean);
  const texts = [...new Set(weak.map(({ text }) => text))].slice(0, MAX_RECOMMENDATIONS);
  if (texts.length > 0) return texts;
  const weakest = readiness.filter((section) => section.mean !== null).sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0))[0];
  const section = weakest ? index.section(weakest.sectionId) : undefined;
  return section ? [section.recommendation] : [];
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
