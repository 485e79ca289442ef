import type { Counters } from './contributions';
import type { QuestionDelta } from './person-counters';
import type { QuoteRemoval, QuoteSet, ScopedQuoteChanges } from './quotes';

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
