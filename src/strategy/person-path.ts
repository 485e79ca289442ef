import type { ContentIndex } from '../content/content-index';
import type { PathView } from '../content/path-view';
import type { Role } from '../domain/roles';
import type { SessionDoc } from '../storage/user-docs';

/**
 * The path a person walks: the one recorded for them (chosen, or recorded with their first answer), else the one the
 * group of their first answer starts on (their current group before they answer anything). The same rule as the
 * participation counters (countedPath), so that "finished" in the summaries means what the person was asked.
 */
export function pathOfPerson(
  index: ContentIndex,
  person: Pick<SessionDoc, 'answers' | 'answerRoles' | 'path'>,
  role: Role,
): PathView {
  const anchor = index.firstAnswered(person.answers);
  const group = anchor === undefined ? role : (person.answerRoles?.[anchor] ?? role);
  return index.pathFor(person.path, group);
}

/** How many of the path's questions the person has answered. */
export function answeredOnPath(path: PathView, answers: Readonly<Record<string, unknown>>): number {
  return [...path.questionIds].filter((questionId) => answers[questionId] !== undefined).length;
}
