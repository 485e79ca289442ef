import { randomUUID } from 'node:crypto';
import type { Container, JSONObject } from '@azure/cosmos';
import {
  pulseIds,
  type AnonymousResponse,
  type DeliveryDoc,
  type PulseDoc,
  type ResponseDoc,
} from '../domain/pulse-docs';
import { deleteIfPresent } from './delete-if-present';
import type { DeliveryLedger, PulseResponses, PulseStore, ResponseOutcome, Versioned } from './ports';
import { readInPulse } from './pulse-partition';
import { saveResponseWhileOpen, type ResponseReads } from './response-batch';
import { withoutSystemFields } from './system-fields';

/**
 * Pulse responses (`response|<pulse>|<user>`) in the pulse's partition of the `pulses` container, and what a person
 * has in the pulses of their tenant, for export and "delete my data".
 */
export class CosmosPulseResponses implements PulseResponses {
  private readonly reads: ResponseReads;

  /** `pulses` and `ledger`: the stores of the same container, for the reads a racing response needs. */
  constructor(
    private readonly container: Container,
    pulses: Pick<PulseStore, 'readPulse'>,
    ledger: Pick<DeliveryLedger, 'readDelivery'>,
  ) {
    this.reads = {
      readPulse: (tenantId, pulseId) => pulses.readPulse(tenantId, pulseId),
      readDelivery: (tenantId, pulseId, userId) => ledger.readDelivery(tenantId, pulseId, userId),
      readResponse: (tenantId, pulseId, userId) => this.readResponse(tenantId, pulseId, userId),
    };
  }

  /** See response-batch.ts for how a response racing a close is either in its results or not stored at all. */
  saveResponse(
    response: ResponseDoc,
    delivery: Versioned<DeliveryDoc>,
    pulse: Versioned<PulseDoc>,
  ): Promise<ResponseOutcome> {
    return saveResponseWhileOpen(this.container, this.reads, response, delivery, pulse);
  }

  readResponse(tenantId: string, pulseId: string, userId: string): Promise<Versioned<ResponseDoc> | undefined> {
    return readInPulse<ResponseDoc>(this.container, pulseIds.response(pulseId, userId), tenantId, pulseId);
  }

  async anonymousResponses(tenantId: string, pulseId: string): Promise<AnonymousResponse[]> {
    const { resources } = await this.container.items
      .query<AnonymousResponse>(
        {
          query:
            'SELECT c.answers, c.comment FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @pulseId AND c.type = "response"',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@pulseId', value: pulseId },
          ],
        },
        { partitionKey: [tenantId, pulseId] },
      )
      .fetchAll();
    return resources;
  }

  async personalDocs(
    tenantId: string,
    userId: string,
  ): Promise<{ responses: ResponseDoc[]; deliveries: DeliveryDoc[] }> {
    const { resources } = await this.container.items
      .query<ResponseDoc | DeliveryDoc>({
        query:
          'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId AND (c.type = "response" OR c.type = "delivery")',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@userId', value: userId },
        ],
      })
      .fetchAll();
    const docs = resources.map(withoutSystemFields);
    return {
      responses: docs.filter((doc): doc is ResponseDoc => doc.type === 'response'),
      deliveries: docs.filter((doc): doc is DeliveryDoc => doc.type === 'delivery'),
    };
  }

  /** One transactional batch writes a copy without who it was (nor when) and deletes the original. */
  async anonymise(doc: ResponseDoc | DeliveryDoc): Promise<boolean> {
    const partitionKey = [doc.tenantId, doc.pulseId];
    const kept =
      doc.type === 'response'
        ? { answers: doc.answers, ...(doc.comment ? { comment: doc.comment } : {}) }
        : { state: doc.state };
    const copy = {
      id: `${doc.type}|${doc.pulseId}|anonymous-${randomUUID()}`,
      type: doc.type,
      tenantId: doc.tenantId,
      pulseId: doc.pulseId,
      ...kept,
    };
    const response = await this.container.items.batch(
      [
        { operationType: 'Delete', id: doc.id, partitionKey },
        { operationType: 'Create', resourceBody: copy as unknown as JSONObject, partitionKey },
      ],
      partitionKey,
    );
    const failed = (response.result ?? []).find((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failed?.statusCode === 404) return false;
    if (failed)
      throw Object.assign(new Error(`anonymise batch failed with ${failed.statusCode}`), { code: failed.statusCode });
    return true;
  }

  deletePersonalDoc(doc: ResponseDoc | DeliveryDoc): Promise<boolean> {
    return deleteIfPresent(this.container.item(doc.id, [doc.tenantId, doc.pulseId]));
  }
}
