import type { LeaseDoc } from '../../domain/pulse-docs';
import type { Versioned } from './versioned';

/** The send lease document of each pulse (which instance sends it), written ETag-conditionally. */
export interface PulseLeaseStore {
  readLease(tenantId: string, pulseId: string): Promise<Versioned<LeaseDoc> | undefined>;
  /** Creates the lease: its ETag, or undefined when another instance created it first. */
  createLease(lease: LeaseDoc): Promise<string | undefined>;
  /** Replaces the lease if unchanged since `etag`: the new ETag, or undefined when it changed. */
  replaceLease(lease: LeaseDoc, etag: string): Promise<string | undefined>;
}
