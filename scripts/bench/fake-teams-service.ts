/**
 * A FAKE of the Teams channel service (Bot Connector REST), on real HTTP: paged rosters, create conversation, send and
 * update. It records every request with its arrival time and can answer 429 with Retry-After, 5xx, 403 or 404, or
 * never answer at all (a sender that dies mid-request).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestKind = 'roster' | 'create' | 'send' | 'update';

export interface RecordedRequest {
  kind: RequestKind;
  /** performance.now() when the request arrived. */
  at: number;
  status: number;
  conversationId?: string;
  /** For create: the member the 1:1 conversation is with. */
  memberId?: string;
  activityId?: string;
  body?: Record<string, unknown>;
}

/**
 * What to do with one request: answer with an error, hang (it reached Teams, the answer never comes back), be lost (it
 * never reached Teams and no answer comes back), or (undefined) serve it normally.
 */
export type Fault = { status: number; code?: string; retryAfterSeconds?: number } | 'hang' | 'lost' | undefined;

export interface FaultContext {
  kind: RequestKind;
  /** The member a create or send is for. */
  memberId?: string;
  /** The conversation a send goes to. */
  conversationId?: string;
  /** How many requests of this kind came before this one. */
  index: number;
}

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name: string;
}

export class FakeTeamsService {
  readonly requests: RecordedRequest[] = [];
  /** Keep each request's body (the cards sent); a benchmark turns this off so the fake's memory stays small. */
  recordBodies = true;
  /** Decides faults; replace it in a test. */
  fault: (context: FaultContext) => Fault = () => undefined;
  private readonly counts: Record<RequestKind, number> = { roster: 0, create: 0, send: 0, update: 0 };
  private readonly hanging = new Set<ServerResponse>();
  private nextActivity = 1;

  private constructor(
    private readonly server: Server,
    readonly members: FakeMember[],
    readonly url: string,
    readonly botId: string,
  ) {}

  /** Starts the fake with `memberCount` members (plus the bot, which the roster also lists). */
  static async start(memberCount: number, botId = '28:strategy-guide'): Promise<FakeTeamsService> {
    const members = Array.from({ length: memberCount }, (_, index) => fakeMember(index));
    const ready: { service?: FakeTeamsService } = {};
    const server = createServer((req, res) => void ready.service?.handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ready.service = new FakeTeamsService(server, members, `http://127.0.0.1:${port}/`, botId);
    return ready.service;
  }

  /** Messages each member received in their 1:1 conversation (successful sends only). */
  receivedByMember(): Map<string, number> {
    const received = new Map<string, number>(this.members.map((member) => [member.id, 0]));
    for (const request of this.requests)
      if (request.kind === 'send' && request.status === 200 && request.conversationId?.startsWith('a:1on1|')) {
        const memberId = request.conversationId.slice('a:1on1|'.length);
        received.set(memberId, (received.get(memberId) ?? 0) + 1);
      }
    return received;
  }

  /** Requests of one kind. */
  of(kind: RequestKind): RecordedRequest[] {
    return this.requests.filter((request) => request.kind === kind);
  }

  /** The most requests that arrived in any window of `windowMs` (half-open), counting every kind. */
  peakRequests(windowMs = 1000): number {
    return peakIn(
      this.requests.map((request) => request.at),
      windowMs,
    );
  }

  /** Drops requests left hanging (as a dead sender's connections would be) and stops. */
  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname.split('/').map(decodeURIComponent);
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    // ['', 'v3', 'conversations', id?, 'pagedmembers' | 'members' | 'activities', activityId or userId?]
    const [, version, collection, conversationId, sub, activityId] = path;
    if (version !== 'v3' || collection !== 'conversations') return this.reply(res, 404, {});
    if (req.method === 'GET' && sub === 'pagedmembers') return this.roster(res, at, query);
    if (req.method === 'GET' && sub === 'members') return this.member(res, conversationId, activityId);
    if (req.method === 'POST' && conversationId === undefined) return this.create(res, at, body);
    if (req.method === 'POST' && sub === 'activities') return this.send(res, at, conversationId, body);
    if (req.method === 'PUT' && sub === 'activities') return this.update(res, at, conversationId, activityId, body);
    return this.reply(res, 404, {});
  }

  private roster(res: ServerResponse, at: number, query: URLSearchParams): void {
    const fault = this.faultFor({ kind: 'roster', index: this.counts.roster++ });
    if (this.failed(res, fault, { kind: 'roster', at })) return;
    const pageSize = Math.min(500, Math.max(1, Number(query.get('pageSize') ?? '200')));
    const offset = Number(query.get('continuationToken') ?? '0');
    const everyone = [{ id: this.botId, aadObjectId: '', name: 'Strategy Guide' }, ...this.members];
    const page = everyone.slice(offset, offset + pageSize);
    const next = offset + pageSize < everyone.length ? String(offset + pageSize) : undefined;
    this.requests.push({ kind: 'roster', at, status: 200 });
    this.reply(res, 200, { members: page, continuationToken: next });
  }

  /** One member, by channel account id or Entra object id, as Teams looks one up; a 1:1 chat has only its member. */
  private member(res: ServerResponse, conversationId: string, userId: string | undefined): void {
    const oneOnOne = conversationId.startsWith('a:1on1|') ? conversationId.slice('a:1on1|'.length) : undefined;
    const found = this.members.find(
      (member) =>
        (member.id === userId || member.aadObjectId === userId) && (oneOnOne === undefined || member.id === oneOnOne),
    );
    if (!found) return this.reply(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
    this.reply(res, 200, found);
  }

  private create(res: ServerResponse, at: number, body: Record<string, unknown>): void {
    const members = body.members as { id?: string }[] | undefined;
    // Teams takes a member's Entra object id in place of their channel account id.
    const requested = members?.[0]?.id;
    const memberId = this.members.find((member) => member.aadObjectId === requested)?.id ?? requested;
    const fault = this.faultFor({ kind: 'create', memberId, index: this.counts.create++ });
    if (this.failed(res, fault, { kind: 'create', at, memberId })) return;
    if (!memberId || !this.members.some((member) => member.id === memberId) || body.isGroup !== false)
      return this.record(res, { kind: 'create', at, status: 400, memberId }, { error: { code: 'BadArgument' } });
    this.record(res, { kind: 'create', at, status: 200, memberId }, { id: `a:1on1|${memberId}` });
  }

  private send(res: ServerResponse, at: number, conversationId: string, body: Record<string, unknown>): void {
    const memberId = conversationId.startsWith('a:1on1|') ? conversationId.slice('a:1on1|'.length) : undefined;
    const fault = this.faultFor({ kind: 'send', memberId, conversationId, index: this.counts.send++ });
    if (this.failed(res, fault, { kind: 'send', at, conversationId, memberId, body })) return;
    const activityId = `activity-${this.nextActivity++}`;
    this.record(res, { kind: 'send', at, status: 200, conversationId, memberId, activityId, body }, { id: activityId });
  }

  private update(
    res: ServerResponse,
    at: number,
    conversationId: string,
    activityId: string,
    body: Record<string, unknown>,
  ): void {
    const fault = this.faultFor({ kind: 'update', index: this.counts.update++ });
    if (this.failed(res, fault, { kind: 'update', at, conversationId, activityId, body })) return;
    this.record(res, { kind: 'update', at, status: 200, conversationId, activityId, body }, { id: activityId });
  }

  private faultFor(context: FaultContext): Fault {
    return this.fault(context);
  }

  /** Applies a fault; true when the request was answered (or left hanging) by it. */
  private failed(res: ServerResponse, fault: Fault, request: Omit<RecordedRequest, 'status'>): boolean {
    if (fault === undefined) return false;
    if (fault === 'hang' || fault === 'lost') {
      // A send that hangs still reached Teams: the member gets it, the sender never hears back. A lost one did not.
      if (fault === 'hang')
        this.requests.push({ ...request, status: 200, body: this.recordBodies ? request.body : undefined });
      this.hanging.add(res);
      return true;
    }
    const headers: Record<string, string> =
      fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    this.requests.push({ ...request, status: fault.status, body: this.recordBodies ? request.body : undefined });
    this.reply(res, fault.status, { error: { code: fault.code ?? 'Error', message: 'fake failure' } }, headers);
    return true;
  }

  private record(res: ServerResponse, request: RecordedRequest, body: unknown): void {
    this.requests.push(this.recordBodies ? request : { ...request, body: undefined });
    this.reply(res, request.status, body);
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

/** A member of the fake roster; ids are stable per index. */
export function fakeMember(index: number): FakeMember {
  const hex = index.toString(16).padStart(12, '0');
  return { id: `29:member-${index}`, aadObjectId: `00000000-0000-4000-8000-${hex}`, name: `Member ${index}` };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The most of `moments` (ms) in any window of `windowMs` (half-open). */
export function peakIn(moments: readonly number[], windowMs: number): number {
  const times = [...moments].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
