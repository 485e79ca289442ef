import type { Container } from '@azure/cosmos';
import { pulseIds, type LeaseDoc } from '../domain/pulse-docs';
import type { PulseLeaseStore, Versioned } from './ports';
import { createdEtag, readInPulse, replaceInPulse } from './pulse-partition';

/** The send lease of each pulse (`lease|<pulse>`), in the pulse's partition of the `pulses` container. */
export class CosmosPulseLeases implements PulseLeaseStore {
  constructor(private readonly container: Container) {}

  readLease(tenantId: string, pulseId: string): Promise<Versioned<LeaseDoc> | undefined> {
    return readInPulse<LeaseDoc>(this.container, pulseIds.lease(pulseId), tenantId, pulseId);
  }

  createLease(lease: LeaseDoc): Promise<string | undefined> {
    return createdEtag(this.container, lease);
  }

  replaceLease(lease: LeaseDoc, etag: string): Promise<string | undefined> {
    return replaceInPulse(this.container, lease, etag);
  }
}
