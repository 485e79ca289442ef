import {
  ChannelError,
  type OutgoingCard,
  type RosterMember,
  type RosterPage,
  type TeamsChannel,
} from './teams-channel';

/** Supplies the bearer token for the channel service; none in local mode (authentication off). */
export type TokenProvider = () => Promise<string | undefined>;

const REQUEST_TIMEOUT_MS = 15_000;

/** ChannelError codes of status 0: the request never left, or it left and no answer came (it may have been acted on). */
export const NOT_SENT = 'NotSent';
export const NO_RESPONSE = 'NoResponse';
const NO_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The Bot Connector REST calls over fetch. botframework-connector's ConnectorClient retries 429 and 5xx inside its
 * pipeline, where those retries would bypass the pulse's rate cap and its own retry accounting, and its options
 * offer no way to turn that off; this client makes exactly one HTTP request per call and leaves retrying to the
 * caller.
 */
export class HttpTeamsChannel implements TeamsChannel {
  constructor(
    private readonly token: TokenProvider = async () => undefined,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  async rosterPage(
    serviceUrl: string,
    rosterId: string,
    pageSize: number,
    continuationToken?: string,
  ): Promise<RosterPage> {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (continuationToken) query.set('continuationToken', continuationToken);
    const body = (await this.call(
      'GET',
      url(serviceUrl, `v3/conversations/${encodeURIComponent(rosterId)}/pagedmembers?${query}`),
    )) as { members?: { id?: unknown; aadObjectId?: unknown; name?: unknown }[]; continuationToken?: unknown };
    const members = (body.members ?? []).flatMap((member) => rosterMember(member) ?? []);
    const next =
      typeof body.continuationToken === 'string' && body.continuationToken ? body.continuationToken : undefined;
    return { members, continuationToken: next };
  }

  async member(serviceUrl: string, conversationId: string, userId: string): Promise<RosterMember | undefined> {
    try {
      const body = await this.call(
        'GET',
        url(serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`),
      );
      return rosterMember(body as Record<string, unknown>);
    } catch (error) {
      if (error instanceof ChannelError && (error.status === 404 || error.status === 400)) return undefined;
      throw error;
    }
  }

  async createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    bot: { id: string; name: string },
    memberId: string,
  ): Promise<string> {
    const body = (await this.call('POST', url(serviceUrl, 'v3/conversations'), {
      isGroup: false,
      bot,
      members: [{ id: memberId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    })) as { id?: unknown };
    if (typeof body.id !== 'string') throw new ChannelError(502, 'NoConversationId');
    return body.id;
  }

  async send(serviceUrl: string, conversationId: string, message: OutgoingCard): Promise<string> {
    const body = (await this.call(
      'POST',
      url(serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/activities`),
      message,
    )) as { id?: unknown };
    return typeof body.id === 'string' ? body.id : '';
  }

  /** Posts any activity to a conversation, as a reply to `replyToId` when given; returns the new activity's id. */
  async postActivity(
    serviceUrl: string,
    conversationId: string,
    activity: object,
    replyToId?: string,
  ): Promise<string> {
    const conversation = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const path = replyToId ? `${conversation}/${encodeURIComponent(replyToId)}` : conversation;
    const body = (await this.call('POST', url(serviceUrl, path), activity)) as { id?: unknown };
    return typeof body.id === 'string' ? body.id : '';
  }

  async update(serviceUrl: string, conversationId: string, activityId: string, message: OutgoingCard): Promise<void> {
    await this.updateActivity(serviceUrl, conversationId, activityId, message);
  }

  /** Replaces a message the bot posted earlier with this activity (the connector's update, a PUT). */
  async updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
  ): Promise<void> {
    await this.call(
      'PUT',
      url(
        serviceUrl,
        `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
      ),
      { ...activity, id: activityId },
    );
  }

  private async call(method: string, target: string, body?: unknown): Promise<unknown> {
    let token: string | undefined;
    try {
      token = await this.token();
    } catch {
      throw new ChannelError(0, NOT_SENT);
    }
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Status 0, which the pulse sender retries; whether the service may have acted on it tells replies apart.
      throw new ChannelError(0, neverReachedService(error) ? NOT_SENT : NO_RESPONSE);
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The body stalled past the timeout or was cut: a refusal still says what it was, a success may be posted.
      if (response.ok) throw new ChannelError(0, NO_RESPONSE);
      text = '';
    }
    const json = parseJson(text);
    if (!response.ok) {
      const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
      throw new ChannelError(
        response.status,
        typeof code === 'string' ? code : undefined,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    return json ?? {};
  }
}

/** A member as the service describes one; undefined without a channel account id. */
function rosterMember(member: { id?: unknown; aadObjectId?: unknown; name?: unknown }): RosterMember | undefined {
  if (typeof member.id !== 'string') return undefined;
  return {
    id: member.id,
    aadObjectId: typeof member.aadObjectId === 'string' ? member.aadObjectId : undefined,
    name: typeof member.name === 'string' ? member.name : undefined,
  };
}

/** No connection was made (or no token was had): the service cannot have seen the request. */
function neverReachedService(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' && NO_CONNECTION_CODES.has(code);
}

function url(serviceUrl: string, path: string): string {
  return `${serviceUrl.replace(/\/+$/, '')}/${path}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
