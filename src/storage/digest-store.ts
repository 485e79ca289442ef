import type { Container } from '@azure/cosmos';
import { deleteIfPresent } from './delete-if-present';
import type { DigestDoc, DigestStore, DueDigest } from './ports';
import { withoutSystemFields } from './system-fields';
import { CosmosTenantLeases } from './tenant-leases';

/** Digest subscriptions and the send lease, one tenant partition at a time. */
export class CosmosDigestStore implements DigestStore {
  private readonly leases: CosmosTenantLeases;

  constructor(private readonly container: Container) {
    this.leases = new CosmosTenantLeases(container);
  }

  async subscribe(doc: Omit<DigestDoc, 'id' | 'type'>): Promise<void> {
    await this.container.items.upsert({ ...doc, id: digestId(doc.userId), type: 'digest' } satisfies DigestDoc);
  }

  /** The person's subscription, if they have one. */
  async find(tenantId: string, userId: string): Promise<DigestDoc | undefined> {
    const { resource } = await this.container.item(digestId(userId), tenantId).read<DigestDoc>();
    return resource ? withoutSystemFields(resource) : undefined;
  }

  /** True when there was a subscription to remove. */
  unsubscribe(tenantId: string, userId: string): Promise<boolean> {
    return deleteIfPresent(this.container.item(digestId(userId), tenantId));
  }

  /** Subscriptions of the tenant due at `now`. */
  async due(tenantId: string, now: Date): Promise<DueDigest[]> {
    const { resources } = await this.container.items
      .query<DigestDoc & { _etag: string }>({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "digest" AND c.nextDueAt <= @now',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@now', value: now.toISOString() },
        ],
      })
      .fetchAll();
    return resources.map((resource) => ({ doc: withoutSystemFields(resource), etag: resource._etag }));
  }

  /** Moves a subscription on after a send; false when it changed meanwhile (re-subscribed, or another sender). */
  async markSent({ doc, etag }: DueDigest, sentAt: Date, nextDueAt: Date): Promise<boolean> {
    const next: DigestDoc = {
      ...doc,
      lastSentAt: sentAt.toISOString(),
      nextDueAt: nextDueAt.toISOString(),
    };
    try {
      await this.container
        .item(doc.id, doc.tenantId)
        .replace(next, { accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return false;
      throw error;
    }
  }

  /**
   * Takes or renews the tenant's send lease (`lease|digest`) for `holder` until `until`: only one instance sends a
   * tenant's digests at a time. False when another holder's lease has not expired.
   */
  acquireLease(tenantId: string, holder: string, now: Date, until: Date): Promise<boolean> {
    return this.leases.acquire(tenantId, 'digest', holder, now, until);
  }
}

function digestId(userId: string): string {
  return `digest|${userId}`;
}
