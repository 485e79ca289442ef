import type { DeliveryDoc, DeliveryState } from '../../domain/pulse-docs';
import type { Versioned } from './versioned';

export interface DeliveryPage {
  deliveries: Versioned<DeliveryDoc>[];
  continuation?: string;
}

/**
 * A pulse's delivery ledger: one entry per recipient, moved from state to state by ETag-conditional writes. Each
 * `mark…` changes an entry only if nobody changed it since it was read: undefined or false when somebody did (or it is
 * gone), and the entry is then not this caller's.
 */
export interface DeliveryLedger {
  /** Adds recipients as `queued`; one already in the ledger is left as it is. Returns how many were new. */
  queueDeliveries(deliveries: readonly DeliveryDoc[]): Promise<number>;
  /** A page of entries in the given states, each with its ETag. */
  deliveriesIn(
    tenantId: string,
    pulseId: string,
    states: readonly DeliveryState[],
    pageSize: number,
    continuation?: string,
  ): Promise<DeliveryPage>;
  readDelivery(tenantId: string, pulseId: string, userId: string): Promise<Versioned<DeliveryDoc> | undefined>;
  /** How many entries are in each state. */
  deliveryCounts(tenantId: string, pulseId: string): Promise<Record<DeliveryState, number>>;
  /** About to send: `sending`, one attempt more. The entry as written, to settle it with. */
  markSending(entry: Versioned<DeliveryDoc>, at: string): Promise<Versioned<DeliveryDoc> | undefined>;
  /** The message reached Teams in `conversationId` as `activityId`. */
  markSent(
    entry: Versioned<DeliveryDoc>,
    sent: { conversationId?: string; activityId: string; at: string },
  ): Promise<boolean>;
  /** The send failed for `reason` (the conversation, if one was created). */
  markFailed(
    entry: Versioned<DeliveryDoc>,
    failed: { conversationId?: string; reason: string; at: string },
  ): Promise<boolean>;
  /** About to remind the person. The entry as written. */
  markReminded(entry: Versioned<DeliveryDoc>, at: string): Promise<Versioned<DeliveryDoc> | undefined>;
  /** To be sent again, because of `reason`. */
  requeue(entry: Versioned<DeliveryDoc>, reason: string, at: string): Promise<boolean>;
  /** The person has answered, so they have it, whatever the send's record says: `sent`. */
  markAnswered(entry: Versioned<DeliveryDoc>, at: string): Promise<boolean>;
}
