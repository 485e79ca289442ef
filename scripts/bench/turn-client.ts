import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The parts of a reply activity the bench looks at. */
export interface ReplyActivity {
  type?: string;
  text?: string;
  attachments?: { contentType?: string; content?: unknown }[];
}

export interface TurnResult {
  status: number;
  activities: ReplyActivity[];
  /** Client-side: from sending the request to having parsed the whole response. */
  ms: number;
}

/** Called around every turn, e.g. to record its latency or the Cosmos requests it caused. */
export interface TurnHooks {
  /** A person's pause before each message (not counted in its latency). */
  think?(): Promise<void>;
  before?(): void;
  after?(result: TurnResult): void;
}

/** A Teams user in personal chat, posting activities with deliveryMode expectReplies over keep-alive HTTP. */
export class TurnClient {
  readonly conversationId: string;

  constructor(
    private readonly agent: Agent,
    private readonly baseUrl: string,
    readonly aadObjectId: string,
    private readonly tenantId: string,
    private readonly hooks: TurnHooks = {},
    /** The Authorization header for each request, for a bot with authentication on (the load script). */
    private readonly authorization?: () => string,
  ) {
    this.conversationId = `a:personal-${aadObjectId}`;
  }

  say(text: string): Promise<TurnResult> {
    return this.post({ type: 'message', text });
  }

  submit(value: Record<string, unknown>): Promise<TurnResult> {
    return this.post({ type: 'message', value });
  }

  async post(activity: Record<string, unknown>): Promise<TurnResult> {
    const body = JSON.stringify({
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: `29:${this.aadObjectId}`, aadObjectId: this.aadObjectId, name: 'Bench User' },
      recipient: { id: '28:strategy-guide', name: 'Strategy Guide' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.tenantId },
      channelData: { tenant: { id: this.tenantId } },
      deliveryMode: 'expectReplies',
      ...activity,
    });
    await this.hooks.think?.();
    this.hooks.before?.();
    const started = performance.now();
    const headers: Record<string, string> = this.authorization ? { authorization: this.authorization() } : {};
    const { status, text } = await postJson(this.agent, `${this.baseUrl}/api/messages`, body, headers);
    const parsed = text ? (JSON.parse(text) as { activities?: ReplyActivity[] }) : {};
    const result = { status, activities: parsed.activities ?? [], ms: performance.now() - started };
    this.hooks.after?.(result);
    return result;
  }
}

/**
 * One keep-alive agent per target, so every simulated user can have its own connection. Idle sockets are dropped
 * after 2 s: without a timeout of its own the agent ignores the server's keep-alive hint (5 s) and can reuse a
 * socket the server is closing, which the client sees as ECONNRESET.
 */
export function clientAgent(users: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: users, timeout: 2_000 });
}

function postJson(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
