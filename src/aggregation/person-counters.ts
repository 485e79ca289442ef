import type { ContentIndex } from '../content/content-index';
import type { PathView } from '../content/path-view';
import type { Role } from '../domain/roles';
import type { Counters } from './contributions';

/** Which questions one person has answered, each with the role its answer is counted under. */
export type AnsweredRoles = Readonly<Record<string, Role>>;

/** What one person's participation counters depend on: what they answered and the path they chose, if any. */
export interface PersonProgress {
  answered: AnsweredRoles;
  /** The path recorded for them; without one, the path the group of their first answer starts on. */
  path?: string;
}

/** A counter change on one question's aggregate document. */
export interface QuestionDelta {
  questionId: string;
  delta: Counters;
  /** A team's counters; absent for the organisation's. */
  teamId?: string;
}

/**
 * Participation without extra documents. Each person is counted once, as `<role>:people` (and `<role>:completed` when
 * every question of their path is answered), on the aggregate of the FIRST question in questionnaire order that they
 * have answered, under that answer's role. Each answer to a question on their path also counts as
 * `<role>:onPath:<path id>` on that question, so that progress is measured against the questions each person was
 * asked. Summaries add these up over the questions they read anyway. The counters are derived from the answers and
 * the recorded path alone, so a rebuild from them lands on the same documents.
 */
export function personCounters(index: ContentIndex, person: PersonProgress): QuestionDelta[] {
  const anchor = index.firstAnswered(person.answered);
  if (anchor === undefined) return [];
  const role = person.answered[anchor];
  const path = countedPath(index, person);
  const byQuestion = new Map<string, Counters>();
  const add = (questionId: string, name: string) => {
    const counters = byQuestion.get(questionId) ?? {};
    counters[name] = (counters[name] ?? 0) + 1;
    byQuestion.set(questionId, counters);
  };
  add(anchor, `${role}:people`);
  if ([...path.questionIds].every((id) => person.answered[id] !== undefined)) add(anchor, `${role}:completed`);
  for (const [questionId, answerRole] of Object.entries(person.answered))
    if (path.questionIds.has(questionId)) add(questionId, `${answerRole}:onPath:${path.id}`);
  return [...byQuestion].map(([questionId, delta]) => ({ questionId, delta }));
}

/** The path a person's answers are counted against: the one recorded, else their first answer's group's. */
export function countedPath(index: ContentIndex, person: PersonProgress): PathView {
  const anchor = index.firstAnswered(person.answered);
  return index.pathFor(person.path, anchor === undefined ? 'employee' : person.answered[anchor]);
}

/** How one person's participation counters change between two states of their answers and path. */
export function personDeltas(index: ContentIndex, before: PersonProgress, after: PersonProgress): QuestionDelta[] {
  const changes: QuestionDelta[] = [];
  for (const { questionId, delta } of personCounters(index, before))
    mergeDelta(changes, questionId, Object.fromEntries(Object.entries(delta).map(([name, n]) => [name, -n])));
  for (const { questionId, delta } of personCounters(index, after)) mergeDelta(changes, questionId, delta);
  return changes;
}

/** Adds a change into a list of per-question changes, one entry per question (fewer patches). */
export function mergeDelta(into: QuestionDelta[], questionId: string, delta: Counters, teamId?: string): void {
  const entry = into.find((candidate) => candidate.questionId === questionId && candidate.teamId === teamId);
  if (!entry) {
    if (Object.keys(delta).length > 0)
      into.push({ questionId, delta: { ...delta }, ...(teamId === undefined ? {} : { teamId }) });
    return;
  }
  for (const [name, amount] of Object.entries(delta)) {
    const next = (entry.delta[name] ?? 0) + amount;
    if (next === 0) delete entry.delta[name];
    else entry.delta[name] = next;
  }
  if (Object.keys(entry.delta).length === 0) into.splice(into.indexOf(entry), 1);
}
