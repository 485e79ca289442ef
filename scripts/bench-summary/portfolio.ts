import { performance } from 'node:perf_hooks';
import type { ContentIndex } from '../../src/content/content-index';
import type { Thresholds } from '../../src/leadership/thresholds';
import { portfolioQuestions } from '../../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../../src/portfolio/portfolio-reader';
import type { Containers } from '../../src/storage/cosmos';
import { cosmosStores } from '../../src/storage/cosmos-stores';
import type { StoredAnswer } from '../../src/storage/user-docs';

/**
 * Computes and stores the tenant's portfolio as the app's first read after a batch would, but from the answers the
 * seeding wrote (kept in memory) instead of the query: the embedded server runs a query over a whole container in
 * quadratic time (see the naive full scan), where Cosmos DB reads the three questions' answers by index. The app's
 * reads then find it current. Returns how long the computation took, in ms.
 */
export async function preparePortfolio(
  containers: Containers,
  index: ContentIndex,
  tenantId: string,
  answers: readonly StoredAnswer[],
  thresholds: Thresholds,
): Promise<number> {
  const questions = portfolioQuestions(index);
  if (!questions) throw new Error('the content pack has no use-case question');
  const clock = () => new Date();
  const { portfolios, aggregates } = cosmosStores(containers, { publishAfter: thresholds.group, clock });
  const reader = new PortfolioReader({
    index,
    questions,
    portfolios,
    aggregates,
    answers: { listForQuestions: () => Promise.resolve([...answers]) },
    thresholds,
    clock,
  });
  const started = performance.now();
  await reader.current(tenantId);
  return performance.now() - started;
}
