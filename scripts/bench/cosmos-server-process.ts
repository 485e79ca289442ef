/**
 * The embedded Cosmos-compatible server as a process of its own (started by cosmos-process.ts), the way a real
 * database is never in the bot's process. It counts requests by kind for whoever asked over IPC.
 */
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyRequest, Tally } from './cosmos-requests';
import { scopeQueriesToPartitions } from './partition-scoped-queries';

export type ParentMessage = { id: number; type: 'attach' | 'detach' };
export type ChildMessage =
  { type: 'listening'; port: number } | { id: number; type: 'done'; rows?: ReturnType<Tally['list']> };

// Same options as src/local/embedded-cosmos.ts: keep-alive changes its speed about threefold.
const server = createHttpServer({ keepAlive: true });
scopeQueriesToPartitions(server);
const attached = new Map<number, Tally>();

server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (attached.size === 0) return;
  const tallies = [...attached.values()];
  const kind = classifyRequest(req.method ?? 'GET', req.url ?? '/', req.headers);
  res.once('finish', () => tallies.forEach((tally) => tally.add(kind, res.statusCode)));
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'attach') {
    attached.set(message.id, new Tally());
    process.send?.({ id: message.id, type: 'done' } satisfies ChildMessage);
  } else {
    const rows = attached.get(message.id)?.list() ?? [];
    attached.delete(message.id);
    process.send?.({ id: message.id, type: 'done', rows } satisfies ChildMessage);
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies ChildMessage);
});
