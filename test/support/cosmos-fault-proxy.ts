import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { classifyRequest, type RequestKind } from '../../scripts/bench/cosmos-requests';

/**
 * A proxy in front of the embedded Cosmos-compatible server that injects the faults a real Cosmos DB account
 * produces: throttling (429 with a retry-after), 503, and requests that never get an answer — either before the
 * server saw them or after it committed them (the response is what is lost) — and slow ones, delayed for a time or
 * held until the test lets them go (to order a request after something else deterministically).
 */
export type Fault =
  | { status: 429; retryAfterMs: number }
  | { status: 503 }
  | { hang: 'before-forwarding' | 'after-forwarding' }
  | { delayMs: number }
  | { heldUntil: Promise<unknown> };

export interface FaultRule {
  /** Which requests are hit, by container and operation (e.g. users / batch), and if need be by body (a query's text). */
  match: (request: RequestKind, body: string) => boolean;
  fault: Fault;
  /** How many matching requests get the fault (default: every one until cleared). */
  times?: number;
}

export interface CosmosFaultProxy {
  endpoint: string;
  inject(rule: FaultRule): void;
  clear(): void;
  /** Matching requests that got a fault so far. */
  readonly faulted: number;
  close(): Promise<void>;
}

export async function startCosmosFaultProxy(target: string): Promise<CosmosFaultProxy> {
  const upstream = new URL(target);
  let rules: { rule: FaultRule; left: number }[] = [];
  let faulted = 0;
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer, onResponse: (res: IncomingMessage, data: Buffer) => void) => {
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => onResponse(res, Buffer.concat(chunks)));
      },
    );
    outgoing.on('error', () => undefined);
    outgoing.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const kind = classifyRequest(req.method ?? 'GET', req.url ?? '/', req.headers);
      const active = rules.find((entry) => entry.left > 0 && entry.rule.match(kind, body.toString()));
      if (!active) {
        forward(req, body, (upstreamRes, data) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(data);
        });
        return;
      }
      active.left--;
      faulted++;
      const { fault } = active.rule;
      const passOn = () =>
        forward(req, body, (upstreamRes, data) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(data);
        });
      if ('delayMs' in fault) {
        setTimeout(passOn, fault.delayMs);
        return;
      }
      if ('heldUntil' in fault) {
        void fault.heldUntil.then(passOn, passOn);
        return;
      }
      if ('hang' in fault) {
        // No answer at all; the client's own timeout has to end it.
        if (fault.hang === 'after-forwarding') forward(req, body, () => undefined);
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['x-ms-retry-after-ms'] = String(fault.retryAfterMs);
      res.writeHead(fault.status, headers);
      res.end(
        JSON.stringify({ code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'injected' }),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject(rule) {
      rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      rules = [];
    },
    get faulted() {
      return faulted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
