import { formatInZone, timeZoneOrUtc } from '../domain/time-zones';
import type { DigestStore } from '../storage/digest-store';
import type { Speaker } from '../strategy/turn-unit';
import { nextDigestAt } from './digest-schedule';

/** Where the digest goes: the conversation it was asked in, as the channel told it. */
export interface DigestPlace {
  /** The conversation reference without the asking message's id (proactive messages go to the conversation). */
  conversationReference: Record<string, unknown>;
  /** The asker's IANA zone as the channel sent it, unchecked. */
  timeZone?: unknown;
}

/** Subscribing to and unsubscribing from the summary digest (the caller has checked the person is a leader). */
export class DigestService {
  constructor(
    private readonly store: DigestStore,
    private readonly clock: () => Date,
    /** Tells the scheduler about a tenant it should look at (local mode has no tenant list). */
    private readonly noteTenant: (tenantId: string) => void,
  ) {}

  /** Subscribes (or, with `off`, unsubscribes) the person; returns what they are told. */
  async subscribe(
    { tenantId, userId }: Speaker,
    frequency: 'weekly' | 'monthly' | 'off',
    place: DigestPlace,
  ): Promise<string> {
    if (frequency === 'off') {
      const removed = await this.store.unsubscribe(tenantId, userId);
      return removed ? 'Done: no more summary digests.' : 'You had no digest subscription, so nothing changed.';
    }
    const now = this.clock();
    // Teams sends the leader's IANA zone; a missing, forged or unknown one means UTC.
    const timeZone = timeZoneOrUtc(place.timeZone);
    const nextDueAt = nextDigestAt(now, frequency, timeZone);
    await this.store.subscribe({
      tenantId,
      userId,
      frequency,
      conversationReference: place.conversationReference,
      nextDueAt: nextDueAt.toISOString(),
      timeZone,
    });
    this.noteTenant(tenantId);
    return `Done: you'll get the organisation summary ${frequency} here, first on ${formatInZone(nextDueAt, timeZone)}. Type **digest off** to stop.`;
  }
}
