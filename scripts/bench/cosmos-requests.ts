import type { IncomingHttpHeaders } from 'node:http';

/** What one HTTP request to the Cosmos server did, as far as method, path and headers tell. */
export interface RequestKind {
  /** The container for document operations ("sessions"); otherwise the metadata resource ("account", "collection"). */
  target: string;
  operation: string;
  /** True for operations on documents; false for account, database, container and partition-range metadata. */
  document: boolean;
}

/** Classifies a request the way the Cosmos REST API routes it (the same headers @vercel/cosmosdb-server looks at). */
export function classifyRequest(method: string, url: string, headers: IncomingHttpHeaders): RequestKind {
  // Not new URL(): the SDK can send "//dbs/...", which a URL parser reads as a host name.
  const parts = url
    .split('?', 1)[0]
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const verb = method.toUpperCase();
  if (parts[0] !== 'dbs') return { target: 'account', operation: 'read', document: false };
  if (parts.length <= 2) return { target: 'database', operation: metadataOperation(verb, headers), document: false };
  const container = parts[3];
  if (container === undefined)
    return { target: 'collections', operation: metadataOperation(verb, headers), document: false };
  if (parts[4] === 'docs')
    return { target: container, operation: documentOperation(verb, headers, parts.length > 5), document: true };
  if (parts[4] === 'pkranges') return { target: `${container} pkranges`, operation: 'read', document: false };
  if (parts[4] === undefined)
    return { target: `${container} collection`, operation: metadataOperation(verb, headers), document: false };
  return { target: `${container} ${parts[4]}`, operation: metadataOperation(verb, headers), document: false };
}

function documentOperation(verb: string, headers: IncomingHttpHeaders, hasId: boolean): string {
  if (hasId) {
    const byVerb: Record<string, string> = { GET: 'read', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' };
    return byVerb[verb] ?? verb.toLowerCase();
  }
  if (verb === 'GET') return 'read feed';
  if (verb !== 'POST') return verb.toLowerCase();
  if (isQuery(headers)) return 'query';
  if (isTrue(headers['x-ms-documentdb-is-upsert'])) return 'upsert';
  if (isTrue(headers['x-ms-cosmos-is-batch-request'])) return 'batch';
  return 'create';
}

function metadataOperation(verb: string, headers: IncomingHttpHeaders): string {
  if (verb === 'POST') return isQuery(headers) ? 'query' : 'create';
  const byVerb: Record<string, string> = { GET: 'read', PUT: 'replace', DELETE: 'delete' };
  return byVerb[verb] ?? verb.toLowerCase();
}

function isQuery(headers: IncomingHttpHeaders): boolean {
  return isTrue(headers['x-ms-documentdb-isquery']) || headers['content-type'] === 'application/query+json';
}

function isTrue(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

/** One line of a tally: how often a kind of request ended with a status. */
export interface TallyRow extends RequestKind {
  status: number;
  count: number;
}

/** Counts of Cosmos requests by kind and status. */
export class Tally {
  private readonly rows = new Map<string, TallyRow>();

  add(kind: RequestKind, status: number, count = 1): void {
    const key = `${kind.target}\u0000${kind.operation}\u0000${status}`;
    const row = this.rows.get(key);
    if (row) row.count += count;
    else this.rows.set(key, { target: kind.target, operation: kind.operation, document: kind.document, status, count });
  }

  merge(other: Tally): void {
    for (const row of other.list()) this.add(row, row.status, row.count);
  }

  /** Rows, documents first, then by count. */
  list(): TallyRow[] {
    return [...this.rows.values()].sort((a, b) => Number(b.document) - Number(a.document) || b.count - a.count);
  }

  total(filter: (row: TallyRow) => boolean = () => true): number {
    return this.list()
      .filter(filter)
      .reduce((sum, row) => sum + row.count, 0);
  }

  /** A short text such as "sessions replace 200 ×1, answers upsert 200 ×1". */
  describe(): string {
    return this.list()
      .map((row) => `${row.target} ${row.operation} ${row.status}${row.count > 1 ? ` ×${row.count}` : ''}`)
      .join(', ');
  }
}
