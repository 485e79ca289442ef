import type { Logger } from '../../logging/logger';
import type { Telemetry } from '../../telemetry/telemetry';
import type { DeliveryLedger, PulseStore } from '../../storage/ports';
import type { TenantRateLimiters } from '../../teams/rate-limiter';
import { DEFAULT_RETRY, type RetryPolicy } from '../../teams/retry';
import type { SendLeases } from './send-lease';
import type { OutgoingCard, TeamsChannel } from '../../teams/teams-channel';
import type { DeliveryDoc, PulseDoc } from '../../domain/pulse-docs';

/** The cards a fan-out sends, built by the caller (the card renderer lives outside this module). */
export interface FanOutCards {
  /** The 1:1 card with the pulse's questions. */
  response(pulse: PulseDoc, delivery: DeliveryDoc): OutgoingCard;
  /** The same card with a reminder at the top. */
  reminder(pulse: PulseDoc, delivery: DeliveryDoc): OutgoingCard;
  /** The channel's pulse card with the live response count. */
  channel(pulse: PulseDoc): OutgoingCard;
}

export interface FanOutOptions {
  /** Recipients handled at once; the rate limiter, not this, sets the pace. */
  concurrency: number;
  rosterPageSize: number;
  ledgerPageSize: number;
  retry: RetryPolicy;
}

/** Passes over the ledger in one run: the first, and the ones after it that found entries to send again. */
export const SEND_PASSES = 3;

export const DEFAULT_FAN_OUT: FanOutOptions = {
  concurrency: 16,
  rosterPageSize: 500,
  ledgerPageSize: 200,
  retry: DEFAULT_RETRY,
};

export interface FanOutDeps {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  leases: SendLeases;
  cards: FanOutCards;
  logger: Logger;
  clock: () => Date;
  /** Told of each person a pulse or reminder did not reach (nothing by default). */
  telemetry?: Telemetry;
  sleep?: (ms: number) => Promise<void>;
  options?: Partial<FanOutOptions>;
}

/**
 * `busy`: another instance holds the lease; `lost-lease`: it was taken over mid-run; `closed`: nothing to send;
 * `stopped`: this instance is shutting down (the ledger holds the progress for whoever carries on).
 */
export type FanOutOutcome = 'done' | 'busy' | 'lost-lease' | 'closed' | 'missing' | 'stopped';
