import type { Container, ItemDefinition, JSONObject, OperationInput } from '@azure/cosmos';
import { pulseIds, type DeliveryDoc, type DeliveryState } from '../domain/pulse-docs';
import type { DeliveryLedger, DeliveryPage, Versioned } from './ports';
import { createIfAbsent, readInPulse, replaceInPulse } from './pulse-partition';
import { withoutSystemFields } from './system-fields';

const BATCH_LIMIT = 100;
const STATES: DeliveryState[] = ['queued', 'sending', 'sent', 'failed', 'interrupted'];

/**
 * The delivery ledger of each pulse: one entry per recipient (`delivery|<pulse>|<user>`) in the pulse's partition of
 * the `pulses` container. Every state change is an ETag-conditional replace of the entry as read.
 */
export class CosmosDeliveryLedger implements DeliveryLedger {
  constructor(private readonly container: Container) {}

  /** One transactional batch per 100; when some were there already (a roster page read again), one by one. */
  async queueDeliveries(deliveries: readonly DeliveryDoc[]): Promise<number> {
    let created = 0;
    for (let start = 0; start < deliveries.length; start += BATCH_LIMIT) {
      const chunk = deliveries.slice(start, start + BATCH_LIMIT);
      const first = chunk[0];
      const partitionKey = [first.tenantId, first.pulseId];
      const operations: OperationInput[] = chunk.map((doc) => ({
        operationType: 'Create',
        resourceBody: doc as unknown as JSONObject,
        partitionKey,
      }));
      const response = await this.container.items.batch(operations, partitionKey);
      const results = response.result ?? [];
      if (results.length === chunk.length && results.every((result) => result.statusCode < 400)) {
        created += chunk.length;
        continue;
      }
      // The batch is all-or-nothing, so create them one by one and skip the ones that exist.
      for (const doc of chunk) if (await createIfAbsent(this.container, doc)) created++;
    }
    return created;
  }

  async deliveriesIn(
    tenantId: string,
    pulseId: string,
    states: readonly DeliveryState[],
    pageSize: number,
    continuation?: string,
  ): Promise<DeliveryPage> {
    const iterator = this.container.items.query<DeliveryDoc & ItemDefinition>(
      {
        query:
          'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @pulseId AND c.type = "delivery" AND ARRAY_CONTAINS(@states, c.state)',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@pulseId', value: pulseId },
          { name: '@states', value: [...states] },
        ],
      },
      { maxItemCount: pageSize, continuationToken: continuation, partitionKey: [tenantId, pulseId] },
    );
    const page = await iterator.fetchNext();
    return {
      deliveries: page.resources.map((resource) => ({
        doc: withoutSystemFields(resource) as DeliveryDoc,
        etag: String(resource._etag),
      })),
      continuation: page.continuationToken ?? undefined,
    };
  }

  readDelivery(tenantId: string, pulseId: string, userId: string): Promise<Versioned<DeliveryDoc> | undefined> {
    return readInPulse<DeliveryDoc>(this.container, pulseIds.delivery(pulseId, userId), tenantId, pulseId);
  }

  async deliveryCounts(tenantId: string, pulseId: string): Promise<Record<DeliveryState, number>> {
    const counts = await Promise.all(
      STATES.map(async (state) => {
        const { resources } = await this.container.items
          .query<number>(
            {
              query:
                'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @pulseId AND c.type = "delivery" AND c.state = @state',
              parameters: [
                { name: '@tenantId', value: tenantId },
                { name: '@pulseId', value: pulseId },
                { name: '@state', value: state },
              ],
            },
            { partitionKey: [tenantId, pulseId] },
          )
          .fetchAll();
        return [state, resources[0] ?? 0] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<DeliveryState, number>;
  }

  markSending(entry: Versioned<DeliveryDoc>, at: string): Promise<Versioned<DeliveryDoc> | undefined> {
    return this.change(entry, { ...entry.doc, state: 'sending', attempts: entry.doc.attempts + 1, updatedAt: at });
  }

  async markSent(
    entry: Versioned<DeliveryDoc>,
    sent: { conversationId?: string; activityId: string; at: string },
  ): Promise<boolean> {
    const { conversationId, activityId, at } = sent;
    const doc: DeliveryDoc = { ...entry.doc, state: 'sent', conversationId, activityId, sentAt: at, updatedAt: at };
    return (await this.change(entry, doc)) !== undefined;
  }

  async markFailed(
    entry: Versioned<DeliveryDoc>,
    failed: { conversationId?: string; reason: string; at: string },
  ): Promise<boolean> {
    const { conversationId, reason, at } = failed;
    const doc: DeliveryDoc = { ...entry.doc, state: 'failed', conversationId, reason, updatedAt: at };
    return (await this.change(entry, doc)) !== undefined;
  }

  markReminded(entry: Versioned<DeliveryDoc>, at: string): Promise<Versioned<DeliveryDoc> | undefined> {
    return this.change(entry, { ...entry.doc, remindedAt: at, updatedAt: at });
  }

  async requeue(entry: Versioned<DeliveryDoc>, reason: string, at: string): Promise<boolean> {
    return (await this.change(entry, { ...entry.doc, state: 'queued', reason, updatedAt: at })) !== undefined;
  }

  async markAnswered(entry: Versioned<DeliveryDoc>, at: string): Promise<boolean> {
    return (await this.change(entry, { ...entry.doc, state: 'sent', updatedAt: at })) !== undefined;
  }

  private async change(entry: Versioned<DeliveryDoc>, next: DeliveryDoc): Promise<Versioned<DeliveryDoc> | undefined> {
    const etag = await replaceInPulse(this.container, next, entry.etag);
    return etag ? { doc: next, etag } : undefined;
  }
}
