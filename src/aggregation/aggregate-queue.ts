import type { AggregateStore } from '../storage/ports';
import { documentKey, newInstanceId, type OwedChanges, type OwedItem } from './owed-changes';

export interface AggregateQueueOptions {
  store: Pick<AggregateStore, 'applyOwed'>;
  /** How long a change waits for others to the same document, to be written with them. */
  flushMs: number;
  /** Told of a document that could not be written (it is tried again; the answers are safe either way). */
  onFailure: (tenantId: string, questionId: string, error: unknown) => void;
  clock?: () => Date;
}

interface DocumentQueue {
  tenantId: string;
  questionId: string;
  teamId?: string;
  /** In sequence order. */
  items: OwedItem[];
  timer?: NodeJS.Timeout;
  writing: boolean;
  failures: number;
}

const MAX_RETRY_MS = 30_000;
/** A batch that timed out may still land in the next moments; its outcome is read after this pause. */
const FIRST_CHECK_MS = 1_000;

/**
 * Applies this instance's owed changes behind the turns, coalesced per counters document: every change to a document
 * that arrives within `flushMs` goes in one write. A document applies the instance's changes in sequence order (its
 * high-water mark says which it holds), so a change waits for every earlier sequence number still being stored.
 */
export class AggregateQueue {
  readonly instanceId: string;
  private nextSeq = 1;
  /** Sequence numbers handed out whose batch is not known to be stored or not, with the documents they are for. */
  private readonly storing = new Map<number, Set<string>>();
  /** Stored changes, by sequence number, with the number of documents still to write. */
  private readonly unapplied = new Map<number, number>();
  private readonly documents = new Map<string, DocumentQueue>();
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: AggregateQueueOptions) {
    this.instanceId = newInstanceId((options.clock ?? (() => new Date()))());
  }

  /** The owed-changes record for a turn about to be stored; `stored` or `abandoned` must follow. */
  reserve(tenantId: string, changes: OwedChanges['changes'], now: Date): OwedChanges {
    const seq = this.nextSeq++;
    this.storing.set(seq, new Set(changes.map((change) => documentKey(tenantId, change.questionId, change.teamId))));
    return { by: this.instanceId, seq, at: Math.floor(now.getTime() / 1000), changes };
  }

  /** The batch carrying `owed` did not store: nothing is owed. */
  abandoned(owed: OwedChanges): void {
    this.release(owed.seq);
    this.wake();
  }

  /**
   * Whether the batch carrying `owed` was stored is not known (it timed out): its number stays in flight, holding back
   * later changes to the same documents, until `wasStored` answers (asked again with a growing pause while it fails).
   */
  unsure(tenantId: string, personId: string, owed: OwedChanges, wasStored: () => Promise<boolean>): void {
    const ask = (delayMs: number) => {
      const timer = setTimeout(() => {
        wasStored().then(
          (stored) => (stored ? this.stored(tenantId, personId, owed) : this.abandoned(owed)),
          () => ask(Math.min(MAX_RETRY_MS, delayMs * 2)),
        );
      }, delayMs);
      timer.unref();
    };
    ask(FIRST_CHECK_MS);
  }

  /** The batch carrying `owed` is stored: its changes go to their documents. */
  stored(tenantId: string, personId: string, owed: OwedChanges): void {
    this.release(owed.seq);
    if (owed.changes.length > 0) this.unapplied.set(owed.seq, owed.changes.length);
    for (const change of owed.changes) {
      const key = documentKey(tenantId, change.questionId, change.teamId);
      let queue = this.documents.get(key);
      if (!queue) {
        queue = {
          tenantId,
          questionId: change.questionId,
          teamId: change.teamId,
          items: [],
          writing: false,
          failures: 0,
        };
        this.documents.set(key, queue);
      }
      const item = { by: owed.by, seq: owed.seq, personId, change };
      const at = queue.items.findIndex((queued) => queued.seq > owed.seq);
      if (at < 0) queue.items.push(item);
      else queue.items.splice(at, 0, item);
      this.schedule(key, queue, this.options.flushMs);
    }
    this.wake();
  }

  /** True when `owed` is this instance's and every document holds it: the person document may drop it. */
  isSettled(owed: Pick<OwedChanges, 'by' | 'seq'>): boolean {
    return (
      owed.by === this.instanceId &&
      owed.seq < this.nextSeq &&
      !this.storing.has(owed.seq) &&
      !this.unapplied.has(owed.seq)
    );
  }

  /** Changes stored but not yet in every document. */
  get backlog(): number {
    return this.unapplied.size;
  }

  /**
   * Writes now, without waiting for more, every change reserved before the call, and resolves once they are written
   * (true) or `timeoutMs` passed (false). A document whose write failed keeps its pause before the next try. Before a
   * reading that must see every stored answer: an erasure, a rebuild, shutdown.
   */
  async settle(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const before = this.nextSeq;
    const pending = () =>
      [...this.storing.keys()].some((seq) => seq < before) || [...this.unapplied.keys()].some((seq) => seq < before);
    while (pending()) {
      for (const [key, queue] of this.documents) if (queue.failures === 0) this.schedule(key, queue, 0);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  /** Shutdown: writes what is owed (within `timeoutMs`), then stops. What is left is applied by another instance. */
  async close(timeoutMs: number): Promise<boolean> {
    const settled = await this.settle(timeoutMs);
    this.closed = true;
    for (const queue of this.documents.values()) clearTimeout(queue.timer);
    return settled;
  }

  private schedule(key: string, queue: DocumentQueue, delayMs: number): void {
    if (this.closed || queue.writing) return;
    if (queue.timer && delayMs > 0) return;
    clearTimeout(queue.timer);
    queue.timer = setTimeout(() => void this.write(key, queue), delayMs);
    queue.timer.unref();
  }

  /** A number's batch is settled one way or the other: documents whose changes waited for it may go on. */
  private release(seq: number): void {
    const keys = this.storing.get(seq);
    this.storing.delete(seq);
    for (const key of keys ?? []) {
      const queue = this.documents.get(key);
      if (queue && queue.items.length > 0) this.schedule(key, queue, this.options.flushMs);
    }
  }

  /** The lowest number still being stored that has a change for this document: its changes from there on wait. */
  private frontier(key: string): number {
    let lowest = Infinity;
    for (const [seq, keys] of this.storing) if (seq < lowest && keys.has(key)) lowest = seq;
    return lowest;
  }

  /** Writes the document's changes up to the first sequence number for it still being stored. */
  private async write(key: string, queue: DocumentQueue): Promise<void> {
    queue.timer = undefined;
    const frontier = this.frontier(key);
    const count = queue.items.findIndex((item) => item.seq >= frontier);
    const batch = queue.items.slice(0, count < 0 ? queue.items.length : count);
    // Nothing it may write yet: the number it waits for wakes it when its batch is settled (release).
    if (batch.length === 0) return;
    queue.writing = true;
    let retryMs = this.options.flushMs;
    try {
      await this.options.store.applyOwed(queue.tenantId, queue.questionId, queue.teamId, batch);
      queue.items.splice(0, batch.length);
      queue.failures = 0;
      for (const { seq } of batch) {
        const left = (this.unapplied.get(seq) ?? 1) - 1;
        if (left > 0) this.unapplied.set(seq, left);
        else this.unapplied.delete(seq);
      }
    } catch (error) {
      queue.failures += 1;
      retryMs = Math.min(MAX_RETRY_MS, 100 * 2 ** queue.failures);
      this.options.onFailure(queue.tenantId, queue.questionId, error);
    } finally {
      queue.writing = false;
    }
    if (queue.items.length > 0) this.schedule(key, queue, retryMs);
    else if (!queue.timer) this.documents.delete(key);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
