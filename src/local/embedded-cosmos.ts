import type { AddressInfo } from 'node:net';
import { createHttpServer, createHttpsServer } from '@vercel/cosmosdb-server';

/** The well-known key of the Cosmos DB emulators; only ever valid against a local server. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyJsLzsSu5/Nl3zWgw==';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  close(): Promise<void>;
}

export interface EmbeddedCosmosOptions {
  port?: number;
  /** Serve HTTPS with the package's self-signed (expired) certificate, as an external emulator would. */
  tls?: boolean;
}

/**
 * Starts an in-memory Cosmos-compatible server on loopback (data is gone when the process stops). Plain HTTP by
 * default: it never leaves this machine, and TLS would double the cost of every request in local runs.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  const { port = 0, tls = false } = options;
  // keepAlive matters: the stock server closes every connection and is about 3x slower.
  const server = tls ? createHttpsServer({ keepAlive: true }) : createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    endpoint: `${tls ? 'https' : 'http'}://127.0.0.1:${boundPort}`,
    key: EMULATOR_KEY,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
