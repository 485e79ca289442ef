import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the Teams connector (the Bot Framework channel service cannot run here): it accepts what the bot sends
 * to a conversation and remembers it, so replies in Teams' normal mode and proactive messages (background work,
 * digests) can be checked. Faults can be injected for the next POSTs: a refusal (429 with Retry-After, 5xx), a stall
 * (the message is posted, the answer comes late), a body stall (the message is posted, the answer's status and headers
 * come at once but its body stalls) or a lost answer (the message is posted, the connection cut). Updates (PUT of an
 * activity id it gave out) replace the message as the chat shows it; an id it never gave out gets 404, as from Teams,
 * and refusals can be injected for the next updates.
 */
export interface SentActivity {
  /** The id the connector gave the message (a card submit from it carries this as `replyToId`). */
  id: string;
  conversationId: string;
  activity: Record<string, unknown> & { text?: string };
  at: number;
}

/** A PUT of a message: what it asked for, and how it was answered. */
export interface UpdateRequest {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
  outcome: number;
}

export type ConnectorFault =
  | { status: 429 | 500 | 502 | 503 | 504; retryAfter?: string }
  | { stallMs: number }
  | { stallBodyMs: number }
  | { dropResponse: true };

export interface ReceivedPost {
  conversationId: string;
  at: number;
  /** The HTTP status answered, or 'dropped' when the connection was cut instead. */
  outcome: number | 'dropped';
}

export interface FakeConnector {
  /** The serviceUrl to put on activities, e.g. http://127.0.0.1:1234/ */
  serviceUrl: string;
  /** What the bot sent and the connector posted (the user sees these), oldest first. */
  sent: SentActivity[];
  /** Every POST that reached the connector, posted or refused. */
  received: ReceivedPost[];
  /** The next POSTs get these faults, one each, in order; later ones are answered normally. */
  inject(...faults: ConnectorFault[]): void;
  /** Every PUT that reached the connector, applied or refused, oldest first. */
  updates: UpdateRequest[];
  /** The next PUTs are refused with these statuses, one each, in order. */
  refuseUpdates(...statuses: number[]): void;
  /** The messages of a conversation as the chat shows them now: as posted, or as last updated. */
  chat(conversationId: string): SentActivity[];
  /** Resolves when `count` activities have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const received: ReceivedPost[] = [];
  const faults: ConnectorFault[] = [];
  const stalls = new Set<NodeJS.Timeout>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const updates: UpdateRequest[] = [];
  const updateRefusals: number[] = [];
  const current = new Map<string, SentActivity['activity']>();
  const update = (conversationId: string, activityId: string, body: Buffer, res: ServerResponse) => {
    const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const known = sent.some((item) => item.id === activityId && item.conversationId === conversationId);
    const outcome = updateRefusals.shift() ?? (known ? 200 : 404);
    updates.push({ conversationId, activityId, activity, at: Date.now(), outcome });
    if (outcome === 200) current.set(activityId, activity);
    res.writeHead(outcome, { 'content-type': 'application/json' });
    res.end(JSON.stringify(outcome === 200 ? { id: activityId } : { error: { code: 'Refused', message: 'refused' } }));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const put = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'PUT' && put) {
        update(decodeURIComponent(put[1]), decodeURIComponent(put[2]), Buffer.concat(chunks), res);
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      const at = Date.now();
      const fault = faults.shift();
      if (fault && 'status' in fault) {
        received.push({ conversationId, at, outcome: fault.status });
        res.writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
        });
        res.end(JSON.stringify({ error: { code: 'Injected', message: 'injected fault' } }));
        return;
      }
      const id = `activity-${sent.length + 1}`;
      sent.push({
        id,
        conversationId,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity'],
        at,
      });
      for (const waiter of waiters.filter((candidate) => sent.length >= candidate.count)) waiter.resolve();
      if (fault && 'dropResponse' in fault) {
        received.push({ conversationId, at, outcome: 'dropped' });
        req.socket.destroy();
        return;
      }
      received.push({ conversationId, at, outcome: 200 });
      const body = JSON.stringify({ id });
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (!fault) return answer();
      const stallFor = (ms: number, then: () => void) => {
        const stall = setTimeout(() => {
          stalls.delete(stall);
          then();
        }, ms);
        stalls.add(stall);
      };
      if ('stallMs' in fault) return stallFor(fault.stallMs, answer);
      // Status and headers now, the first half of the body, then nothing until the stall is over.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.flushHeaders();
      const half = Math.floor(body.length / 2);
      res.write(body.slice(0, half));
      stallFor(fault.stallBodyMs, () => {
        if (!res.socket?.destroyed) res.end(body.slice(half));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    received,
    inject: (...more) => void faults.push(...more),
    updates,
    refuseUpdates: (...statuses) => void updateRefusals.push(...statuses),
    chat: (conversationId) =>
      sent
        .filter((item) => item.conversationId === conversationId)
        .map((item) => ({ ...item, activity: current.get(item.id) ?? item.activity })),
    waitFor(count, timeoutMs = 10_000) {
      if (sent.length >= count) return Promise.resolve(sent);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${sent.length} of ${count} activities arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(sent);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stall of stalls) clearTimeout(stall);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
