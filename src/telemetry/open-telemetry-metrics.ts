import type { Meter } from '@opentelemetry/api';
import type { Telemetry } from './telemetry';

/** The OpenTelemetry meter the app's metrics belong to. */
export const METER_NAME = 'strategy-guide';

/** The metric names as Application Insights shows them (`customMetrics.name`); infra/ alerts query some of them. */
export const METRIC_NAMES = {
  turnDuration: 'strategyguide.turn.duration',
  turns: 'strategyguide.turns',
  answersStored: 'strategyguide.answers.stored',
  pulseSends: 'strategyguide.pulse.sends',
  pulseSendFailures: 'strategyguide.pulse.send_failures',
  digestsSent: 'strategyguide.digests.sent',
  cosmosThrottles: 'strategyguide.cosmos.throttles',
} as const;

/** The Telemetry port as OpenTelemetry metrics on `meter` (names and attributes are listed in docs/telemetry.md). */
export function openTelemetryMetrics(meter: Meter): Telemetry {
  const turnDuration = meter.createHistogram(METRIC_NAMES.turnDuration, {
    unit: 'ms',
    description: 'Time the bot took for a turn, by outcome',
  });
  const turns = meter.createCounter(METRIC_NAMES.turns, { description: 'Turns handled, by outcome' });
  const answersStored = meter.createCounter(METRIC_NAMES.answersStored, {
    description: 'Questionnaire answers committed to Cosmos DB',
  });
  const pulseSends = meter.createCounter(METRIC_NAMES.pulseSends, {
    description:
      'Calls to Teams for a pulse card, by result (sent, throttled, failed) and step (conversation, send, update)',
  });
  const pulseSendFailures = meter.createCounter(METRIC_NAMES.pulseSendFailures, {
    description: 'People a pulse or reminder did not reach after every retry',
  });
  const digestsSent = meter.createCounter(METRIC_NAMES.digestsSent, { description: 'Summary digests sent' });
  const cosmosThrottles = meter.createCounter(METRIC_NAMES.cosmosThrottles, {
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
