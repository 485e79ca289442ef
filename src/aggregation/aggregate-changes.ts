import type { ContentIndex } from '../content/content-index';
import type { Question } from '../content/types';
import type { Role } from '../domain/roles';
import { counterDelta, type CountedAnswer, type Counters } from './contributions';
import { mergeDelta, personDeltas, type PersonProgress, type QuestionDelta } from './person-counters';
import { quoteChanges, type QuoteRemoval, type QuoteSet, type ScopedQuoteChanges } from './quotes';
import { recomputeCounters, type RawAnswer } from './recompute';

/**
 * The one place where counter and example-statement changes are worked out: an answer set or cleared, a person's
 * answers erased, a person joining a team. Callers apply the result through the aggregate store and compute nothing.
 */

/** Everything one person's turn changes on one aggregate document (a question, in the organisation or a team). */
export interface AggregateChange {
  questionId: string;
  /** A team's document; absent for the organisation's. */
  teamId?: string;
  delta: Counters;
  /** Statements offered to their quote slots (each live slot keeps the smallest key). */
  quoteSets: QuoteSet[];
  /** Statements that no longer exist: emptied wherever a slot, live or published, still holds them. */
  quoteRemovals: QuoteRemoval[];
}

/** Counter deltas and quote changes not yet combined per document. */
export interface ChangeParts {
  deltas: QuestionDelta[];
  quotes: ScopedQuoteChanges[];
}

/** A turn's counter deltas and quote changes, one change per document, in the order first touched. */
export function aggregateChanges(
  deltas: readonly QuestionDelta[],
  quotes: readonly ScopedQuoteChanges[] = [],
): AggregateChange[] {
  const changes = new Map<string, AggregateChange>();
  const changeOf = (questionId: string, teamId: string | undefined): AggregateChange => {
    const key = `${questionId}\u0000${teamId ?? ''}`;
    let change = changes.get(key);
    if (!change) {
      change = { questionId, ...(teamId === undefined ? {} : { teamId }), delta: {}, quoteSets: [], quoteRemovals: [] };
      changes.set(key, change);
    }
    return change;
  };
  for (const { questionId, teamId, delta } of deltas) {
    const change = changeOf(questionId, teamId);
    for (const [name, amount] of Object.entries(delta)) {
      const next = (change.delta[name] ?? 0) + amount;
      if (next === 0) delete change.delta[name];
      else change.delta[name] = next;
    }
  }
  for (const { questionId, teamId, changes: quoteChanges } of quotes)
    for (const quoteChange of quoteChanges) {
      const change = changeOf(questionId, teamId);
      if ('set' in quoteChange) change.quoteSets.push({ slot: quoteChange.slot, quote: quoteChange.set });
      else change.quoteRemovals.push({ slot: quoteChange.slot, key: quoteChange.remove });
    }
  return [...changes.values()];
}

/** One person's answer to one question going from `before` to `after` (either absent: set for the first time, or cleared). */
export interface AnswerChange {
  question: Question;
  userId: string;
  before?: CountedAnswer;
  after?: CountedAnswer;
  /** The pack's questions and paths, for the participation counters. */
  index: ContentIndex;
  /** The person before the change and after it: the questions answered, each with its counted role, and their path. */
  personBefore: PersonProgress;
  personAfter: PersonProgress;
  /** The teams the person counts towards (the organisation's counters change too). */
  teamIds: readonly string[];
}

/** What an answer set or cleared changes: the question's counters, the statements and the participation counters. */
export function answerChanges(change: AnswerChange): ChangeParts {
  const { question, userId, before, after, teamIds } = change;
  const questionId = question.id;
  const delta = counterDelta(question, before, after);
  const quotes = quoteChanges(question, userId, before?.value, after?.value);
  const parts = personChanges(change.index, change.personBefore, change.personAfter, teamIds);
  // The organisation's counters, and those of every team the person counts towards.
  for (const teamId of [undefined, ...teamIds]) {
    mergeDelta(parts.deltas, questionId, delta, teamId);
    if (quotes.length > 0) parts.quotes.push({ questionId, teamId, changes: quotes });
  }
  return parts;
}

/** What a change of a person's answered questions or path does to the participation counters, everywhere they count. */
export function personChanges(
  index: ContentIndex,
  before: PersonProgress,
  after: PersonProgress,
  teamIds: readonly string[],
): ChangeParts {
  const people = personDeltas(index, before, after);
  const parts: ChangeParts = { deltas: [], quotes: [] };
  for (const teamId of [undefined, ...teamIds])
    for (const person of people) mergeDelta(parts.deltas, person.questionId, person.delta, teamId);
  return parts;
}

/**
 * The changes that take a person's answers out of the organisation's and each of their teams' figures: each answer
 * cleared in turn, as if the person cleared them one by one.
 */
export function erasureChanges(
  index: ContentIndex,
  userId: string,
  answers: readonly Omit<RawAnswer, 'userId'>[],
  teamIds: readonly string[],
  path?: string,
): AggregateChange[] {
  const pending = new PendingChanges();
  let remaining: Record<string, Role> = Object.fromEntries(answers.map((answer) => [answer.questionId, answer.role]));
  for (const answer of answers) {
    const ref = index.find(answer.questionId);
    if (!ref) continue;
    const after = { ...remaining };
    delete after[answer.questionId];
    pending.add(
      answerChanges({
        question: ref.question,
        userId,
        before: { value: answer.value, role: answer.role },
        index,
        personBefore: { answered: remaining, path },
        personAfter: { answered: after, path },
        teamIds,
      }),
    );
    remaining = after;
  }
  return pending.changes();
}

/**
 * The changes that add a person's answers, all of them, to one set of figures: a team's, or the organisation's when
 * `teamId` is absent. `path` is the path recorded for them, if any.
 */
export function additionChanges(
  index: ContentIndex,
  userId: string,
  answers: readonly RawAnswer[],
  teamId?: string,
  path?: string,
): ChangeParts {
  const paths = new Map(path === undefined ? [] : [[userId, path]]);
  const deltas = [...recomputeCounters(index, answers, paths)].map(([questionId, delta]) => ({
    questionId,
    ...(teamId === undefined ? {} : { teamId }),
    delta,
  }));
  const quotes = answers
    .map((answer) => {
      const ref = index.find(answer.questionId);
      const changes = ref ? quoteChanges(ref.question, userId, undefined, answer.value) : [];
      return { questionId: answer.questionId, teamId, changes };
    })
    .filter(({ changes }) => changes.length > 0);
  return { deltas, quotes };
}

/** The changes that add a person's answers to the figures of a team they just joined. */
export function teamJoinChanges(
  index: ContentIndex,
  userId: string,
  teamId: string,
  answers: readonly RawAnswer[],
  path?: string,
): ChangeParts {
  return additionChanges(index, userId, answers, teamId, path);
}

/** A turn's changes so far, merged per document; the turn applies them once its answers are stored. */
export class PendingChanges {
  private readonly deltas: QuestionDelta[] = [];
  private readonly quotes: ScopedQuoteChanges[] = [];

  add(parts: ChangeParts): void {
    for (const { questionId, delta, teamId } of parts.deltas) mergeDelta(this.deltas, questionId, delta, teamId);
    this.quotes.push(...parts.quotes);
  }

  /** One change per aggregate document the turn touched. */
  changes(): AggregateChange[] {
    return aggregateChanges(this.deltas, this.quotes);
  }
}
