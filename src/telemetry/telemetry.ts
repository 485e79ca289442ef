/**
 * How a turn ended: `ok` (handled and answered), `repeated` (a redelivery, already answered), `conflict` (crossed with
 * another change twice; the user is asked to send it again), `undelivered` (stored, but the connector refused the
 * reply) or `failed` (an error; the user is told to try again).
 */
export type TurnOutcome = 'ok' | 'repeated' | 'conflict' | 'undelivered' | 'failed';

/** One call to the Teams channel service for a pulse: taken, refused with 429, or refused otherwise. */
export type PulseSendResult = 'sent' | 'throttled' | 'failed';

/** Which call: opening the 1:1 chat, posting a card, or replacing a posted card. */
export type PulseSendStep = 'conversation' | 'send' | 'update';

/**
 * What operators are told as it happens, named for the events. Features get this port, never OpenTelemetry: the app
 * runs with `noTelemetry` unless Application Insights is configured (see docs/telemetry.md).
 */
export interface Telemetry {
  /** The bot finished a message or welcome turn after `ms`. */
  turnEnded(outcome: TurnOutcome, ms: number): void;
  /** Questionnaire answers committed to Cosmos in a turn's batch. */
  answersStored(count: number): void;
  /** One call to open a 1:1 chat for, post, or replace a pulse card, reminder or results card. */
  pulseSendAttempted(result: PulseSendResult, step: PulseSendStep): void;
  /** A person the pulse (or its reminder) did not reach after every retry. */
  pulseDeliveryFailed(): void;
  /** A leader's summary digest went out. */
  digestSent(): void;
  /** Cosmos DB answered a request with 429 (the SDK may still retry it). */
  cosmosThrottled(): void;
}

/** Telemetry that does nothing: the app without Application Insights. */
export const noTelemetry: Telemetry = {
  turnEnded: () => undefined,
  answersStored: () => undefined,
  pulseSendAttempted: () => undefined,
  pulseDeliveryFailed: () => undefined,
  digestSent: () => undefined,
  cosmosThrottled: () => undefined,
};
