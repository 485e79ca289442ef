import type { ContentIndex } from '../content/content-index';
import type { AnswerValue } from '../domain/answers';
import type { Role } from '../domain/roles';
import { contributions, type Counters } from './contributions';
import { personCounters } from './person-counters';

/** The parts of a stored answer a recomputation needs. */
export interface RawAnswer {
  userId: string;
  questionId: string;
  role: Role;
  value: AnswerValue;
}

/**
 * The counters every question's aggregate should hold for these answers and the paths recorded for their people (by
 * user id): what the turns maintain incrementally, computed from scratch. Answers to questions no longer in the pack
 * are left out, as the turns do.
 */
export function recomputeCounters(
  index: ContentIndex,
  answers: Iterable<RawAnswer>,
  paths: ReadonlyMap<string, string> = new Map(),
): Map<string, Counters> {
  const result = new Map<string, Counters>();
  const addAll = (questionId: string, delta: Counters) => {
    const counters = result.get(questionId) ?? {};
    for (const [name, amount] of Object.entries(delta)) counters[name] = (counters[name] ?? 0) + amount;
    result.set(questionId, counters);
  };
  const byUser = new Map<string, Record<string, Role>>();
  for (const answer of answers) {
    const ref = index.find(answer.questionId);
    if (!ref) continue;
    addAll(answer.questionId, contributions(ref.question, answer.value, answer.role));
    byUser.set(answer.userId, { ...byUser.get(answer.userId), [answer.questionId]: answer.role });
  }
  for (const [userId, answered] of byUser)
    for (const { questionId, delta } of personCounters(index, { answered, path: paths.get(userId) }))
      addAll(questionId, delta);
  return result;
}

/** Counters without zero entries (a maintained counter that went back to 0 equals one never set). */
export function nonZero(counters: Counters): Counters {
  return Object.fromEntries(
    Object.entries(counters)
      .filter(([, amount]) => amount !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Where two sets of per-question counters differ, as "question counter: a ≠ b" lines (empty when equal). */
export function counterDifferences(
  maintained: ReadonlyMap<string, Counters>,
  rebuilt: ReadonlyMap<string, Counters>,
): string[] {
  const differences: string[] = [];
  const questions = [...new Set([...maintained.keys(), ...rebuilt.keys()])].sort();
  for (const questionId of questions) {
    const a = nonZero(maintained.get(questionId) ?? {});
    const b = nonZero(rebuilt.get(questionId) ?? {});
    for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if ((a[name] ?? 0) !== (b[name] ?? 0))
        differences.push(`${questionId} ${name}: maintained ${a[name] ?? 0}, from answers ${b[name] ?? 0}`);
    }
  }
  return differences;
}
