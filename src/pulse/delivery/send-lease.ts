import type { PulseLeaseStore } from '../../storage/ports';
import { pulseIds, type LeaseDoc } from '../../domain/pulse-docs';

/** A held lease: renewed in the background until released; `lost` once another instance took it over. */
export interface HeldLease {
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * Which instance sends a pulse. The lease document expires unless renewed; taking it over (when expired) or renewing
 * it is an ETag-conditional replace, so of two instances trying at once exactly one succeeds.
 */
export class SendLeases {
  constructor(
    private readonly store: PulseLeaseStore,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}

  /** The lease, or undefined while another instance holds it. */
  async acquire(tenantId: string, pulseId: string): Promise<HeldLease | undefined> {
    const now = this.clock().getTime();
    const doc: LeaseDoc = {
      id: pulseIds.lease(pulseId),
      type: 'lease',
      tenantId,
      pulseId,
      owner: this.owner,
      expiresAt: new Date(now + this.ttlMs).toISOString(),
    };
    const current = await this.store.readLease(tenantId, pulseId);
    let etag: string | undefined;
    if (!current) etag = await this.store.createLease(doc);
    else if (current.doc.owner === this.owner || Date.parse(current.doc.expiresAt) <= now)
      etag = await this.store.replaceLease(doc, current.etag);
    if (!etag) return undefined;
    return this.hold(doc, etag);
  }

  private hold(doc: LeaseDoc, firstEtag: string): HeldLease {
    let etag = firstEtag;
    let lost = false;
    let released = false;
    let renewing: Promise<void> | undefined;
    const renew = () => {
      // One renewal at a time: a second one sent with the same ETag would fail and look like a lost lease.
      if (released || lost || renewing) return;
      renewing = renewOnce().finally(() => (renewing = undefined));
    };
    const renewOnce = async () => {
      const renewed = { ...doc, expiresAt: new Date(this.clock().getTime() + this.ttlMs).toISOString() };
      try {
        const next = await this.store.replaceLease(renewed, etag);
        if (next) etag = next;
        else lost = true;
      } catch {
        // A failed renewal is tried again on the next tick; the lease is only lost when someone else holds it.
      }
    };
    const timer = setInterval(renew, Math.max(50, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return {
      get lost() {
        return lost;
      },
      release: async () => {
        released = true;
        clearInterval(timer);
        await renewing;
        if (lost) return;
        // Expire it now so another instance (or a restart) need not wait for the TTL.
        await this.store.replaceLease({ ...doc, expiresAt: new Date(0).toISOString() }, etag).catch(() => undefined);
      },
    };
  }
}
