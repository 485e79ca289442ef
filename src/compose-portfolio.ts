import type { AuditTrail } from './audit/audit-trail';
import type { CardRenderer } from './cards/card-renderer';
import type { ContentIndex } from './content/content-index';
import type { Thresholds } from './leadership/thresholds';
import { PortfolioReader } from './portfolio/portfolio-reader';
import { portfolioQuestions } from './portfolio/portfolio-questions';
import { PortfolioService } from './portfolio/portfolio-service';
import type { Stores } from './storage/ports';

export interface PortfolioOptions {
  index: ContentIndex;
  stores: Pick<Stores, 'portfolios' | 'aggregates' | 'answers'>;
  thresholds: Thresholds;
  cards: CardRenderer;
  audit: AuditTrail;
  clock: () => Date;
}

/** The use-case portfolio: its reader (stored, recomputed after a batch) and the leaders' service on top of it. */
export function composePortfolio(options: PortfolioOptions): PortfolioService {
  const { index, stores, thresholds, clock } = options;
  const questions = portfolioQuestions(index);
  const reader =
    questions &&
    new PortfolioReader({
      index,
      questions,
      portfolios: stores.portfolios,
      aggregates: stores.aggregates,
      answers: stores.answers,
      thresholds,
      clock,
    });
  return new PortfolioService({
    pack: index.pack,
    reader,
    portfolios: stores.portfolios,
    cards: options.cards,
    audit: options.audit,
    clock,
  });
}
