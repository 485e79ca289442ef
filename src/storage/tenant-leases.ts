import type { Container } from '@azure/cosmos';
import type { TenantLeases } from './ports';
import { withoutSystemFields } from './system-fields';

/** Which holder does a tenant's one-at-a-time work, until when (id `lease|<name>`, in the tenants container). */
export interface TenantLeaseDoc {
  id: string;
  type: 'lease';
  tenantId: string;
  holder: string;
  expiresAt: string;
}

/**
 * Per-tenant leases: one holder at a time for work such as sending digests or rescanning every answer. A lease expires
 * unless renewed, so a crashed instance blocks no one for longer than its lease; taking one over is ETag-conditional,
 * so of two trying at once exactly one gets it.
 */
export class CosmosTenantLeases implements TenantLeases {
  constructor(private readonly container: Container) {}

  /** Takes or renews the lease for `holder` until `until`; false while another holder's lease has not expired. */
  async acquire(tenantId: string, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const item = this.container.item(leaseId(name), tenantId);
    const { resource, etag } = await item.read<TenantLeaseDoc>();
    const lease: TenantLeaseDoc = {
      id: leaseId(name),
      type: 'lease',
      tenantId,
      holder,
      expiresAt: until.toISOString(),
    };
    try {
      if (!resource) await this.container.items.create(lease);
      else if (resource.holder === holder || new Date(resource.expiresAt) <= now)
        await item.replace(lease, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } });
      else return false;
      return true;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 409 || code === 412) return false;
      throw error;
    }
  }

  /** Who holds the lease now, if anyone. */
  async holder(tenantId: string, name: string, now: Date): Promise<string | undefined> {
    const { resource } = await this.container.item(leaseId(name), tenantId).read<TenantLeaseDoc>();
    return resource && new Date(resource.expiresAt) > now ? resource.holder : undefined;
  }

  /** Ends `holder`'s lease at once, so the next one need not wait for it to expire; nothing if someone else holds it. */
  async release(tenantId: string, name: string, holder: string): Promise<void> {
    const item = this.container.item(leaseId(name), tenantId);
    const { resource, etag } = await item.read<TenantLeaseDoc>();
    if (resource?.holder !== holder) return;
    const expired: TenantLeaseDoc = { ...withoutSystemFields(resource), expiresAt: new Date(0).toISOString() };
    await item.replace(expired, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } }).catch((error) => {
      if ((error as { code?: number }).code !== 412) throw error;
    });
  }
}

function leaseId(name: string): string {
  return `lease|${name}`;
}
