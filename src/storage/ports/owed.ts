import type { OwedChanges } from '../../aggregation/owed-changes';

/** A running (or stopped) instance as its heartbeat document says. */
export interface InstanceBeat {
  instanceId: string;
  /** When Cosmos DB stored its last heartbeat, in epoch seconds (the server's clock, the same for every instance). */
  beatAt: number;
  /** Set by the instance as it shut down: what it still owed is for the next sweep. */
  stopped?: boolean;
  /** Set once a sweep applied and dropped everything it owed. */
  swept?: boolean;
}

/** The instances and their heartbeats: the sweep applies the owed changes of instances that stopped. */
export interface InstanceRegistry {
  /** Records that the instance is running; returns when Cosmos DB stored that (epoch seconds, the server's clock). */
  beat(instanceId: string): Promise<number>;
  /** Every instance with a heartbeat document (they expire a day after the last beat). */
  list(): Promise<InstanceBeat[]>;
  /** Records that the instance has shut down (it writes nothing more). */
  markStopped(instanceId: string): Promise<void>;
  /** Records that nothing the stopped instance owed is left anywhere. */
  markSwept(instanceId: string): Promise<void>;
}

/** A person document holding owed counter changes, as the sweep reads it. */
export interface OwedPerson {
  tenantId: string;
  userId: string;
  owed: OwedChanges[];
  /** The person document's version: dropping entries is conditional on it. */
  etag: string;
}

/** Person documents with owed counter changes (see OwedChanges), across tenants. */
export interface OwedPeople {
  /** Every person holding a change owed by this instance. */
  owing(instanceId: string): Promise<OwedPerson[]>;
  /** Every person whose oldest owed change was stored at `atOrBefore` (epoch seconds) or earlier. */
  owedSince(atOrBefore: number): Promise<OwedPerson[]>;
  /** Every person of the tenant holding an owed change. */
  inTenant(tenantId: string): Promise<OwedPerson[]>;
  /** Keeps only `remaining` on the person document, if it is unchanged since read; false when it changed. */
  keepOnly(person: OwedPerson, remaining: readonly OwedChanges[]): Promise<boolean>;
}
