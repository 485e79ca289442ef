import type { CardAttachment } from '../cards/card-renderer';

/** A member of a team or group chat as the roster lists them. */
export interface RosterMember {
  /** Channel account id ("29:..."). */
  id: string;
  aadObjectId?: string;
  /** The member's display name as Teams gives it. */
  name?: string;
}

export interface RosterPage {
  members: RosterMember[];
  continuationToken?: string;
}

/** A message the bot sends: one Adaptive Card (Teams wants text and cards in separate activities). */
export interface OutgoingCard {
  type: 'message';
  attachments: [CardAttachment];
}

/**
 * The few Teams channel-service (Bot Connector) calls a pulse needs. Production talks HTTP to the activity's
 * serviceUrl; tests use the same HTTP client against a local fake of the service.
 */
export interface TeamsChannel {
  /** One page of a team's or group chat's roster (the paged API; the unpaged one is deprecated and throttled). */
  rosterPage(serviceUrl: string, rosterId: string, pageSize: number, continuationToken?: string): Promise<RosterPage>;
  /** Creates (or finds) the 1:1 conversation between the bot and a member; returns its id. */
  createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    bot: { id: string; name: string },
    memberId: string,
  ): Promise<string>;
  /**
   * One member of a conversation, by their channel account id or Entra object id (Teams takes either); undefined when
   * Teams knows no such member there.
   */
  member(serviceUrl: string, conversationId: string, userId: string): Promise<RosterMember | undefined>;
  /** Sends a message; returns the new activity's id. */
  send(serviceUrl: string, conversationId: string, message: OutgoingCard): Promise<string>;
  /** Replaces a message the bot sent earlier. */
  update(serviceUrl: string, conversationId: string, activityId: string, message: OutgoingCard): Promise<void>;
}

/** A call the channel service refused, or that did not reach it (status 0). */
export class ChannelError extends Error {
  override name = 'ChannelError';

  constructor(
    readonly status: number,
    /** The service's error code, e.g. `MessageWritesBlocked`. */
    readonly code?: string,
    /** From a 429's Retry-After header. */
    readonly retryAfterMs?: number,
  ) {
    super(`channel service answered ${status}${code ? ` ${code}` : ''}`);
  }
}

/** 403 (bot blocked, app not installed) and 404 will not change by trying again. */
export function isFinal(error: ChannelError): boolean {
  return !isRetriable(error);
}

/** Throttling and the transient failures Teams documents; anything else is reported, not retried. */
export function isRetriable(error: ChannelError): boolean {
  return [0, 412, 429, 502, 503, 504].includes(error.status);
}
