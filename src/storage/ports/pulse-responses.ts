import type { AnonymousResponse, DeliveryDoc, PulseDoc, ResponseDoc } from '../../domain/pulse-docs';
import type { Versioned } from './versioned';

/** `not-sent`: the person's ledger entry is gone (they deleted their data); `busy`: the pulse kept changing. */
export type ResponseOutcome = 'created' | 'updated' | 'closed' | 'not-sent' | 'busy';

/** Pulse responses, and everything of a person's in the pulses (for export and "delete my data"). */
export interface PulseResponses {
  /** Stores a person's response, only while the pulse is open: one racing a close lands before it or not at all. */
  saveResponse(
    response: ResponseDoc,
    delivery: Versioned<DeliveryDoc>,
    pulse: Versioned<PulseDoc>,
  ): Promise<ResponseOutcome>;
  readResponse(tenantId: string, pulseId: string, userId: string): Promise<Versioned<ResponseDoc> | undefined>;
  /** The answers and comments of a pulse, without who gave them. */
  anonymousResponses(tenantId: string, pulseId: string): Promise<AnonymousResponse[]>;
  /** A person's pulse responses and the records of the pulses sent to them, in every pulse of the tenant. */
  personalDocs(tenantId: string, userId: string): Promise<{ responses: ResponseDoc[]; deliveries: DeliveryDoc[] }>;
  /** Keeps a response or ledger entry of a closed pulse in its results, unlinked from the person; false when gone. */
  anonymise(doc: ResponseDoc | DeliveryDoc): Promise<boolean>;
  /** Deletes one response or ledger entry; false when it was already gone. */
  deletePersonalDoc(doc: ResponseDoc | DeliveryDoc): Promise<boolean>;
}
