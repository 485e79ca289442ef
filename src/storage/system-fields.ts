/** Drops Cosmos system properties (_etag, _rid, _ts, ...) so documents round-trip as the app wrote them. */
export function withoutSystemFields<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))) as T;
}
