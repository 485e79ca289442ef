import type { Role } from '../domain/roles';
import type { QuestionPaths } from './types';

/** A path resolved against the pack: what the welcome card says about it and the questions it asks. */
export interface PathView {
  id: string;
  label: string;
  description: string;
  /** How long it takes as the pack states it; absent for the path of a pack that defines none. */
  minutes?: number;
  /** The question ids it asks, in questionnaire order. */
  questionIds: ReadonlySet<string>;
}

/** The one path of a pack without paths: every question, for everyone. */
const EVERY_QUESTION = { id: 'full', label: 'All questions', description: 'Every question of the questionnaire.' };

/** The pack's paths with their question ids in questionnaire order, and the path each group starts on. */
export function resolvePaths(
  paths: QuestionPaths | undefined,
  order: readonly string[],
): { paths: PathView[]; defaults: Record<Role, PathView> } {
  if (paths === undefined) {
    const only: PathView = { ...EVERY_QUESTION, questionIds: new Set(order) };
    return { paths: [only], defaults: { leader: only, employee: only } };
  }
  const views = paths.list.map(({ id, label, description, minutes, questions }): PathView => {
    const listed = new Set(questions === 'all' ? order : questions);
    return {
      id,
      label,
      description,
      minutes,
      questionIds: new Set(order.filter((questionId) => listed.has(questionId))),
    };
  });
  // The loader has checked that both defaults name a path.
  const named = (id: string) => views.find((view) => view.id === id) ?? views[0];
  return { paths: views, defaults: { leader: named(paths.defaults.leader), employee: named(paths.defaults.employee) } };
}
