import type { CardRenderer } from '../cards/card-renderer';
import type { ParticipationDoc } from '../domain/invitation-docs';
import { addLocalDays } from '../domain/time-zones';
import type { Logger } from '../logging/logger';
import { asMessage } from '../pulse/pulse-cards';
import type { NudgeSettingsStore, ParticipationStore, Versioned } from '../storage/ports';
import { rateLimitedChannel } from '../teams/rate-limited-channel';
import type { TenantRateLimiters } from '../teams/rate-limiter';
import { DEFAULT_RETRY, withRetries } from '../teams/retry';
import type { TeamsChannel } from '../teams/teams-channel';
import { stageOf, type PathProgress } from './progress';
import { isWorkingTime } from './working-hours';

/** Reminder days when a tenant has set none: three and ten days after the person's last progress. */
export const DEFAULT_NUDGE_DAYS: [number, number] = [3, 10];
/** Candidates read per tenant and tick; the rest wait for the next tick. */
const BATCH = 200;
const HOUR_MS = 3_600_000;

/** Where the person stands now, read from their own answers (undefined when there is nothing of them any more). */
export type ProgressReader = (
  tenantId: string,
  userId: string,
  conversationId: string,
) => Promise<PathProgress | undefined>;

export interface NudgeSenderDeps {
  participation: ParticipationStore;
  settings: NudgeSettingsStore;
  progress: ProgressReader;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  cards: CardRenderer;
  logger: Logger;
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Gentle reminders to finish: at most two per person, in their 1:1 chat, on weekdays in their working hours. Each is
 * claimed on the person's participation document (an ETag-conditional write that counts it) before it is sent, so no
 * two instances or ticks send the same one; a reminder whose send fails is not tried again (at most, never twice).
 */
export class NudgeSender {
  constructor(private readonly deps: NudgeSenderDeps) {}

  /** Sends the reminders of one tenant that are due now; returns how many went out. */
  async run(tenantId: string): Promise<number> {
    const { participation, clock } = this.deps;
    const now = clock();
    const days = (await this.deps.settings.read(tenantId))?.days ?? DEFAULT_NUDGE_DAYS;
    // A local day can be 23 hours long: look a little early, then check in the person's zone.
    const activeBefore = new Date(now.getTime() - (days[0] * 24 - 2) * HOUR_MS).toISOString();
    let sent = 0;
    for (const candidate of await participation.waiting(tenantId, activeBefore, BATCH))
      if (await this.remind(candidate, days, now)) sent++;
    return sent;
  }

  private async remind(entry: Versioned<ParticipationDoc>, days: [number, number], now: Date): Promise<boolean> {
    const { doc } = entry;
    if (!due(doc, days, now) || !doc.chat) return false;
    const progress = await this.deps.progress(doc.tenantId, doc.userId, doc.chat.conversationId);
    // The answers are the truth: finished (or erased) since the document was written means no reminder.
    if (!progress || stageOf(progress) !== 'started') return false;
    const at = now.toISOString();
    const claimed = await this.deps.participation.write(
      { ...doc, nudgeCount: doc.nudgeCount + 1, nudgedAt: [...(doc.nudgedAt ?? []), at], updatedAt: at },
      entry.etag,
    );
    if (!claimed) return false;
    const card = asMessage(
      this.deps.cards.invitation({
        kind: 'reminder',
        minutesText: progress.minutesText,
        questionsLeft: progress.total - progress.answered,
      }),
    );
    const { serviceUrl, conversationId } = doc.chat;
    const channel = rateLimitedChannel(this.deps, doc.tenantId);
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    const result = await withRetries(() => channel.send(serviceUrl, conversationId, card), DEFAULT_RETRY, sleep);
    if (!result.ok) this.deps.logger.warn('nudge.failed', { tenantId: doc.tenantId, status: result.error.status });
    else this.deps.logger.info('nudge.sent', { tenantId: doc.tenantId, nudge: doc.nudgeCount + 1 });
    return result.ok;
  }
}

/**
 * Due: fewer than two so far, not opted out or finished, the n-th reminder's days passed since their last progress
 * (local days in their zone, whatever the clocks did) and since the first reminder, and now is working time there.
 */
export function due(doc: ParticipationDoc, days: [number, number], now: Date): boolean {
  if (doc.nudgeCount >= 2 || doc.noReminders || doc.noInvitations || doc.finishedAt || !doc.startedAt) return false;
  if (!doc.lastActiveAt) return false;
  const zone = doc.timeZone ?? 'UTC';
  const afterActivity = addLocalDays(new Date(doc.lastActiveAt), days[doc.nudgeCount], zone);
  const first = doc.nudgedAt?.[0];
  const afterFirst = first ? addLocalDays(new Date(first), days[1] - days[0], zone) : afterActivity;
  return afterActivity <= now && afterFirst <= now && isWorkingTime(now, zone);
}
