import { TurnContext } from 'botbuilder';
import { formatInZone, timeZoneOrUtc } from '../src/domain/time-zones';
import { nextDigestAt } from '../src/leadership/digest-schedule';
import type { DigestStore } from '../src/storage/ports';
import { turnUnitOf } from './turn-state';

/** Subscribing to and unsubscribing from the summary digest (the caller has checked the person is a leader). */
export class DigestActions {
  constructor(
    private readonly store: DigestStore,
    private readonly clock: () => Date,
    /** Tells the scheduler about a tenant it should look at (local mode has no tenant list). */
    private readonly noteTenant: (tenantId: string) => void,
  ) {}

  async subscribe(context: TurnContext, frequency: 'weekly' | 'monthly' | 'off'): Promise<void> {
    const { tenantId, userId } = turnUnitOf(context).speaker;
    if (frequency === 'off') {
      const removed = await this.store.unsubscribe(tenantId, userId);
      await context.sendActivity(
        removed ? 'Done: no more summary digests.' : 'You had no digest subscription, so nothing changed.',
      );
      return;
    }
    const reference: Record<string, unknown> = { ...TurnContext.getConversationReference(context.activity) };
    delete reference.activityId;
    const now = this.clock();
    // Teams sends the leader's IANA zone; a missing, forged or unknown one means UTC.
    const timeZone = timeZoneOrUtc(context.activity.localTimezone);
    const nextDueAt = nextDigestAt(now, frequency, timeZone);
    await this.store.subscribe({
      tenantId,
      userId,
      frequency,
      conversationReference: reference,
      nextDueAt: nextDueAt.toISOString(),
      timeZone,
    });
    this.noteTenant(tenantId);
    await context.sendActivity(
      `Done: you'll get the organisation summary ${frequency} here, first on ${formatInZone(nextDueAt, timeZone)}. Type **digest off** to stop.`,
    );
  }
}
