import type { ContentIndex } from '../content/content-index';
import type { AnswerMap } from '../domain/answers';

export interface SectionReadiness {
  sectionId: string;
  title: string;
  /** Mean of the section's numeric ratings, or null when none was given. */
  mean: number | null;
  stage: string;
}

/** Readiness per section from one person's ratings ("don't know" does not count towards the mean). */
export function personalReadiness(index: ContentIndex, answers: AnswerMap): SectionReadiness[] {
  return index.sections.map((section) => {
    const ratings = index
      .questionsOf(section.id)
      .map(({ question }) => answers[question.id])
      .flatMap((value) => (value?.kind === 'rating' && value.value !== null ? [value.value] : []));
    const mean = ratings.length > 0 ? ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length : null;
    return {
      sectionId: section.id,
      title: section.title,
      mean,
      stage: mean === null ? 'Not rated yet' : index.stageFor(mean).label,
    };
  });
}

/** Below this mean a consideration's recommendation is worth showing. */
const RECOMMEND_BELOW = 3.5;

/** The recommendations of the lowest-rated considerations, weakest first; the weakest section's when all rate well. */
export function topRecommendations(index: ContentIndex, answers: AnswerMap, limit = 3): string[] {
  const scored = index.sections.flatMap((section) =>
    section.considerations.flatMap((consideration) => {
      const ratings = consideration.questions
        .map((question) => answers[question.id])
        .flatMap((value) => (value?.kind === 'rating' && value.value !== null ? [value.value] : []));
      if (ratings.length === 0) return [];
      return [
        { mean: ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length, text: consideration.recommendation },
      ];
    }),
  );
  const weak = scored.filter(({ mean }) => mean < RECOMMEND_BELOW).sort((a, b) => a.mean - b.mean);
  const texts = [...new Set(weak.map(({ text }) => text))].slice(0, limit);
  if (texts.length > 0) return texts;
  const sections = personalReadiness(index, answers).filter((section) => section.mean !== null);
  const weakest = sections.sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0))[0];
  const section = index.sections.find((candidate) => candidate.id === weakest?.sectionId);
  return section ? [section.recommendation] : [];
}
