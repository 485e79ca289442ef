import type { ContentIndex } from '../content/content-index';
import type { AnswerMap } from '../domain/answers';
import type { Role } from '../domain/roles';
import { answeredOnPath, pathOfPerson } from '../strategy/person-path';

/** Where a person stands on their path. */
export interface PathProgress {
  answered: number;
  total: number;
  /** How long the path takes as the pack states it ("about 10 minutes"); empty when it states none. */
  minutesText: string;
}

/** What the person's answers say about their path: the same rule as the dialogs and the participation counters. */
export function progressOn(
  index: ContentIndex,
  person: { answers: AnswerMap; answerRoles?: Record<string, Role>; path?: string },
  role: Role,
): PathProgress {
  const path = pathOfPerson(index, person, role);
  return {
    answered: answeredOnPath(path, person.answers),
    total: path.questionIds.size,
    minutesText: path.minutes === undefined ? '' : `about ${path.minutes} minutes`,
  };
}

/** Started: one answer on the path; finished: every question of it. */
export function stageOf(progress: Pick<PathProgress, 'answered' | 'total'>): 'new' | 'started' | 'finished' {
  if (progress.total > 0 && progress.answered >= progress.total) return 'finished';
  return progress.answered > 0 ? 'started' : 'new';
}
