import type { ContentIndex } from '../content/content-index';
import type { PathView } from '../content/path-view';
import type { AnswerMap } from '../domain/answers';

export interface SectionReadiness {
  sectionId: string;
  title: string;
  /** Mean of the section's numeric ratings, or null when none was given. */
  mean: number | null;
  stage: string;
}

/**
 * Readiness per section from one person's ratings of the questions of their path ("don't know" does not count towards
 * the mean); sections in which their path asks for no rating are left out.
 */
export function personalReadiness(index: ContentIndex, answers: AnswerMap, path: PathView): SectionReadiness[] {
  return index.sections.flatMap((section) => {
    const asked = index.questionsOnPath(section.id, path).filter(({ question }) => question.kind === 'rating');
    if (asked.length === 0) return [];
    const mean = meanRating(
      asked.map(({ question }) => question.id),
      answers,
    );
    return [
      {
        sectionId: section.id,
        title: section.title,
        mean,
        stage: mean === null ? 'Not rated yet' : index.stageFor(mean).label,
      },
    ];
  });
}

/** Below this mean a consideration's recommendation is worth showing. */
const RECOMMEND_BELOW = 3.5;

/**
 * The recommendations of the lowest-rated considerations on the person's path, weakest first; the weakest section's
 * when all rate well.
 */
export function topRecommendations(index: ContentIndex, answers: AnswerMap, path: PathView, limit = 3): string[] {
  const scored = index.sections.flatMap((section) =>
    section.considerations.flatMap((consideration) => {
      const asked = consideration.questions.filter((question) => path.questionIds.has(question.id));
      const mean = meanRating(
        asked.map((question) => question.id),
        answers,
      );
      return mean === null ? [] : [{ mean, text: consideration.recommendation }];
    }),
  );
  const weak = scored.filter(({ mean }) => mean < RECOMMEND_BELOW).sort((a, b) => a.mean - b.mean);
  const texts = [...new Set(weak.map(({ text }) => text))].slice(0, limit);
  if (texts.length > 0) return texts;
  const sections = personalReadiness(index, answers, path).filter((section) => section.mean !== null);
  const weakest = sections.sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0))[0];
  const section = index.sections.find((candidate) => candidate.id === weakest?.sectionId);
  return section ? [section.recommendation] : [];
}

function meanRating(questionIds: readonly string[], answers: AnswerMap): number | null {
  const ratings = questionIds
    .map((questionId) => answers[questionId])
    .flatMap((value) => (value?.kind === 'rating' && value.value !== null ? [value.value] : []));
  return ratings.length > 0 ? ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length : null;
}
