import type { AggregateChange } from '../../aggregation/aggregate-changes';
import type { TurnUnit } from '../../strategy/turn-unit';

/** The summed change of everyone who changed one counters document, and who they are. */
export interface CombinedChange {
  personIds: string[];
  change: AggregateChange;
}

/**
 * The counter changes of many people's turns, summed per document (organisation or team, per question), so a bulk
 * import costs one write per document instead of one per person and document.
 */
export class CombinedChanges {
  private readonly byDocument = new Map<string, CombinedChange>();

  /** Adds what one person's turn changes (as the bot would apply it when the turn ends). */
  add(personId: string, unit: TurnUnit): void {
    for (const change of unit.pendingChanges.changes()) {
      const key = `${change.questionId}\u0000${change.teamId ?? ''}`;
      const entry = this.byDocument.get(key);
      if (!entry) {
        this.byDocument.set(key, { personIds: [personId], change });
        continue;
      }
      entry.personIds.push(personId);
      for (const [name, amount] of Object.entries(change.delta))
        entry.change.delta[name] = (entry.change.delta[name] ?? 0) + amount;
      entry.change.quoteSets.push(...change.quoteSets);
      entry.change.quoteRemovals.push(...change.quoteRemovals);
    }
  }

  /** One change per document, in a fixed order (by document), each with its people in a fixed order. */
  all(): CombinedChange[] {
    return [...this.byDocument.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => ({ personIds: [...entry.personIds].sort(), change: entry.change }));
  }
}
