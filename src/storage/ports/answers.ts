import type { StoredAnswer } from '../user-docs';

/** Reads the strategy conversation's answers (the session store writes and erases them with the session). */
export interface AnswerStore {
  /** Every answer of one person. */
  listForUser(tenantId: string, userId: string): Promise<StoredAnswer[]>;
  /** Every answer in the tenant (the rebuild and the benchmark's naive baseline). */
  listAllInTenant(tenantId: string): Promise<StoredAnswer[]>;
  /** When the tenant's earliest stored answer was given (ISO), if any: the strategy document's date range. */
  firstAnsweredAt(tenantId: string): Promise<string | undefined>;
  /** The path recorded for each person in the tenant who has one, by user id (the rebuild). */
  listPathsInTenant(tenantId: string): Promise<Map<string, string>>;
  /**
   * The answers to these questions in the tenant (the portfolio's recomputation); with `teamId`, only of the people who
   * count towards that team (see TeamMembership).
   */
  listForQuestions(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<StoredAnswer[]>;
}
