import { randomUUID } from 'node:crypto';
import type { Container, ItemDefinition, JSONObject, OperationInput, PatchOperation } from '@azure/cosmos';
import type { AnonymousResponse } from '../pulse/results';
import {
  pulseIds,
  type DeliveryDoc,
  type DeliveryState,
  type LeaseDoc,
  type PulseDoc,
  type ResponseDoc,
  type ResultsDoc,
} from '../pulse/types';
import { deleteIfPresent } from './delete-if-present';
import { saveResponseWhileOpen, type ResponseOutcome, type Versioned } from './response-batch';
import { withoutSystemFields } from './system-fields';

/** The pulses the scheduler looks at: open ones, and closed ones whose results card has not landed yet. */
const SCHEDULED = '(c.status = "open" OR c.resultsDue = true)';

export type { ResponseOutcome, Versioned };

export interface DeliveryPage {
  deliveries: Versioned<DeliveryDoc>[];
  continuation?: string;
}

const BATCH_LIMIT = 100;
const TRANSIENT_ATTEMPTS = 3;

/** A request that died with its connection (no HTTP status): it may or may not have been applied. */
function isConnectionDrop(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(String(code)) ||
    (typeof message === 'string' && /socket hang up|ECONNRESET/i.test(message))
  );
}

/**
 * A pulse, its per-recipient delivery ledger, its responses and its send lease: all in the pulse's own partition
 * ([tenantId, pulseId]) of the `pulses` container, so nothing here ever reads across tenants or pulses.
 */
export class PulseStore {
  constructor(private readonly container: Container) {}

  async createPulse(pulse: PulseDoc): Promise<void> {
    await this.container.items.create(pulse);
  }

  async readPulse(tenantId: string, pulseId: string): Promise<Versioned<PulseDoc> | undefined> {
    return this.read<PulseDoc>(pulseIds.pulse(pulseId), tenantId, pulseId);
  }

  /** Replaces the pulse if nobody changed it since `etag`; false when somebody did. */
  async replacePulse(pulse: PulseDoc, etag: string): Promise<string | undefined> {
    return this.replace(pulse, etag);
  }

  /** Atomic changes to the pulse document (no read, no lost update). */
  async patchPulse(tenantId: string, pulseId: string, operations: PatchOperation[]): Promise<void> {
    await this.container.item(pulseIds.pulse(pulseId), [tenantId, pulseId]).patch(operations);
  }

  /** Pulses of one tenant the scheduler looks after: open ones, and closed ones whose results are still due. */
  async scheduledPulses(tenantId: string): Promise<PulseDoc[]> {
    const { resources } = await this.container.items
      .query<PulseDoc>({
        query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse" AND ${SCHEDULED}`,
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  /**
   * Local mode only (no tenant allow-list to walk): the tenants that have a scheduled pulse. The query returns tenant
   * ids, nothing else, and every action taken afterwards stays inside one tenant.
   */
  async tenantsWithScheduledPulses(): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>(`SELECT VALUE c.tenantId FROM c WHERE c.type = "pulse" AND ${SCHEDULED}`)
      .fetchAll();
    return [...new Set(resources)];
  }

  /**
   * Adds recipients to the ledger as `queued`. One transactional batch per 100; a recipient already in the ledger
   * (a roster page read again after a restart) is left as it is. Returns how many were new.
   */
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
      // Some were there already: the batch is all-or-nothing, so create them one by one and skip the ones that exist.
      for (const doc of chunk) if (await this.createIfAbsent(doc)) created++;
    }
    return created;
  }

  /** A page of ledger entries in the given states, each with its ETag. */
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

  async readDelivery(tenantId: string, pulseId: string, userId: string): Promise<Versioned<DeliveryDoc> | undefined> {
    return this.read<DeliveryDoc>(pulseIds.delivery(pulseId, userId), tenantId, pulseId);
  }

  /** Replaces a ledger entry if nobody changed it since `etag`: the new ETag, or undefined when somebody did. */
  async replaceDelivery(delivery: DeliveryDoc, etag: string): Promise<string | undefined> {
    return this.replace(delivery, etag);
  }

  /** How many ledger entries are in each state. */
  async deliveryCounts(tenantId: string, pulseId: string): Promise<Record<DeliveryState, number>> {
    const states: DeliveryState[] = ['queued', 'sending', 'sent', 'failed', 'interrupted'];
    const counts = await Promise.all(
      states.map(async (state) => {
        const { resources } = await this.container.items
          .query<number>({
            query:
              'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @pulseId AND c.type = "delivery" AND c.state = @state',
            parameters: [
              { name: '@tenantId', value: tenantId },
              { name: '@pulseId', value: pulseId },
              { name: '@state', value: state },
            ],
          })
          .fetchAll();
        return [state, resources[0] ?? 0] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<DeliveryState, number>;
  }

  /**
   * Stores a person's response, only while the pulse is open: a response racing a close either lands before it, and is
   * in its results, or is not stored at all (see response-batch.ts).
   */
  saveResponse(
    response: ResponseDoc,
    delivery: Versioned<DeliveryDoc>,
    pulse: Versioned<PulseDoc>,
  ): Promise<ResponseOutcome> {
    return saveResponseWhileOpen(this.container, this, response, delivery, pulse);
  }

  async readResponse(tenantId: string, pulseId: string, userId: string): Promise<Versioned<ResponseDoc> | undefined> {
    return this.read<ResponseDoc>(pulseIds.response(pulseId, userId), tenantId, pulseId);
  }

  /**
   * Closes an open pulse (a conditional patch: of several closers exactly one succeeds, and no response can land
   * after it). The closed pulse, or undefined when it was not open.
   */
  closePulse(
    tenantId: string,
    pulseId: string,
    close: Required<Pick<PulseDoc, 'closedAt' | 'closedBy'>> & Pick<PulseDoc, 'resultsDue'>,
  ): Promise<PulseDoc | undefined> {
    const operations: PatchOperation[] = [
      { op: 'set', path: '/status', value: 'closed' },
      { op: 'set', path: '/closedAt', value: close.closedAt },
      { op: 'set', path: '/closedBy', value: close.closedBy },
    ];
    if (close.resultsDue) operations.push({ op: 'set', path: '/resultsDue', value: true });
    return this.patchIfOpen(tenantId, pulseId, operations);
  }

  /** Marks an open pulse that was never sent as cancelled; the pulse, or undefined when it was not open. */
  cancelPulse(tenantId: string, pulseId: string, at: string): Promise<PulseDoc | undefined> {
    return this.patchIfOpen(tenantId, pulseId, [
      { op: 'set', path: '/status', value: 'cancelled' },
      { op: 'set', path: '/closedAt', value: at },
    ]);
  }

  /** The results stored when the pulse closed. */
  async readResults(tenantId: string, pulseId: string): Promise<ResultsDoc | undefined> {
    return (await this.read<ResultsDoc>(pulseIds.results(pulseId), tenantId, pulseId))?.doc;
  }

  /** Stores a closed pulse's results once; false when they were stored already (they are then final). */
  createResults(results: ResultsDoc): Promise<boolean> {
    return this.createIfAbsent(results);
  }

  /** The answers and comments of a pulse, without who gave them. */
  async anonymousResponses(tenantId: string, pulseId: string): Promise<AnonymousResponse[]> {
    const { resources } = await this.container.items
      .query<AnonymousResponse>({
        query:
          'SELECT c.answers, c.comment FROM c WHERE c.tenantId = @tenantId AND c.pulseId = @pulseId AND c.type = "response"',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@pulseId', value: pulseId },
        ],
      })
      .fetchAll();
    return resources;
  }

  async readLease(tenantId: string, pulseId: string): Promise<Versioned<LeaseDoc> | undefined> {
    return this.read<LeaseDoc>(pulseIds.lease(pulseId), tenantId, pulseId);
  }

  /** Creates the lease; false when another instance created it first. */
  async createLease(lease: LeaseDoc): Promise<string | undefined> {
    try {
      const { etag } = await this.container.items.create(lease);
      return etag;
    } catch (error) {
      if ((error as { code?: number }).code === 409) return undefined;
      throw error;
    }
  }

  async replaceLease(lease: LeaseDoc, etag: string): Promise<string | undefined> {
    return this.replace(lease, etag);
  }

  /** A person's pulse responses and the records of the pulses sent to them, in every pulse of the tenant. */
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

  /**
   * Keeps a response or ledger entry of a closed pulse in its results but no longer linked to the person: one
   * transactional batch writes a copy without who it was (nor when) and deletes the original. False when it was gone.
   */
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

  /** One response fewer on the live count of a pulse still open (a closed one's count is final), never below zero. */
  async decrementResponses(tenantId: string, pulseId: string): Promise<void> {
    try {
      await this.container.item(pulseIds.pulse(pulseId), [tenantId, pulseId]).patch({
        condition: 'FROM c WHERE c.responses > 0 AND c.status = "open"',
        operations: [{ op: 'incr', path: '/responses', value: -1 }],
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 412) throw error;
    }
  }

  /** Deletes one response or ledger entry; false when it was already gone. */
  deletePersonalDoc(doc: ResponseDoc | DeliveryDoc): Promise<boolean> {
    return deleteIfPresent(this.container.item(doc.id, [doc.tenantId, doc.pulseId]));
  }

  private async patchIfOpen(
    tenantId: string,
    pulseId: string,
    operations: PatchOperation[],
  ): Promise<PulseDoc | undefined> {
    try {
      const { resource } = await this.container
        .item(pulseIds.pulse(pulseId), [tenantId, pulseId])
        .patch<PulseDoc>({ condition: 'FROM c WHERE c.status = "open"', operations });
      return resource ? withoutSystemFields(resource) : undefined;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return undefined;
      throw error;
    }
  }

  private async read<T extends { id: string }>(
    id: string,
    tenantId: string,
    pulseId: string,
  ): Promise<Versioned<T> | undefined> {
    const { resource, etag } = await this.container.item(id, [tenantId, pulseId]).read<T>();
    return resource ? { doc: withoutSystemFields(resource), etag } : undefined;
  }

  private async replace<T extends { id: string; tenantId: string; pulseId: string }>(
    doc: T,
    etag: string,
  ): Promise<string | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.container
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

  private async createIfAbsent(doc: DeliveryDoc | ResultsDoc): Promise<boolean> {
    try {
      await this.container.items.create(doc);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 409) return false;
      throw error;
    }
  }
}
