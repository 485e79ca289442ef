import type { Versioned } from './versioned';

export type DigestFrequency = 'weekly' | 'monthly';

/** A leader's digest subscription, in the tenants container (id `digest|<user>`). */
export interface DigestDoc {
  id: string;
  type: 'digest';
  tenantId: string;
  userId: string;
  frequency: DigestFrequency;
  /** Where to send it (the leader's 1:1 conversation); opaque JSON here. */
  conversationReference: Record<string, unknown>;
  nextDueAt: string;
  /** The leader's IANA time zone when subscribing: digests keep its wall-clock time. Absent on older ones: UTC. */
  timeZone?: string;
  lastSentAt?: string;
}

/** A subscription as read, with the version a conditional write needs. */
export type DueDigest = Versioned<DigestDoc>;

/** Digest subscriptions and their send lease, one tenant at a time. */
export interface DigestStore {
  subscribe(doc: Omit<DigestDoc, 'id' | 'type'>): Promise<void>;
  /** The person's subscription, if they have one. */
  find(tenantId: string, userId: string): Promise<DigestDoc | undefined>;
  /** True when there was a subscription to remove. */
  unsubscribe(tenantId: string, userId: string): Promise<boolean>;
  /** Subscriptions of the tenant due at `now`. */
  due(tenantId: string, now: Date): Promise<DueDigest[]>;
  /** Moves a subscription on after a send; false when it changed meanwhile (re-subscribed, or another sender). */
  markSent(doc: DueDigest, sentAt: Date, nextDueAt: Date): Promise<boolean>;
  /** Takes or renews the tenant's digest send lease for `holder` until `until`; false while another holds it. */
  acquireLease(tenantId: string, holder: string, now: Date, until: Date): Promise<boolean>;
}
