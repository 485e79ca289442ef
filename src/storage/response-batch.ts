import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { DeliveryDoc, PulseDoc, ResponseDoc } from '../domain/pulse-docs';
import type { ResponseOutcome, Versioned } from './ports';

/** How the batch reads again what changed under it. */
export interface ResponseReads {
  readPulse(tenantId: string, pulseId: string): Promise<Versioned<PulseDoc> | undefined>;
  readDelivery(tenantId: string, pulseId: string, userId: string): Promise<Versioned<DeliveryDoc> | undefined>;
  readResponse(tenantId: string, pulseId: string, userId: string): Promise<Versioned<ResponseDoc> | undefined>;
}

/** Other answers arriving at the same moment change the pulse document; each attempt reads it again. */
const ATTEMPTS = 8;

/**
 * Stores a person's response, only while the pulse is open. One transactional batch replaces the pulse document as it
 * was read (ETag-conditional; a first response also counts up the live count) and writes the response (a first one
 * also marks the ledger entry responded). Closing writes the pulse document too, so a response racing a close either
 * lands before it, and is in its results, or fails whole and is not stored.
 *
 * The pulse goes first in the batch: Cosmos DB rolls a failed batch back, and the local stand-in, which does not, stops
 * at the first failure, so a pulse that changed or closed since it was read leaves nothing behind in either.
 */
export async function saveResponseWhileOpen(
  container: Container,
  reads: ResponseReads,
  response: ResponseDoc,
  delivery: Versioned<DeliveryDoc>,
  pulse: Versioned<PulseDoc>,
): Promise<ResponseOutcome> {
  const { tenantId, pulseId, userId } = response;
  const partitionKey = [tenantId, pulseId];
  let entry: Versioned<DeliveryDoc> | undefined = delivery;
  let current: Versioned<PulseDoc> | undefined = pulse;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!current || current.doc.status !== 'open') return 'closed';
    if (!entry) return 'not-sent';
    const first = !entry.doc.respondedAt;
    const earlier = first ? undefined : await reads.readResponse(tenantId, pulseId, userId);
    const operations: OperationInput[] = [
      {
        operationType: 'Replace',
        id: current.doc.id,
        resourceBody: json({ ...current.doc, responses: current.doc.responses + (first ? 1 : 0) }),
        ifMatch: current.etag,
        partitionKey,
      },
      first
        ? { operationType: 'Create', resourceBody: json(response), partitionKey }
        : {
            operationType: 'Upsert',
            resourceBody: json({ ...response, submittedAt: earlier?.doc.submittedAt ?? response.submittedAt }),
            partitionKey,
          },
    ];
    if (first)
      operations.push({
        operationType: 'Replace',
        id: entry.doc.id,
        resourceBody: json({ ...entry.doc, respondedAt: response.submittedAt, updatedAt: response.updatedAt }),
        ifMatch: entry.etag,
        partitionKey,
      });
    const statuses = ((await container.items.batch(operations, partitionKey)).result ?? []).map(
      (result) => result.statusCode,
    );
    const failedAt = statuses.findIndex((status) => status >= 400 && status !== 424);
    if (failedAt === -1 && statuses.length === operations.length) return first ? 'created' : 'updated';
    const status = statuses[failedAt];
    if (failedAt === 0 && status === 412) current = await reads.readPulse(tenantId, pulseId);
    // The ledger entry changed under us: the sender settling it, a reminder round, or this person's answer a moment ago.
    else if (failedAt > 0 && (status === 409 || status === 412))
      entry = await reads.readDelivery(tenantId, pulseId, userId);
    else throw Object.assign(new Error(`response batch failed with ${status ?? 'no result'}`), { code: status });
  }
  return 'busy';
}

function json(doc: object): JSONObject {
  return doc as unknown as JSONObject;
}
