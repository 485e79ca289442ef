import type { Container } from '@azure/cosmos';
import type { Versioned } from './ports';
import { withoutSystemFields } from './system-fields';

/** What the stores of the `pulses` container share: point reads and conditional writes in a pulse's own partition. */
type InPulse = { id: string; tenantId: string; pulseId: string };

const TRANSIENT_ATTEMPTS = 3;

/** A request that died with its connection (no HTTP status): it may or may not have been applied. */
function isConnectionDrop(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(String(code)) ||
    (typeof message === 'string' && /socket hang up|ECONNRESET/i.test(message))
  );
}

export async function readInPulse<T extends { id: string }>(
  container: Container,
  id: string,
  tenantId: string,
  pulseId: string,
): Promise<Versioned<T> | undefined> {
  const { resource, etag } = await container.item(id, [tenantId, pulseId]).read<T>();
  return resource ? { doc: withoutSystemFields(resource), etag } : undefined;
}

/** Replaces the document if nobody changed it since `etag`: the new ETag, or undefined when somebody did (or it is gone). */
export async function replaceInPulse<T extends InPulse>(
  container: Container,
  doc: T,
  etag: string,
): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await container
        .item(doc.id, [doc.tenantId, doc.pulseId])
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return response.etag;
    } catch (error) {
      // 412: changed since it was read; 404: gone (the person deleted their data). Either way: not this caller's.
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return undefined;
      // The SDK does not retry writes on a dropped connection. Retrying a conditional write is safe: if the first
      // one did land, the retry gets 412 and the caller treats the entry as changed (never as a second send).
      if (attempt >= TRANSIENT_ATTEMPTS || !isConnectionDrop(error)) throw error;
    }
  }
}

/** Creates the document; false when it exists already. */
export async function createIfAbsent(container: Container, doc: InPulse): Promise<boolean> {
  return (await createdEtag(container, doc)) !== undefined;
}

/** Creates the document: its ETag, or undefined when it exists already. */
export async function createdEtag(container: Container, doc: InPulse): Promise<string | undefined> {
  try {
    const { etag } = await container.items.create(doc);
    return etag;
  } catch (error) {
    if ((error as { code?: number }).code === 409) return undefined;
    throw error;
  }
}
