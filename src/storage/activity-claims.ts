import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { deleteIfPresent } from './delete-if-present';
import type { ActivityClaims, Claim } from './ports';

/**
 * A claim of one-off work by the message that asked for it (id `claim|<hash>`, in the tenants container). Teams
 * re-sends a message it thinks went unanswered, possibly to another instance; the first delivery claims the work,
 * a repeat finds the claim and, once settled, its outcome. Claims expire after a day by their own `ttl`.
 */
export interface ClaimDoc {
  id: string;
  type: 'claim';
  tenantId: string;
  claimedAt: string;
  /** What the work came to, once it is done (plain JSON, never answer text). */
  outcome?: unknown;
  ttl: number;
}

const CLAIM_TTL_SECONDS = 24 * 60 * 60;

export class CosmosActivityClaims implements ActivityClaims {
  constructor(private readonly container: Container) {}

  /** Claims the work named by `key` (e.g. kind, conversation and activity id): exactly one caller gets `first`. */
  async claim<T>(tenantId: string, key: readonly string[], now: Date): Promise<Claim<T>> {
    const doc: ClaimDoc = {
      id: claimId(key),
      type: 'claim',
      tenantId,
      claimedAt: now.toISOString(),
      ttl: CLAIM_TTL_SECONDS,
    };
    try {
      await this.container.items.create(doc);
      return { first: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      return (await this.find<T>(tenantId, key)) ?? { first: false };
    }
  }

  /** The claim of earlier work named by `key`, without claiming anything. */
  async find<T>(tenantId: string, key: readonly string[]): Promise<{ first: false; outcome?: T } | undefined> {
    const { resource } = await this.container.item(claimId(key), tenantId).read<ClaimDoc>();
    if (!resource) return undefined;
    return resource.outcome === undefined ? { first: false } : { first: false, outcome: resource.outcome as T };
  }

  /** Records what the claimed work came to, for repeats to answer with. */
  async settle(tenantId: string, key: readonly string[], outcome: unknown): Promise<void> {
    await this.container.item(claimId(key), tenantId).patch([{ op: 'set', path: '/outcome', value: outcome }]);
  }

  /** Gives the work up, so that running it again (a retried turn) is a first delivery. */
  async release(tenantId: string, key: readonly string[]): Promise<void> {
    await deleteIfPresent(this.container.item(claimId(key), tenantId));
  }
}

/** Activity and conversation ids are long and may hold characters ids may not: the key is hashed. */
function claimId(key: readonly string[]): string {
  return `claim|${createHash('sha256').update(key.join('\u0000')).digest('base64url').slice(0, 32)}`;
}
