import type { RateLimiter, TenantRateLimiters } from './rate-limiter';
import {
  ChannelError,
  type OutgoingCard,
  type RosterMember,
  type RosterPage,
  type TeamsChannel,
} from './teams-channel';

/** The channel as one tenant may use it: paced by that tenant's limiter. */
export function rateLimitedChannel(
  deps: { channel: TeamsChannel; limiters: TenantRateLimiters },
  tenantId: string,
): TeamsChannel {
  return new RateLimitedChannel(deps.channel, deps.limiters.for(tenantId));
}

/** Every call takes a turn from the tenant's limiter; a 429 pauses the limiter for its Retry-After. */
export class RateLimitedChannel implements TeamsChannel {
  constructor(
    private readonly inner: TeamsChannel,
    private readonly limiter: RateLimiter,
    private readonly defaultRetryAfterMs = 1000,
  ) {}

  rosterPage(serviceUrl: string, rosterId: string, pageSize: number, continuationToken?: string): Promise<RosterPage> {
    return this.paced(() => this.inner.rosterPage(serviceUrl, rosterId, pageSize, continuationToken));
  }

  member(serviceUrl: string, conversationId: string, userId: string): Promise<RosterMember | undefined> {
    return this.paced(() => this.inner.member(serviceUrl, conversationId, userId));
  }

  createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    bot: { id: string; name: string },
    memberId: string,
  ): Promise<string> {
    return this.paced(() => this.inner.createPersonalConversation(serviceUrl, tenantId, bot, memberId));
  }

  send(serviceUrl: string, conversationId: string, message: OutgoingCard): Promise<string> {
    return this.paced(() => this.inner.send(serviceUrl, conversationId, message));
  }

  update(serviceUrl: string, conversationId: string, activityId: string, message: OutgoingCard): Promise<void> {
    return this.paced(() => this.inner.update(serviceUrl, conversationId, activityId, message));
  }

  private async paced<T>(call: () => Promise<T>): Promise<T> {
    await this.limiter.take();
    try {
      return await call();
    } catch (error) {
      if (error instanceof ChannelError && error.status === 429)
        this.limiter.pause(error.retryAfterMs ?? this.defaultRetryAfterMs);
      throw error;
    }
  }
}
