import type { AggregateStore, InstanceRegistry, OwedPeople, OwedPerson } from '../storage/ports';
import { appliedBy, documentKey, type OwedChanges, type OwedItem } from './owed-changes';

export interface OwedSweeperDeps {
  /** This instance's queue: its own changes are its to apply, and to say when they are. */
  queue: { readonly instanceId: string; isSettled(owed: OwedChanges): boolean };
  instances: InstanceRegistry;
  people: OwedPeople;
  aggregates: Pick<AggregateStore, 'applyOwed' | 'readDoc'>;
  clock: () => Date;
  /** An instance whose heartbeat is older than this has stopped; its owed changes are applied by the sweep. */
  deadAfterMs: number;
}

export interface SweepResult {
  /** Owed changes of stopped instances applied (or found applied) by this sweep. */
  applied: number;
  /** Owed changes dropped from person documents because every counters document holds them. */
  dropped: number;
}

interface DocumentItems {
  tenantId: string;
  questionId: string;
  teamId?: string;
  items: OwedItem[];
}

/**
 * Finishes what stopped instances owed: every counter change they stored with an answer but had not applied (a crash,
 * a kill, a shutdown that ran out of time) is applied, in each instance's sequence order, exactly once (the documents'
 * high-water marks say what they hold), then dropped from the person documents along with changes known to be applied.
 * Any instance may sweep, several at once: a change another sweep applied first is found applied.
 */
export class OwedSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly deps: OwedSweeperDeps) {}

  /** Renews this instance's heartbeat. */
  beat(): Promise<void> {
    return this.deps.instances.beat(this.deps.queue.instanceId, this.deps.clock());
  }

  /** Beats and sweeps every `everyMs`; `report` hears of each round (a failed one is tried again next time). */
  start(everyMs: number, report: (outcome: SweepResult | { error: unknown }) => void): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.beat()
        .then(() => this.sweep())
        .then(report, (error: unknown) => report({ error }))
        .finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep over every person document with a change owed since longer than an instance takes to be called dead. */
  async sweep(): Promise<SweepResult> {
    const { clock, deadAfterMs, queue } = this.deps;
    const now = clock().getTime();
    const alive = await this.deps.instances.alive(new Date(now - deadAfterMs));
    alive.add(queue.instanceId);
    const people = await this.deps.people.findOwed(Math.floor((now - deadAfterMs) / 1000));
    const applied = await this.applyStopped(people, alive);
    const dropped = await this.dropApplied(people);
    return { applied, dropped };
  }

  /** Applies stopped instances' changes, all of them at once per document, in sequence order. */
  private async applyStopped(people: readonly OwedPerson[], alive: ReadonlySet<string>): Promise<number> {
    const documents = new Map<string, DocumentItems>();
    let count = 0;
    for (const { tenantId, userId, owed } of people)
      for (const entry of owed) {
        if (alive.has(entry.by)) continue;
        count += 1;
        for (const change of entry.changes) {
          const key = documentKey(tenantId, change.questionId, change.teamId);
          let document = documents.get(key);
          if (!document) {
            document = { tenantId, questionId: change.questionId, teamId: change.teamId, items: [] };
            documents.set(key, document);
          }
          document.items.push({ by: entry.by, seq: entry.seq, personId: userId, change });
        }
      }
    for (const { tenantId, questionId, teamId, items } of documents.values()) {
      items.sort((a, b) => (a.by === b.by ? a.seq - b.seq : a.by < b.by ? -1 : 1));
      await this.deps.aggregates.applyOwed(tenantId, questionId, teamId, items);
    }
    return count;
  }

  /** Drops, person by person, the changes every document holds; a person changed meanwhile waits for the next sweep. */
  private async dropApplied(people: readonly OwedPerson[]): Promise<number> {
    const marks = new Map<string, Promise<Record<string, number> | undefined>>();
    const marksOf = (tenantId: string, questionId: string, teamId: string | undefined) => {
      const key = documentKey(tenantId, questionId, teamId);
      let read = marks.get(key);
      if (!read) {
        read = this.deps.aggregates.readDoc(tenantId, questionId, teamId).then((doc) => doc?.applied);
        marks.set(key, read);
      }
      return read;
    };
    let dropped = 0;
    for (const person of people) {
      const remaining: OwedChanges[] = [];
      for (const entry of person.owed) {
        const held =
          entry.by === this.deps.queue.instanceId
            ? this.deps.queue.isSettled(entry)
            : await everyDocumentHolds(entry, (change) => marksOf(person.tenantId, change.questionId, change.teamId));
        if (!held) remaining.push(entry);
      }
      if (remaining.length < person.owed.length && (await this.deps.people.keepOnly(person, remaining)))
        dropped += person.owed.length - remaining.length;
    }
    return dropped;
  }
}

async function everyDocumentHolds(
  entry: OwedChanges,
  marksOf: (change: OwedChanges['changes'][number]) => Promise<Record<string, number> | undefined>,
): Promise<boolean> {
  for (const change of entry.changes) if (!appliedBy(await marksOf(change), entry)) return false;
  return true;
}
