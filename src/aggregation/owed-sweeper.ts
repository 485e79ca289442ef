import type { AggregateStore, InstanceRegistry, OwedPeople, OwedPerson } from '../storage/ports';
import { documentKey, type OwedChanges, type OwedItem } from './owed-changes';
import { OwedHeld } from './owed-held';

export interface OwedSweeperDeps {
  /** This instance's queue: its own changes are its to apply, and to say when they are. */
  queue: { readonly instanceId: string; isSettled(owed: OwedChanges): boolean };
  instances: InstanceRegistry;
  people: OwedPeople;
  aggregates: Pick<AggregateStore, 'applyOwed' | 'readDoc'>;
  /** An instance whose heartbeat is older than this has stopped; its owed changes are applied by the sweep. */
  deadAfterMs: number;
  /** Changes left on the documents of people who have not written since, dropped once every document holds them. */
  lingerMs?: number;
}

export interface SweepResult {
  /** Owed changes of stopped instances that this sweep applied (or found applied). */
  applied: number;
  /** Owed changes dropped from person documents because every counters document holds them. */
  dropped: number;
  /** Counters documents that could not be written (tried again by the next sweep). */
  failed: number;
}

interface DocumentItems {
  tenantId: string;
  questionId: string;
  teamId?: string;
  items: OwedItem[];
}

/** A person's last change stays on their document until their next turn; after this long the sweep drops it. */
const LINGER_MS = 60 * 60 * 1000;

/**
 * Finishes what stopped instances owed: every counter change they stored with an answer but had not applied (a crash,
 * a kill, a shutdown that ran out of time) is applied, all of an instance's changes at once per document and in
 * sequence order, so each counts once (the documents' high-water marks say what they hold); then they are dropped from
 * the person documents. Any instance may sweep, several at once: a change another sweep applied first is found applied.
 * It also drops, after an hour, the changes people's last turns left on their documents once every document holds them.
 */
export class OwedSweeper {
  private timers: NodeJS.Timeout[] = [];
  private sweeping?: Promise<unknown>;

  constructor(private readonly deps: OwedSweeperDeps) {}

  /** Renews this instance's heartbeat; returns the server's time of it. */
  beat(): Promise<number> {
    return this.deps.instances.beat(this.deps.queue.instanceId);
  }

  /**
   * Beats every `beatMs` and sweeps every `sweepMs`, apart, so a long sweep never delays a heartbeat; `report` hears
   * of each round and of each failed heartbeat (a failed round is tried again next time).
   */
  start(beatMs: number, sweepMs: number, report: (outcome: SweepResult | { error: unknown }) => void): void {
    const beat = setInterval(() => void this.beat().catch((error: unknown) => report({ error })), beatMs);
    const sweep = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .then(report, (error: unknown) => report({ error }))
        .finally(() => (this.sweeping = undefined));
    }, sweepMs);
    this.timers = [beat, sweep];
    for (const timer of this.timers) timer.unref();
  }

  /** Stops the timers; waits at most `timeoutMs` for a sweep under way (what it leaves, the next sweep does). */
  async stop(timeoutMs: number): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.sweeping, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** One sweep: the instances that stopped without finishing, then the changes left behind for an hour. */
  async sweep(): Promise<SweepResult> {
    const { deadAfterMs, queue, instances, people } = this.deps;
    // Every age is judged on the server's clock (this heartbeat's time against the others'), not this machine's.
    const nowSeconds = await this.beat();
    const registry = await instances.list();
    const known = new Map(registry.map((instance) => [instance.instanceId, instance]));
    const isStopped = (instanceId: string) => {
      if (instanceId === queue.instanceId) return false;
      const instance = known.get(instanceId);
      // Unknown: its heartbeat expired a day after it stopped.
      return !instance || instance.stopped === true || instance.beatAt < nowSeconds - deadAfterMs / 1000;
    };
    const lingering = await people.owedSince(nowSeconds - (this.deps.lingerMs ?? LINGER_MS) / 1000);
    const stopped = new Set([
      ...registry.filter((instance) => !instance.swept && isStopped(instance.instanceId)).map((i) => i.instanceId),
      ...lingering.flatMap((person) => person.owed.map((entry) => entry.by)).filter(isStopped),
    ]);
    const result: SweepResult = { applied: 0, dropped: 0, failed: 0 };
    for (const instanceId of stopped) {
      const owing = await people.owing(instanceId);
      const failed = await this.applyAll(instanceId, owing, result);
      const left = await this.dropHeld(owing, result);
      if (failed === 0 && left.every((person) => person.owed.every((entry) => entry.by !== instanceId)))
        await instances.markSwept(instanceId);
    }
    await this.dropHeld(lingering, result);
    return result;
  }

  /** Applies everything one stopped instance owed, all at once per document, in sequence order; returns the failures. */
  private async applyAll(instanceId: string, people: readonly OwedPerson[], result: SweepResult): Promise<number> {
    const documents = new Map<string, DocumentItems>();
    for (const { tenantId, userId, owed } of people)
      for (const entry of owed) {
        if (entry.by !== instanceId) continue;
        result.applied += 1;
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
    let failed = 0;
    for (const { tenantId, questionId, teamId, items } of documents.values()) {
      items.sort((a, b) => a.seq - b.seq);
      // One document that cannot be written stops nothing else; its changes stay owed for the next sweep.
      await this.deps.aggregates.applyOwed(tenantId, questionId, teamId, items).catch(() => (failed += 1));
    }
    result.failed += failed;
    return failed;
  }

  /** Drops, person by person, the changes every document holds; returns the people as they are left. */
  private async dropHeld(people: readonly OwedPerson[], result: SweepResult): Promise<OwedPerson[]> {
    const check = new OwedHeld(this.deps.queue, this.deps.aggregates);
    const left: OwedPerson[] = [];
    for (const person of people) {
      const remaining: OwedChanges[] = [];
      for (const entry of person.owed) if (!(await check.held(person.tenantId, entry))) remaining.push(entry);
      const dropped = remaining.length < person.owed.length && (await this.deps.people.keepOnly(person, remaining));
      if (dropped) result.dropped += person.owed.length - remaining.length;
      left.push(dropped ? { ...person, owed: remaining } : person);
    }
    return left;
  }
}
