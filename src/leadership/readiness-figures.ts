import { total, type Counters } from '../aggregation/contributions';
import type { ContentIndex } from '../content/content-index';
import type { Question } from '../content/types';
import type { Role } from '../domain/roles';
import { isSafe, mergeSmallCategories, roundMean } from './disclosure';
import { reaches, effectiveGroup, type Thresholds } from './thresholds';

/** Adjacent ratings shown together (e.g. 1–2) so that no figure stands for fewer people than the threshold. */
export interface RatingBand {
  from: number;
  to: number;
  count: number;
}

export interface SectionFigure {
  sectionId: string;
  title: string;
  /** Null when no question of the section has enough ratings; one decimal. */
  mean: number | null;
  stage: string;
  /** Ratings 1–5 in bands, over the questions that reach the threshold (empty when none does). */
  bands: RatingBand[];
  /** "Don't know" over the same questions; null when some question has a few but fewer than the threshold. */
  dontKnow: number | null;
  /** The same per consideration of the section, in pack order. */
  considerations: ReadinessFigure[];
}

export interface ReadinessFigure {
  considerationId: string;
  title: string;
  /** Null when none of its questions has enough ratings; one decimal. */
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

/** Below this mean a consideration's recommendation is worth showing (as on the personal card). */
const RECOMMEND_BELOW = 3.5;
const MAX_GAPS = 3;
export const MAX_RECOMMENDATIONS = 3;

type CountersOf = (questionId: string) => Counters;

interface RatingTotals {
  sum: number;
  rated: number;
  /** Ratings 1..5. */
  ratings: number[];
  dontKnow: number;
}

/** Ratings of one question in one group (or everyone), only when at least the threshold of people rated it. */
function ratingTotals(counters: Counters, role: Role | undefined, thresholds: Thresholds): RatingTotals | undefined {
  const get = (name: string) => (role ? (counters[`${role}:${name}`] ?? 0) : total(counters, name));
  const rated = get('rating:rated');
  if (!reaches(rated, thresholds)) return undefined;
  return {
    sum: get('rating:sum'),
    rated,
    ratings: [1, 2, 3, 4, 5].map((k) => get(`rating:${k}`)),
    dontKnow: get('rating:dk'),
  };
}

function meanOf(totals: readonly RatingTotals[]): number | null {
  const rated = totals.reduce((acc, entry) => acc + entry.rated, 0);
  return rated > 0 ? roundMean(totals.reduce((acc, entry) => acc + entry.sum, 0) / rated) : null;
}

/** Readiness per section and consideration, from the rating questions that reach the threshold. */
export function sectionFigures(index: ContentIndex, of: CountersOf, thresholds: Thresholds): SectionFigure[] {
  const k = effectiveGroup(thresholds);
  const totalsOf = (questions: readonly Question[]) =>
    questions
      .filter((question) => question.kind === 'rating')
      .flatMap((question) => ratingTotals(of(question.id), undefined, thresholds) ?? []);
  const stageOf = (mean: number | null) => (mean === null ? 'Not enough ratings yet' : index.stageFor(mean).label);
  return index.sections.map((section) => {
    const totals = totalsOf(index.questionsOf(section.id).map(({ question }) => question));
    // Each question is a group of different people: a band must be safe in every one of them.
    const byRating = [0, 1, 2, 3, 4].map((i) => totals.map((entry) => entry.ratings[i]));
    const bands = totals.length === 0 ? [] : mergeSmallCategories(byRating, k);
    const mean = meanOf(totals);
    return {
      sectionId: section.id,
      title: section.title,
      mean,
      stage: stageOf(mean),
      bands: bands.map(({ first, last, count }) => ({ from: first + 1, to: last + 1, count })),
      dontKnow: totals.every((entry) => isSafe(entry.dontKnow, k))
        ? totals.reduce((acc, entry) => acc + entry.dontKnow, 0)
        : null,
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
export function gapFigures(index: ContentIndex, of: CountersOf, thresholds: Thresholds): GapFigure[] {
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
      const leaderMean = meanOf(pairs.map((pair) => pair.leader)) ?? 0;
      const employeeMean = meanOf(pairs.map((pair) => pair.employee)) ?? 0;
      return [
        {
          sectionId: section.id,
          title: section.title,
          leaderMean,
          employeeMean,
          gap: roundMean(leaderMean - employeeMean),
        },
      ];
    })
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.sectionId.localeCompare(b.sectionId))
    .slice(0, MAX_GAPS);
}

/** A recommendation a summary gives: the content pack's consideration (or section) id and its text. */
export interface Recommendation {
  id: string;
  text: string;
}

/** The content pack's recommendations for the weakest considerations (threshold-passing ratings only). */
export function recommendations(
  index: ContentIndex,
  of: CountersOf,
  readiness: SectionFigure[],
  thresholds: Thresholds,
): Recommendation[] {
  const scored = index.sections.flatMap((section) =>
    section.considerations.flatMap((consideration) => {
      const mean = meanOf(
        consideration.questions
          .filter((question) => question.kind === 'rating')
          .flatMap((question) => ratingTotals(of(question.id), undefined, thresholds) ?? []),
      );
      return mean === null ? [] : [{ mean, id: consideration.id, text: consideration.recommendation }];
    }),
  );
  const weak = scored.filter(({ mean }) => mean < RECOMMEND_BELOW).sort((a, b) => a.mean - b.mean);
  const seen = new Set<string>();
  const distinct = weak.filter(({ text }) => {
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  if (distinct.length > 0) return distinct.slice(0, MAX_RECOMMENDATIONS).map(({ id, text }) => ({ id, text }));
  const weakest = readiness.filter((section) => section.mean !== null).sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0))[0];
  const section = weakest ? index.section(weakest.sectionId) : undefined;
  return section ? [{ id: section.id, text: section.recommendation }] : [];
}
