import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The embedded Cosmos-compatible server runs every query over the whole container, whatever partition key the
 * request names; Cosmos DB runs it in that partition. With thousands of simulated users that scan, not the bot, sets
 * the pace. For the benchmark and load scripts only, this scopes a query to the partition key the request names
 * (the `x-ms-documentdb-partitionkey` header, all levels of a hierarchical key), as Cosmos does, and runs the query
 * plan request the SDK sends first over no documents at all.
 */
interface StoredItem {
  read(): Record<string, unknown>;
}

interface ItemsInternals {
  _data: Map<string, StoredItem>;
  _parent: { read(): { partitionKey?: { paths?: string[] } } | undefined };
  query(...args: unknown[]): unknown;
}

const requestedPartition = new AsyncLocalStorage<unknown[] | undefined>();

/** A query plan request scans nothing: the stand-in answers it by running the query, which the SDK then ignores. */
const NO_DOCUMENTS: unknown[] = [Symbol('query plan request')];

function partitionKeyOf(req: IncomingMessage): unknown[] | undefined {
  if (String(req.headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true') return NO_DOCUMENTS;
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof header !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function scopeQueriesToPartitions(server: Server): void {
  // The package's own request handler runs inside the request's partition key context.
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    requestedPartition.run(partitionKeyOf(req), () => handlers.forEach((handler) => handler.call(server, req, res))),
  );

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Items = (require('@vercel/cosmosdb-server/lib/account/items') as { default: { prototype: ItemsInternals } })
    .default;
  const query = Items.prototype.query;
  Items.prototype.query = function scopedQuery(this: ItemsInternals, ...args: unknown[]) {
    const key = requestedPartition.getStore();
    const paths = this._parent.read()?.partitionKey?.paths ?? [];
    if (!key || paths.length === 0) return query.apply(this, args);
    const all = this._data;
    const inPartition: StoredItem[] = [];
    for (const item of all.values()) {
      const doc = item.read();
      if (key.every((value, level) => doc[paths[level]?.slice(1) ?? ''] === value)) inPartition.push(item);
    }
    // The package's query reads only `_data.values()`; handing it the partition's items is all that is needed.
    this._data = { values: () => inPartition.values() } as unknown as Map<string, StoredItem>;
    try {
      return query.apply(this, args);
    } finally {
      this._data = all;
    }
  };
}
