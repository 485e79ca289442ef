import type { AggregateStore } from '../storage/ports';
import { appliedBy, documentKey, type AppliedMark, type OwedChanges } from './owed-changes';

/**
 * Tells whether owed changes are in the counters: this instance's by its queue, any other instance's by the
 * high-water marks of the documents they are for (each document read once per check).
 */
export class OwedHeld {
  private readonly marks = new Map<string, Promise<Record<string, AppliedMark> | undefined>>();

  constructor(
    private readonly queue: { readonly instanceId: string; isSettled(owed: OwedChanges): boolean },
    private readonly aggregates: Pick<AggregateStore, 'readDoc'>,
  ) {}

  async held(tenantId: string, owed: OwedChanges): Promise<boolean> {
    if (owed.by === this.queue.instanceId) return this.queue.isSettled(owed);
    for (const change of owed.changes)
      if (!appliedBy(await this.marksOf(tenantId, change.questionId, change.teamId), owed)) return false;
    return true;
  }

  async allHeld(tenantId: string, owed: readonly OwedChanges[]): Promise<boolean> {
    for (const entry of owed) if (!(await this.held(tenantId, entry))) return false;
    return true;
  }

  private marksOf(tenantId: string, questionId: string, teamId: string | undefined) {
    const key = documentKey(tenantId, questionId, teamId);
    let read = this.marks.get(key);
    if (!read) {
      read = this.aggregates.readDoc(tenantId, questionId, teamId).then((doc) => doc?.applied);
      this.marks.set(key, read);
    }
    return read;
  }
}
