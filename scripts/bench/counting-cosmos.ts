import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { EMULATOR_KEY } from '../../src/local/embedded-cosmos';
import { classifyRequest, type Tally } from './cosmos-requests';

/** The embedded Cosmos-compatible server, started like src/local/embedded-cosmos.ts but with every request observable. */
export interface CountingCosmos {
  endpoint: string;
  key: string;
  /** Counts requests that arrive while the tally is attached (and still counts them if they finish after detach). */
  attach(tally: Tally): void;
  detach(tally: Tally): void;
  close(): Promise<void>;
}

export async function startCountingCosmos(): Promise<CountingCosmos> {
  // Same options as the app's embedded server: keep-alive changes its speed about threefold.
  const server = createHttpServer({ keepAlive: true });
  const attached = new Set<Tally>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (attached.size === 0) return;
    const tallies = [...attached];
    const kind = classifyRequest(req.method ?? 'GET', req.url ?? '/', req.headers);
    res.once('finish', () => tallies.forEach((tally) => tally.add(kind, res.statusCode)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: EMULATOR_KEY,
    attach: (tally) => attached.add(tally),
    detach: (tally) => attached.delete(tally),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
