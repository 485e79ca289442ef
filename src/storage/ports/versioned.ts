/** A document with the version (ETag) it was read with, for conditional writes; opaque to its callers. */
export interface Versioned<T> {
  doc: T;
  etag: string;
}
