import type { PulseDoc, ResultsDoc } from '../../domain/pulse-docs';
import type { Versioned } from './versioned';

/** How a pulse was closed: when, by whom, and whether its results card is still to be posted. */
export type PulseClose = Required<Pick<PulseDoc, 'closedAt' | 'closedBy'>> & Pick<PulseDoc, 'resultsDue'>;

/** Pulse documents and their final results, one pulse's partition at a time (never across tenants). */
export interface PulseStore {
  createPulse(pulse: PulseDoc): Promise<void>;
  readPulse(tenantId: string, pulseId: string): Promise<Versioned<PulseDoc> | undefined>;
  /** Replaces the pulse if nobody changed it since `etag`: the new ETag, or undefined when somebody did. */
  replacePulse(pulse: PulseDoc, etag: string): Promise<string | undefined>;
  /** Pulses of one tenant the scheduler looks after: open ones, and closed ones whose results are still due. */
  scheduledPulses(tenantId: string): Promise<PulseDoc[]>;
  /** Local mode only (no tenant allow-list to walk): the tenants that have a scheduled pulse. */
  tenantsWithScheduledPulses(): Promise<string[]>;
  /** Closes an open pulse (of several closers exactly one succeeds); the closed pulse, or undefined when not open. */
  closePulse(tenantId: string, pulseId: string, close: PulseClose): Promise<PulseDoc | undefined>;
  /** Marks an open pulse that was never sent as cancelled; the pulse, or undefined when it was not open. */
  cancelPulse(tenantId: string, pulseId: string, at: string): Promise<PulseDoc | undefined>;
  /** Remembers the pulse card posted in the channel, to update it in place. */
  recordChannelCard(tenantId: string, pulseId: string, activityId: string): Promise<void>;
  /**
   * Counts `added` more recipients read from the roster and remembers the next roster page; without one, the roster
   * is read and sending starts.
   */
  recordRosterPage(tenantId: string, pulseId: string, added: number, continuation: string | undefined): Promise<void>;
  /** Every recipient is settled: the fan-out is done. */
  markFanOutDone(tenantId: string, pulseId: string): Promise<void>;
  /** Everyone due a reminder was reminded. */
  markReminderRoundDone(tenantId: string, pulseId: string): Promise<void>;
  /** The results card landed in the channel at `at`: no longer due. */
  markResultsPosted(tenantId: string, pulseId: string, at: string): Promise<void>;
  /** One response fewer on the live count of a pulse still open (a closed one's count is final), never below zero. */
  decrementResponses(tenantId: string, pulseId: string): Promise<void>;
  /** The results stored when the pulse closed. */
  readResults(tenantId: string, pulseId: string): Promise<ResultsDoc | undefined>;
  /** Stores a closed pulse's results once; false when they were stored already (they are then final). */
  createResults(results: ResultsDoc): Promise<boolean>;
}
