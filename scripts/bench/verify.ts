import type { Counters } from '../../src/aggregation/contributions';
import { DEFAULT_PUBLISH_AFTER } from '../../src/storage/aggregate-store';
import type { StoredAnswer } from '../../src/storage/user-docs';
import type { Containers } from '../../src/storage/cosmos';
import { cosmosStores } from '../../src/storage/cosmos-stores';
import { storedFingerprint } from './answers';
import { total } from '../../src/aggregation/contributions';

export interface UserExpectation {
  /** The user id as the bot stores it (the lower-cased AAD object id). */
  userId: string;
  expected: ReadonlyMap<string, string>;
}

export interface Verification {
  /** Answer documents of the checked users. */
  storedAnswers: number;
  /** Accepted answers that are missing or differ in Cosmos, as "user/question: expected … stored …". */
  lost: string[];
  /** Stored answers nobody gave (should be none). */
  unexpected: string[];
  /** Questions whose aggregate counters disagree with the stored answers. */
  aggregateMismatches: string[];
}

/** Compares what every user had accepted with the answers and aggregate counters stored in Cosmos. */
export async function verifyStored(
  containers: Containers,
  tenantId: string,
  users: readonly UserExpectation[],
): Promise<Verification> {
  const { answers, aggregates } = cosmosStores(containers, {
    publishAfter: DEFAULT_PUBLISH_AFTER,
    clock: () => new Date(),
  });
  const result: Verification = { storedAnswers: 0, lost: [], unexpected: [], aggregateMismatches: [] };
  const perQuestion = new Map<string, { n: number; rows: number }>();
  for (const user of users) {
    const { stored, lost, unexpected } = compareUser(await answers.listForUser(tenantId, user.userId), user);
    result.storedAnswers += stored.size;
    result.lost.push(...lost);
    result.unexpected.push(...unexpected);
    for (const value of stored.values()) {
      const totals = perQuestion.get(value.questionId) ?? { n: 0, rows: 0 };
      perQuestion.set(value.questionId, {
        n: totals.n + 1,
        rows: totals.rows + (value.value.kind === 'rows' ? value.value.rows.length : 0),
      });
    }
  }
  const counters = await aggregates.read(tenantId, [...perQuestion.keys()]);
  for (const [questionId, totals] of perQuestion) {
    const problem = aggregateProblem(counters.get(questionId) ?? {}, totals);
    if (problem) result.aggregateMismatches.push(`${questionId}: ${problem}`);
  }
  return result;
}

/** One user's accepted answers against what Cosmos holds for them. */
export function compareUser(
  storedAnswers: readonly StoredAnswer[],
  user: UserExpectation,
): { stored: Map<string, StoredAnswer>; lost: string[]; unexpected: string[] } {
  const stored = new Map(storedAnswers.map((answer) => [answer.questionId, answer]));
  const lost: string[] = [];
  const unexpected: string[] = [];
  for (const [questionId, fingerprint] of user.expected) {
    const answer = stored.get(questionId);
    const found = answer === undefined ? 'nothing' : storedFingerprint(answer.value);
    if (found !== fingerprint) lost.push(`${user.userId}/${questionId}: expected "${fingerprint}", stored ${found}`);
  }
  for (const questionId of stored.keys())
    if (!user.expected.has(questionId)) unexpected.push(`${user.userId}/${questionId}`);
  return { stored, lost, unexpected };
}

function aggregateProblem(counters: Counters, totals: { n: number; rows: number }): string | undefined {
  const n = total(counters, 'n');
  if (n !== totals.n) return `n is ${n}, ${totals.n} answers stored`;
  const rows = total(counters, 'rows');
  if (rows !== totals.rows) return `rows is ${rows}, ${totals.rows} rows stored`;
  return undefined;
}
