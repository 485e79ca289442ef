import {
  aggregateChanges,
  answerChanges,
  erasureChanges,
  PendingChanges,
  teamJoinChanges,
  type AggregateChange,
  type AnswerChange,
  type ChangeParts,
} from '../../src/aggregation/aggregate-changes';
import { contributions } from '../../src/aggregation/contributions';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue } from '../../src/domain/answers';

const index = new ContentIndex(loadContentPack());
const USER = 'user-1';
const TEAM = 'team-1';
const RATING = 'bi-industry-impact';
const STATEMENTS = 'am-want';
const rating: AnswerValue = { kind: 'rating', value: 4 };
const five: AnswerValue = { kind: 'rating', value: 5 };
const statement: AnswerValue = { kind: 'rows', rows: [{ rowId: 'r1', statement: 'Fewer manual reports' }] };

const questionOf = (questionId: string) => index.find(questionId)!.question;

/** One answer going from `before` to `after`, for someone who had answered `earlier` already. */
function change(
  questionId: string,
  before: AnswerValue | undefined,
  after: AnswerValue | undefined,
  earlier: string[] = [],
  teamIds: string[] = [TEAM],
): AnswerChange {
  const roles = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'employee' as const]));
  return {
    question: questionOf(questionId),
    userId: USER,
    before: before && { value: before, role: 'employee' },
    after: after && { value: after, role: 'employee' },
    index,
    personBefore: { answered: roles(before ? [...earlier, questionId] : earlier) },
    personAfter: { answered: roles(after ? [...earlier, questionId] : earlier) },
    teamIds,
  };
}

const changesOf = (...parts: AnswerChange[]): AggregateChange[] => {
  const pending = new PendingChanges();
  for (const part of parts) pending.add(answerChanges(part));
  return pending.changes();
};

/** Per document: counters and the statement keys set or removed, to compare changes regardless of order. */
function byDocument(changes: readonly AggregateChange[]) {
  return Object.fromEntries(
    changes.map((c) => [
      `${c.questionId}/${c.teamId ?? 'organisation'}`,
      {
        delta: c.delta,
        set: c.quoteSets.map((q) => `${q.slot}=${q.quote.k}`).sort(),
        removed: c.quoteRemovals.map((q) => `${q.slot}=${q.key}`).sort(),
      },
    ]),
  );
}

const merged = ({ deltas, quotes }: ChangeParts) => aggregateChanges(deltas, quotes);

const negated = (delta: Record<string, number>) =>
  Object.fromEntries(Object.entries(delta).map(([name, amount]) => [name, -amount]));

describe('aggregate changes: every counter delta is worked out here', () => {
  it('an answer set counts once in the organisation and once in each of the person’s teams', () => {
    const changes = byDocument(changesOf(change(RATING, undefined, rating)));
    expect(Object.keys(changes).sort()).toEqual([`${RATING}/organisation`, `${RATING}/${TEAM}`]);
    expect(changes[`${RATING}/organisation`]).toEqual(changes[`${RATING}/${TEAM}`]);
    // The answer itself, and the person counted once, on their first answered question.
    expect(changes[`${RATING}/organisation`].delta).toMatchObject({ 'employee:n': 1, 'employee:people': 1 });
  });

  it('a statement set fills a quote slot; cleared, it empties that slot and takes back every counter', () => {
    const set = byDocument(changesOf(change(STATEMENTS, undefined, statement, [RATING], [])));
    const cleared = byDocument(changesOf(change(STATEMENTS, statement, undefined, [RATING], [])));
    const key = `${STATEMENTS}/organisation`;
    expect(set[key].set).toHaveLength(1);
    expect(cleared[key].removed).toEqual(set[key].set);
    expect(cleared[key].delta).toEqual(negated(set[key].delta));
    expect(Object.keys(set[key].delta).length).toBeGreaterThan(0);
  });

  it('an answer set and cleared in the same turn leaves nothing to apply', () => {
    expect(changesOf(change(RATING, undefined, rating), change(RATING, rating, undefined))).toEqual([]);
  });

  it('an answer first counted as an employee’s, edited after the person became a leader, moves to the leaders’ group', () => {
    const edited = byDocument(
      changesOf({
        question: questionOf(RATING),
        userId: USER,
        before: { value: rating, role: 'employee' },
        after: { value: five, role: 'leader' },
        index,
        personBefore: { answered: { [RATING]: 'employee' }, path: 'full' },
        personAfter: { answered: { [RATING]: 'leader' }, path: 'full' },
        teamIds: [],
      }),
    );
    // The old answer leaves the employees' counters, the new one joins the leaders', and so does the person.
    expect(edited[`${RATING}/organisation`].delta).toEqual({
      ...negated(contributions(questionOf(RATING), rating, 'employee')),
      'employee:people': -1,
      'employee:onPath:full': -1,
      ...contributions(questionOf(RATING), five, 'leader'),
      'leader:people': 1,
      'leader:onPath:full': 1,
    });
    expect(Object.keys(edited)).toEqual([`${RATING}/organisation`]);
  });

  it('an erasure takes out exactly what the answers put in, in the organisation and every team', () => {
    const put = changesOf(change(RATING, undefined, rating), change(STATEMENTS, undefined, statement, [RATING]));
    const answers = [
      { questionId: RATING, role: 'employee' as const, value: rating },
      { questionId: STATEMENTS, role: 'employee' as const, value: statement },
    ];
    const erased = byDocument(erasureChanges(index, USER, answers, [TEAM]));
    const added = byDocument(put);
    expect(Object.keys(erased).sort()).toEqual(Object.keys(added).sort());
    for (const [key, { delta, set }] of Object.entries(added)) {
      expect(erased[key].delta).toEqual(negated(delta));
      expect(erased[key].removed).toEqual(set);
    }
  });

  it('joining a team adds all the person’s answers to that team only, as if answered there', () => {
    const answers = [
      { userId: USER, questionId: RATING, role: 'employee' as const, value: rating },
      { userId: USER, questionId: STATEMENTS, role: 'employee' as const, value: statement },
    ];
    const joined = byDocument(merged(teamJoinChanges(index, USER, TEAM, answers)));
    const answeredInTeam = byDocument(
      changesOf(change(RATING, undefined, rating), change(STATEMENTS, undefined, statement, [RATING])).filter(
        (c) => c.teamId === TEAM,
      ),
    );
    expect(joined).toEqual(answeredInTeam);
    expect(Object.keys(joined).every((key) => key.endsWith(`/${TEAM}`))).toBe(true);
  });

  it('leaves out answers to questions no longer in the pack', () => {
    const gone = [{ userId: USER, questionId: 'retired-question', role: 'employee' as const, value: rating }];
    expect(merged(teamJoinChanges(index, USER, TEAM, gone))).toEqual([]);
    expect(erasureChanges(index, USER, gone, [TEAM])).toEqual([]);
  });
});
