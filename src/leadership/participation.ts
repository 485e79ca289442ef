import { total, type Counters } from '../aggregation/contributions';
import type { ContentIndex } from '../content/content-index';
import { isSafe } from './disclosure';
import { effectiveGroup, reaches, type Thresholds } from './thresholds';

export interface ParticipationFigures {
  /** Null when fewer people than the threshold have answered. */
  people: number | null;
  /** Both null unless both groups reach the threshold (either one is people minus the other). */
  leaders: number | null;
  employees: number | null;
  /**
   * Share of people who answered every question of their path, 0–1; null unless those who did and those who did not
   * are each none or enough.
   */
  completionRate: number | null;
  /** Share of the questions of their path a person answered, on average, 0–1; null below the threshold. */
  meanProgress: number | null;
}

/** How many people took part, and how far they got with the questions of their path. */
export function participation(
  index: ContentIndex,
  of: (questionId: string) => Counters,
  thresholds: Thresholds,
): ParticipationFigures {
  const k = effectiveGroup(thresholds);
  const questions = index.allQuestions();
  const sum = (name: string) => questions.reduce((acc, { question }) => acc + (of(question.id)[name] ?? 0), 0);
  const leaders = sum('leader:people');
  const employees = sum('employee:people');
  const people = leaders + employees;
  if (!reaches(people, thresholds))
    return { people: null, leaders: null, employees: null, completionRate: null, meanProgress: null };
  const completed = sum('leader:completed') + sum('employee:completed');
  // Either group is people minus the other: both are shown, or neither.
  const split = isSafe(leaders, k) && isSafe(employees, k);
  return {
    people,
    leaders: split ? leaders : null,
    employees: split ? employees : null,
    completionRate: isSafe(completed, k) && isSafe(people - completed, k) ? completed / people : null,
    meanProgress: sharesAnswered(index, of) / people,
  };
}

/**
 * The sum over people of the share of their path's questions they answered: per path, the answers its people gave to
 * its questions (`onPath:<path id>`) over the number of its questions. Nobody is measured against questions they were
 * never asked.
 */
function sharesAnswered(index: ContentIndex, of: (questionId: string) => Counters): number {
  return index.paths.reduce((acc, path) => {
    const answers = [...path.questionIds].reduce((n, questionId) => n + total(of(questionId), `onPath:${path.id}`), 0);
    return path.questionIds.size === 0 ? acc : acc + answers / path.questionIds.size;
  }, 0);
}
