import type { Role } from '../domain/roles';
import type { Counters } from './contributions';

/** Which questions one person has answered, each with the role its answer is counted under. */
export type AnsweredRoles = Readonly<Record<string, Role>>;

/** A counter change on one question's aggregate document. */
export interface QuestionDelta {
  questionId: string;
  delta: Counters;
  /** A team's counters; absent for the organisation's. */
  teamId?: string;
}

/**
 * Participation without extra documents: each person is counted once, as `<role>:people` (and `<role>:completed` when
 * every question is answered), on the aggregate of the FIRST question in questionnaire order that they have answered,
 * under that answer's role. Summaries add these up over the questions they read anyway. The place is derived from the
 * answers alone, so a rebuild from raw answers lands on the same documents.
 */
export function personDeltas(order: readonly string[], before: AnsweredRoles, after: AnsweredRoles): QuestionDelta[] {
  const was = anchorOf(order, before);
  const is = anchorOf(order, after);
  const changes = new Map<string, Counters>();
  const add = (questionId: string, name: string, amount: number) => {
    const delta = changes.get(questionId) ?? {};
    delta[name] = (delta[name] ?? 0) + amount;
    changes.set(questionId, delta);
  };
  if (was) {
    add(was.questionId, `${was.role}:people`, -1);
    if (was.complete) add(was.questionId, `${was.role}:completed`, -1);
  }
  if (is) {
    add(is.questionId, `${is.role}:people`, 1);
    if (is.complete) add(is.questionId, `${is.role}:completed`, 1);
  }
  return [...changes]
    .map(([questionId, delta]) => ({
      questionId,
      delta: Object.fromEntries(Object.entries(delta).filter(([, amount]) => amount !== 0)),
    }))
    .filter(({ delta }) => Object.keys(delta).length > 0);
}

/** The person counters of someone with these answers (what a rebuild adds for them). */
export function personCounters(order: readonly string[], answered: AnsweredRoles): QuestionDelta[] {
  return personDeltas(order, {}, answered);
}

function anchorOf(
  order: readonly string[],
  answered: AnsweredRoles,
): { questionId: string; role: Role; complete: boolean } | undefined {
  const questionId = order.find((id) => answered[id] !== undefined);
  if (questionId === undefined) return undefined;
  return { questionId, role: answered[questionId], complete: order.every((id) => answered[id] !== undefined) };
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
