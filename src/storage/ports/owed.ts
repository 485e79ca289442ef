import type { OwedChanges } from '../../aggregation/owed-changes';

/** The running instances, each renewing its heartbeat: the sweep applies the owed changes of instances that stopped. */
export interface InstanceRegistry {
  /** Records that the instance is running at `at`. */
  beat(instanceId: string, at: Date): Promise<void>;
  /** The instances whose last heartbeat is at or after `since`. */
  alive(since: Date): Promise<Set<string>>;
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
  /** Every person with a change owed since `atOrBefore` (epoch seconds) or earlier. */
  findOwed(atOrBefore: number): Promise<OwedPerson[]>;
  /** Keeps only `remaining` on the person document, if it is unchanged since read; false when it changed. */
  keepOnly(person: OwedPerson, remaining: readonly OwedChanges[]): Promise<boolean>;
}
