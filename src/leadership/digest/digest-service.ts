import type { CardAttachment, CardRenderer } from '../../cards/card-renderer';
import { formatInZone, timeZoneOrUtc } from '../../domain/time-zones';
import type { DigestDoc, DigestStore } from '../../storage/ports';
import type { Person } from '../../domain/person';
import type { AccessResolver } from '../access';
import { nextDigestAt } from './digest-schedule';
import { leaderSummaryView } from '../leader-summary-view';
import type { SummaryService } from '../summary-service';
import type { SectionFigure } from '../organisation-summary';

export interface DigestServiceDeps {
  store: DigestStore;
  summaries: SummaryService;
  cards: CardRenderer;
  /** The person's effective access (one resolver, built in the composition root). */
  accessOf: AccessResolver;
  clock: () => Date;
  /** Tells the scheduler about a tenant it should look at (local mode has no tenant list). */
  noteTenant: (tenantId: string) => void;
  /** The "since last time" line from the monthly readiness snapshots (none without it). */
  sinceLastTime?: (tenantId: string, readiness: SectionFigure[]) => Promise<string | undefined>;
  /** The action plans line: open and done actions per team (none without it). */
  actionPlans?: (tenantId: string) => Promise<string | undefined>;
}

/** Where the digest goes: the conversation it was asked in, as the channel told it. */
export interface DigestPlace {
  /** The conversation reference without the asking message's id (proactive messages go to the conversation). */
  conversationReference: Record<string, unknown>;
  /** The asker's IANA zone as the channel sent it, unchecked. */
  timeZone?: unknown;
}

/**
 * The summary digest, botbuilder-free: subscribing and unsubscribing (the caller has checked the person is a leader),
 * and what a due digest holds.
 */
export class DigestService {
  constructor(private readonly deps: DigestServiceDeps) {}

  /** Subscribes (or, with `off`, unsubscribes) the person; returns what they are told. */
  async subscribe(
    { tenantId, userId }: Person,
    frequency: 'weekly' | 'monthly' | 'off',
    place: DigestPlace,
  ): Promise<string> {
    if (frequency === 'off') {
      const removed = await this.deps.store.unsubscribe(tenantId, userId);
      return removed ? 'Done: no more summary digests.' : 'You had no digest subscription, so nothing changed.';
    }
    const now = this.deps.clock();
    // Teams sends the leader's IANA zone; a missing, forged or unknown one means UTC.
    const timeZone = timeZoneOrUtc(place.timeZone);
    const nextDueAt = nextDigestAt(now, frequency, timeZone);
    await this.deps.store.subscribe({
      tenantId,
      userId,
      frequency,
      conversationReference: place.conversationReference,
      nextDueAt: nextDueAt.toISOString(),
      timeZone,
    });
    this.deps.noteTenant(tenantId);
    return `Done: you'll get the organisation summary ${frequency} here, first on ${formatInZone(nextDueAt, timeZone)}. Type **digest off** to stop.`;
  }

  /** The card a due digest sends, or undefined when its subscriber is no longer a leader (checked at every send). */
  async digestFor(subscription: DigestDoc): Promise<CardAttachment | undefined> {
    const { tenantId, userId, frequency } = subscription;
    const access = await this.deps.accessOf({ tenantId, userId });
    if (!access.leader) return undefined;
    const summary = await this.deps.summaries.summary(tenantId);
    const sinceLastTime = await this.deps.sinceLastTime?.(tenantId, summary.readiness);
    const view = leaderSummaryView(summary, { title: `Your ${frequency} AI strategy digest`, canExport: true });
    const actionPlans = await this.deps.actionPlans?.(tenantId);
    return this.deps.cards.leaderSummary({
      ...view,
      ...(sinceLastTime ? { sinceLastTime } : {}),
      ...(actionPlans ? { actionPlans } : {}),
    });
  }
}
