import type { Meter } from '@opentelemetry/api';
import type { Telemetry } from './telemetry';

/** The OpenTelemetry meter the app's metrics belong to. */
export const METER_NAME = 'strategy-guide';

/** The Telemetry port as OpenTelemetry metrics on `meter` (names and attributes are listed in docs/telemetry.md). */
export function openTelemetryMetrics(meter: Meter): Telemetry {
  const turnDuration = meter.createHistogram('strategyguide.turn.duration', {
    unit: 'ms',
    description: 'Time the bot took for a turn, by outcome',
  });
  const turns = meter.createCounter('strategyguide.turns', { description: 'Turns handled, by outcome' });
  const answersStored = meter.createCounter('strategyguide.answers.stored', {
    description: 'Questionnaire answers committed to Cosmos DB',
  });
  const pulseSends = meter.createCounter('strategyguide.pulse.sends', {
    description:
      'Calls to Teams for a pulse card, by result (sent, throttled, failed) and step (conversation, send, update)',
  });
  const pulseSendFailures = meter.createCounter('strategyguide.pulse.send_failures', {
    description: 'People a pulse or reminder did not reach after every retry',
  });
  const digestsSent = meter.createCounter('strategyguide.digests.sent', { description: 'Summary digests sent' });
  const cosmosThrottles = meter.createCounter('strategyguide.cosmos.throttles', {
    description: 'Cosmos DB requests answered 429',
  });
  return {
    turnEnded: (outcome, ms) => {
      turnDuration.record(ms, { outcome });
      turns.add(1, { outcome });
    },
    answersStored: (count) => answersStored.add(count),
    pulseSendAttempted: (result, step) => pulseSends.add(1, { result, step }),
    pulseDeliveryFailed: () => pulseSendFailures.add(1),
    digestSent: () => digestsSent.add(1),
    cosmosThrottled: () => cosmosThrottles.add(1),
  };
}
