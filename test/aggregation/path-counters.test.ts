import { PendingChanges, answerChanges, personChanges } from '../../src/aggregation/aggregate-changes';
import type { Counters } from '../../src/aggregation/contributions';
import { personCounters, type PersonProgress } from '../../src/aggregation/person-counters';
import { counterDifferences, recomputeCounters, type RawAnswer } from '../../src/aggregation/recompute';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue } from '../../src/domain/answers';
import type { Role } from '../../src/domain/roles';

const index = new ContentIndex(loadContentPack());
const shortIds = [...index.path('short')!.questionIds];
const allIds = index.allQuestions().map(({ question }) => question.id);
const USER = 'user-1';
const TEAM = 'team-1';
const rating: AnswerValue = { kind: 'rating', value: 4 };

/** The participation counters of one person, summed over the questions (as a summary adds them up). */
function summed(person: PersonProgress): Counters {
  const sums: Counters = {};
  for (const { delta } of personCounters(index, person))
    for (const [name, amount] of Object.entries(delta)) sums[name] = (sums[name] ?? 0) + amount;
  return sums;
}

const answered = (ids: readonly string[], role: Role = 'employee') =>
  Object.fromEntries(ids.map((id) => [id, role] as const));

/** A person's turns, one by one: counter changes kept per document, as the aggregate store would hold them. */
class Person {
  readonly answers = new Map<string, RawAnswer>();
  path?: string;
  private readonly counters = new Map<string, Counters>();

  constructor(private readonly role: Role) {}

  answer(questionId: string): void {
    const before = this.progress();
    const earlier = this.answers.get(questionId);
    this.answers.set(questionId, { userId: USER, questionId, role: this.role, value: rating });
    this.path ??= index.pathFor(undefined, this.role).id;
    this.apply(
      answerChanges({
        question: index.find(questionId)!.question,
        userId: USER,
        before: earlier && { value: earlier.value, role: earlier.role },
        after: { value: rating, role: this.role },
        index,
        personBefore: before,
        personAfter: this.progress(),
        teamIds: [TEAM],
      }),
    );
  }

  choose(path: string): void {
    const before = this.progress();
    this.path = path;
    this.apply(personChanges(index, before, this.progress(), [TEAM]));
  }

  /** The organisation's counters as maintained turn by turn. */
  maintained(): Map<string, Counters> {
    return this.counters;
  }

  private progress(): PersonProgress {
    return { answered: answered([...this.answers.keys()], this.role), path: this.path };
  }

  private apply(parts: Parameters<PendingChanges['add']>[0]): void {
    const pending = new PendingChanges();
    pending.add(parts);
    for (const { questionId, teamId, delta } of pending.changes()) {
      if (teamId !== undefined) continue;
      const counters = this.counters.get(questionId) ?? {};
      for (const [name, amount] of Object.entries(delta)) counters[name] = (counters[name] ?? 0) + amount;
      this.counters.set(questionId, counters);
    }
  }
}

describe('participation counted against each person’s path', () => {
  it('the default pack asks employees a short path without the budget questions, and leaders every question', () => {
    expect(shortIds.length).toBeGreaterThan(0);
    expect(shortIds.length).toBeLessThanOrEqual(15);
    expect(shortIds).not.toEqual(expect.arrayContaining(['lb-budget-mapped']));
    expect(shortIds).not.toEqual(expect.arrayContaining(['lb-budget-anchored']));
    expect(index.pathFor(undefined, 'employee').id).toBe('short');
    expect(index.pathFor(undefined, 'leader').questionIds.size).toBe(allIds.length);
    expect(index.pathFor('full', 'employee').questionIds.size).toBe(allIds.length);
  });

  it('an employee who answered the short path has finished; the same answers on the full path have not', () => {
    expect(summed({ answered: answered(shortIds) })).toMatchObject({
      'employee:people': 1,
      'employee:completed': 1,
      'employee:onPath:short': shortIds.length,
    });
    const chosenFull = summed({ answered: answered(shortIds), path: 'full' });
    expect(chosenFull['employee:completed']).toBeUndefined();
    expect(chosenFull['employee:onPath:full']).toBe(shortIds.length);
    expect(summed({ answered: answered(shortIds, 'leader') })['leader:completed']).toBeUndefined();
    expect(summed({ answered: answered(allIds, 'leader') })['leader:completed']).toBe(1);
  });

  it('counts only answers to questions of the path towards progress on it', () => {
    const counters = summed({ answered: answered([...shortIds, 'lb-budget-mapped']), path: 'short' });
    expect(counters['employee:onPath:short']).toBe(shortIds.length);
    expect(counters['employee:completed']).toBe(1);
  });

  it('switching paths moves the person’s progress turn by turn to what a rebuild from the answers finds', () => {
    const person = new Person('employee');
    for (const id of shortIds) person.answer(id);
    const rebuilt = () => recomputeCounters(index, [...person.answers.values()], new Map([[USER, person.path ?? '']]));
    expect(person.path).toBe('short');
    expect(counterDifferences(person.maintained(), rebuilt())).toEqual([]);
    expect(sum(person.maintained(), 'employee:completed')).toBe(1);

    person.choose('full');
    expect(counterDifferences(person.maintained(), rebuilt())).toEqual([]);
    expect(sum(person.maintained(), 'employee:completed')).toBe(0);
    expect(sum(person.maintained(), 'employee:onPath:short')).toBe(0);
    expect(sum(person.maintained(), 'employee:onPath:full')).toBe(shortIds.length);

    for (const id of allIds) person.answer(id);
    expect(counterDifferences(person.maintained(), rebuilt())).toEqual([]);
    expect(sum(person.maintained(), 'employee:completed')).toBe(1);

    person.choose('short');
    expect(counterDifferences(person.maintained(), rebuilt())).toEqual([]);
    expect(sum(person.maintained(), 'employee:onPath:short')).toBe(shortIds.length);
    expect(sum(person.maintained(), 'employee:people')).toBe(1);
  });

  it('choosing the path one is on already changes no counter', () => {
    const progress = { answered: answered(shortIds.slice(0, 3)), path: 'short' };
    expect(personChanges(index, progress, { ...progress }, [TEAM]).deltas).toEqual([]);
    // Recording the path the person was counted on anyway changes nothing either.
    expect(personChanges(index, { ...progress, path: undefined }, progress, [TEAM]).deltas).toEqual([]);
  });
});

function sum(counters: ReadonlyMap<string, Counters>, name: string): number {
  return [...counters.values()].reduce((acc, entry) => acc + (entry[name] ?? 0), 0);
}
