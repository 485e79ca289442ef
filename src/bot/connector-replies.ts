import type { Activity } from 'botbuilder';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../config';
import { HttpTeamsChannel, NOT_SENT } from '../teams/http-teams-channel';
import { delayBefore, type RetryPolicy } from '../teams/retry';
import { ChannelError } from '../teams/teams-channel';
import { channelTokenProvider } from './channel-token';

export interface ReplyPolicy extends RetryPolicy {
  /** The longest wait before a retry (a Retry-After asking for more is not waited for: the turn would outlive Teams). */
  longestWaitMs: number;
  /** No retry starts later than this after the first attempt. */
  deadlineMs: number;
}

/**
 * A turn's replies share Teams' 15 s with the turn itself: a few attempts, short waits, no retry begun after 14 s (a
 * turn Teams redelivers meanwhile is recognised and ignored). One attempt may take 12 s, so a connector that answers
 * within 10 s is waited for: at worst a reply takes 14 + 12 s.
 */
export const REPLY_POLICY: ReplyPolicy = {
  maxAttempts: 4,
  baseBackoffMs: 500,
  maxBackoffMs: 2_000,
  defaultRetryAfterMs: 1_000,
  longestWaitMs: 5_000,
  deadlineMs: 14_000,
};

/** How long one reply attempt may take before it is given up (and, having maybe been posted, not sent again). */
export const REPLY_ATTEMPT_TIMEOUT_MS = 12_000;

/** Waits `ms` between attempts, or less when `stop` is aborted first (shutdown has begun). */
export type RetrySleep = (ms: number, stop?: AbortSignal) => Promise<void>;

/** The connector did not take the reply; `maybePosted` when it may have posted it all the same (no answer came). */
export class ReplyNotDelivered extends Error {
  override name = 'ReplyNotDelivered';

  constructor(
    readonly failure: ChannelError,
    readonly attempts: number,
  ) {
    super(`reply not delivered after ${attempts} attempt(s): ${failure.message}`);
  }

  get maybePosted(): boolean {
    return !refusedBeforePosting(this.failure);
  }
}

/**
 * Sends the bot's activities to the Teams connector (the activity's serviceUrl), one HTTP request per attempt. The
 * connector client of botframework-connector would retry inside its pipeline — a Retry-After of any length, and a
 * reset or timed-out POST that the connector may already have posted (a duplicate reply) — with no request timeout;
 * here a reply is retried only when the connector certainly did not post it, within a bound, and not once shutdown
 * has begun.
 */
export class ConnectorReplies {
  private readonly stopping = new AbortController();

  constructor(
    private readonly channel: Pick<HttpTeamsChannel, 'postActivity' | 'updateActivity'>,
    private readonly sleep: RetrySleep,
    private readonly now: () => number = Date.now,
    private readonly policy: ReplyPolicy = REPLY_POLICY,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Shutdown has begun: a reply still gets its first attempt, but none is tried again, and a wait before a retry ends
   * at once — the turn ends within one attempt, so the drain can wait for it.
   */
  stopRetrying(): void {
    this.stopping.abort();
  }

  /** Posts the activity; returns its id, or throws ReplyNotDelivered. */
  async post(activity: Partial<Activity>): Promise<string> {
    const { serviceUrl, conversation, replyToId } = activity;
    if (!serviceUrl || !conversation?.id) throw new Error('an outgoing activity needs serviceUrl and conversation');
    return this.withRetries(() => this.channel.postActivity(serviceUrl, conversation.id, activity, replyToId));
  }

  /**
   * Replaces the message `activity.id` with the activity, with the same bounded retries as a post (a throttled
   * update takes the same turn time); throws ReplyNotDelivered.
   */
  async update(activity: Partial<Activity>): Promise<void> {
    const { serviceUrl, conversation, id } = activity;
    if (!serviceUrl || !conversation?.id || !id) throw new Error('an update needs serviceUrl, conversation and id');
    await this.withRetries(() => this.channel.updateActivity(serviceUrl, conversation.id, id, activity));
  }

  private async withRetries<T>(send: () => Promise<T>): Promise<T> {
    const started = this.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error;
        const wait = this.waitBeforeRetry(error, attempt, this.now() - started);
        if (wait === undefined) throw new ReplyNotDelivered(error, attempt);
        await this.sleep(wait, this.stopping.signal);
        if (this.stopping.signal.aborted) throw new ReplyNotDelivered(error, attempt);
      }
    }
  }

  private waitBeforeRetry(error: ChannelError, attempt: number, elapsedMs: number): number | undefined {
    if (attempt >= this.policy.maxAttempts || !refusedBeforePosting(error) || this.stopping.signal.aborted)
      return undefined;
    const wait = error.retryAfterMs ?? delayBefore(attempt + 1, error, this.policy, this.random);
    return wait <= this.policy.longestWaitMs && elapsedMs + wait <= this.policy.deadlineMs ? wait : undefined;
  }
}

export interface ReplyDeliveryOptions {
  /** How to wait between attempts, and the clock of the deadline (tests record the waits and skip them). */
  sleep?: RetrySleep;
  now?: () => number;
  attemptTimeoutMs?: number;
}

/** The longest one reply attempt takes with these options. */
export function replyAttemptTimeoutMs(options: ReplyDeliveryOptions = {}): number {
  return options.attemptTimeoutMs ?? REPLY_ATTEMPT_TIMEOUT_MS;
}

const sleepUnlessStopped: RetrySleep = (ms, stop) => delay(ms, undefined, { signal: stop }).catch(() => undefined);

/** The app's replies: HTTP to each activity's serviceUrl with the bot's own token (none in local mode). */
export function connectorRepliesFor(config: Config, options: ReplyDeliveryOptions = {}): ConnectorReplies {
  const channel = new HttpTeamsChannel(channelTokenProvider(config), replyAttemptTimeoutMs(options));
  return new ConnectorReplies(channel, options.sleep ?? sleepUnlessStopped, options.now);
}

/**
 * Throttled (429), unavailable (503) or never sent: the connector did not post it, so trying again cannot make a
 * duplicate. A timeout, a cut connection, 500, 502 or 504 may follow a posted message (a gateway answers 502 or 504
 * when the service behind it failed or was slow, perhaps after posting): not retried.
 */
function refusedBeforePosting(error: ChannelError): boolean {
  return [429, 503].includes(error.status) || (error.status === 0 && error.code === NOT_SENT);
}
