import type { ContentIndex } from '../content/content-index';
import { effectiveGroup, type Thresholds } from '../leadership/thresholds';
import {
  PORTFOLIO_PARTITION,
  type AggregateDoc,
  type AggregateStore,
  type AnswerStore,
  type PortfolioDoc,
  type PortfolioEditsDoc,
  type PortfolioStore,
} from '../storage/ports';
import { portfolioId } from '../storage/portfolio-store';
import { computePortfolio } from './compute-portfolio';
import { packLexicon, type ConceptLexicon } from './concept-lexicon';
import { ideaRows } from './idea-rows';
import { basisOf, publishedOnly, withTitlesStillShared } from './portfolio-basis';
import { portfolioFigures, type PortfolioFigures } from './portfolio-figures';
import { portfolioQuestionIds, type PortfolioQuestions } from './portfolio-questions';

export interface PortfolioReaderDeps {
  index: ContentIndex;
  questions: PortfolioQuestions;
  portfolios: PortfolioStore;
  aggregates: Pick<AggregateStore, 'readDoc'>;
  answers: Pick<AnswerStore, 'listForQuestions'>;
  thresholds: Thresholds;
  clock: () => Date;
}

/** The current portfolio and the edits of its tenant, as one read gives them. */
export interface CurrentPortfolio {
  doc: PortfolioDoc;
  edits: PortfolioEditsDoc;
}

/**
 * Reads a scope's portfolio: point reads of the stored portfolio, the tenant's edits and the counters of the questions
 * it is computed from. Only when those counters' published copy moved (a batch) is it computed again from the answers
 * of just those questions (of the team's people, for a team), and stored conditionally; a lost race reads the winner's.
 * When only words were removed since (an edit, an unshared idea, a deletion), the titles are checked and the figures kept.
 * When the answers cannot be read, the portfolio as stored is returned, unless words were removed from it since.
 */
export class PortfolioReader {
  private readonly questionIds: string[];
  private readonly lexicon: ConceptLexicon;

  constructor(private readonly deps: PortfolioReaderDeps) {
    this.questionIds = portfolioQuestionIds(deps.questions);
    this.lexicon = packLexicon(deps.index.pack);
  }

  get k(): number {
    return effectiveGroup(this.deps.thresholds);
  }

  async current(tenantId: string, teamId?: string): Promise<CurrentPortfolio> {
    const { portfolios, aggregates, index } = this.deps;
    const [stored, edits, docs] = await Promise.all([
      portfolios.read(tenantId, teamId),
      portfolios.edits(tenantId),
      Promise.all(this.questionIds.map((id) => aggregates.readDoc(tenantId, id, teamId))).then(
        (found) => new Map<string, AggregateDoc | undefined>(this.questionIds.map((id, i) => [id, found[i]])),
      ),
    ]);
    const basis = basisOf(docs, index.pack, this.k);
    const revision = docs.get(this.deps.questions.useCases.id)?.revision ?? 0;
    if (stored && stored.doc.basis === basis && stored.doc.revision === revision)
      return { doc: stored.doc, edits: edits.doc };
    let answers: Awaited<ReturnType<PortfolioReaderDeps['answers']['listForQuestions']>>;
    try {
      answers = await this.deps.answers.listForQuestions(tenantId, this.questionIds, teamId);
    } catch (error) {
      // The portfolio as last stored is still one a batch made: better than none while the answers cannot be read.
      if (stored && stored.doc.revision === revision) return { doc: stored.doc, edits: edits.doc };
      throw error;
    }
    const next =
      stored && stored.doc.basis === basis
        ? withTitlesStillShared(
            stored.doc,
            ideaRows(this.deps.questions, answers, () => true),
            revision,
          )
        : this.computed(tenantId, teamId, basis, revision, edits.doc.salt, docs, answers);
    if (await portfolios.write(next, stored?.etag)) return { doc: next, edits: edits.doc };
    const winner = await portfolios.read(tenantId, teamId);
    return { doc: winner?.doc ?? next, edits: edits.doc };
  }

  /** The current portfolio through the thresholds, with the edits applied; shared words only with `titles`. */
  async figures(tenantId: string, teamId?: string, titles = true): Promise<PortfolioFigures> {
    const { doc, edits } = await this.current(tenantId, teamId);
    return portfolioFigures(doc, edits.edits, this.k, titles);
  }

  private computed(
    tenantId: string,
    teamId: string | undefined,
    basis: string,
    revision: number,
    salt: string,
    docs: ReadonlyMap<string, AggregateDoc | undefined>,
    answers: Parameters<typeof ideaRows>[1],
  ): PortfolioDoc {
    const rows = ideaRows(this.deps.questions, answers, publishedOnly(docs));
    return {
      id: portfolioId(teamId),
      type: 'portfolio',
      tenantId,
      questionId: PORTFOLIO_PARTITION,
      ...(teamId === undefined ? {} : { teamId }),
      basis,
      revision,
      computedAt: this.deps.clock().toISOString(),
      ...computePortfolio(rows, { salt, basis, k: this.k, lexicon: this.lexicon }),
    };
  }
}
