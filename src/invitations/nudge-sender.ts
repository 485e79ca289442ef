import type { CardRenderer } from '../cards/card-renderer';
import type { ParticipationDoc } from '../domain/invitation-docs';
import type { Logger } from '../logging/logger';
import { asMessage } from '../pulse/pulse-cards';
import type { NudgeSettingsStore, ParticipationStore, Versioned } from '../storage/ports';
import { rateLimitedChannel } from '../teams/rate-limited-channel';
import type { TenantRateLimiters } from '../teams/rate-limiter';
import { DEFAULT_RETRY, withRetries } from '../teams/retry';
import type { TeamsChannel } from '../teams/teams-channel';
import { stageOf, type PathProgress } from './progress';
import { DEFAULT_NUDGE_DAYS, due, nextNudgeAt, scheduled } from './nudge-schedule';

/** Candidates read per page; a pass reads pages while the last one moved someone (sent, rescheduled, dropped). */
const BATCH = 200;
const MAX_PAGES = 10;

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
    let sent = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const candidates = await participation.due(tenantId, now.toISOString(), BATCH);
      let moved = 0;
      for (const candidate of candidates) {
        const outcome = await this.visit(candidate, days, now);
        if (outcome === 'sent') sent++;
        if (outcome !== 'stays') moved++;
      }
      // Each candidate leaves the query when visited; one that stays (a lost race) ends the pass.
      if (candidates.length < BATCH || moved === 0) break;
    }
    return sent;
  }

  /**
   * One candidate: reminded (claimed first), or — not due after all (a setting changed, outside their hours), finished
   * or gone by their answers — rescheduled or dropped from the query by writing `nextNudgeAt` (and `finishedAt`).
   */
  private async visit(
    entry: Versioned<ParticipationDoc>,
    days: [number, number],
    now: Date,
  ): Promise<'sent' | 'moved' | 'stays'> {
    const { doc } = entry;
    const at = now.toISOString();
    const write = async (next: ParticipationDoc) =>
      (await this.deps.participation.write({ ...next, updatedAt: at }, entry.etag)) !== undefined;
    const reschedule = async (next: ParticipationDoc) =>
      (await write(scheduled(next, nextNudgeAt(next, days, now)))) ? 'moved' : 'stays';
    if (!due(doc, days, now) || !doc.chat) return reschedule(doc);
    const progress = await this.deps.progress(doc.tenantId, doc.userId, doc.chat.conversationId);
    // The answers are the truth: finished (or erased) since the document was written means no reminder.
    if (!progress) return (await write(scheduled(doc, undefined))) ? 'moved' : 'stays';
    const stage = stageOf(progress);
    if (stage === 'finished') return reschedule({ ...doc, finishedAt: doc.finishedAt ?? at });
    if (stage !== 'started') return (await write(scheduled(doc, undefined))) ? 'moved' : 'stays';
    const claim = { ...doc, nudgeCount: doc.nudgeCount + 1, nudgedAt: [...(doc.nudgedAt ?? []), at] };
    if (!(await write(scheduled(claim, nextNudgeAt(claim, days, now))))) return 'stays';
    return (await this.send(doc, progress)) ? 'sent' : 'moved';
  }

  /** The reminder card to their 1:1 chat; a failure is logged and not tried again (at most once). */
  private async send(doc: ParticipationDoc, progress: PathProgress): Promise<boolean> {
    if (!doc.chat) return false;
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
