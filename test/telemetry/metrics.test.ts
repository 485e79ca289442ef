import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';
import type { Attributes } from '@opentelemetry/api';
import { METER_NAME, openTelemetryMetrics } from '../../src/telemetry/open-telemetry-metrics';
import type { TurnOutcome } from '../../src/telemetry/telemetry';
import {
  cardsOf,
  startTestBot,
  submitData,
  textsOf,
  TENANT,
  type TestBot,
  type TurnReply,
} from '../support/bot-harness';
import { inputsOf, plausibleValue } from '../support/card-driver';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { saidIn, startPulse } from '../pulse/pulse-chat';
import type { RequestKind } from '../../scripts/bench/cosmos-requests';

/**
 * The app's metrics, read through OpenTelemetry's in-memory exporter while real turns run through the real app (HTTP,
 * CloudAdapter, dialogs, Cosmos client against the embedded server behind a fault-injecting proxy). Teams' channel
 * service and connector are FAKES (they cannot run here); Azure Monitor is not involved (see azure-monitor.test.ts).
 */
jest.setTimeout(90_000);

const LEADER = 'dddddddd-0000-4000-8000-000000000001';
const DAY = 24 * 60 * 60 * 1000;

const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
const meters = new MeterProvider({ readers: [reader] });

let now = new Date();
let proxy: CosmosFaultProxy;
let service: FakeTeamsService;
let connector: FakeConnector;
let bot: TestBot;
const turns: Record<TurnOutcome, number> = { ok: 0, repeated: 0, conflict: 0, undelivered: 0, failed: 0 };

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  connector = await startFakeConnector();
  bot = await startTestBot({
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
    env: { MANAGER_IDS: service.members[0].aadObjectId, LEADER_IDS: LEADER, ALLOWED_TENANTS: TENANT },
    clock: () => now,
    telemetry: openTelemetryMetrics(meters.getMeter(METER_NAME)),
  });
});
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await service?.close();
  await connector?.close();
  await meters.shutdown();
});

/** One turn whose outcome the test knows. */
async function turn(outcome: TurnOutcome, reply: Promise<TurnReply>): Promise<TurnReply> {
  const result = await reply;
  expect(result.status).toBe(200);
  turns[outcome]++;
  return result;
}

/** The data points of a metric as last exported. */
async function points<T = number>(name: string): Promise<DataPoint<T>[]> {
  await reader.forceFlush();
  const metrics = (exporter.getMetrics().at(-1)?.scopeMetrics ?? [])
    .filter((scope) => scope.scope.name === METER_NAME)
    .flatMap((scope) => scope.metrics);
  return (metrics.find((metric) => metric.descriptor.name === name)?.dataPoints ?? []) as DataPoint<T>[];
}

async function total(name: string, attributes: Attributes = {}): Promise<number> {
  const matching = (await points(name)).filter((point) =>
    Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
  );
  return matching.reduce((sum, point) => sum + point.value, 0);
}

const userWrites = (request: RequestKind) => request.target === 'users' && request.operation === 'batch';

describe('metrics through the in-memory exporter, real turns through the real app', () => {
  it('counts turns by outcome with their durations, answers stored and Cosmos throttling', async () => {
    const user = bot.user();
    const first = cardsOf(await turn('ok', user.say('start'))).at(-1)!;
    const answer = (card: Record<string, unknown>) => ({
      ...submitData(card, 'Next'),
      answer: plausibleValue(
        inputsOf(card).find((input) => input.id === 'answer')!,
        'An answer worth keeping',
      ),
    });
    const firstAnswer = user.activity({ type: 'message', value: answer(first) });
    const second = cardsOf(await turn('ok', user.postActivity(firstAnswer))).at(-1)!;
    // Teams redelivers an activity it thinks was slow: the bot recognises it and stores nothing again.
    await turn('repeated', user.postActivity(firstAnswer));

    proxy.inject({ match: userWrites, fault: { status: 429, retryAfterMs: 20 } });
    const throttledBefore = proxy.faulted;
    const failed = await turn('failed', user.submit(answer(second)));
    expect(textsOf(failed).join(' ')).toMatch(/try again/i);
    const throttled = proxy.faulted - throttledBefore;
    expect(throttled).toBeGreaterThan(0);
    proxy.clear();
    await turn('ok', user.submit(answer(second)));

    const { resources: stored } = await bot.containers.users.items
      .query({
        query: "SELECT c.id FROM c WHERE c.userId = @u AND c.type = 'answer'",
        parameters: [{ name: '@u', value: user.aadObjectId }],
      })
      .fetchAll();
    expect(stored).toHaveLength(2);
    expect(await total('strategyguide.answers.stored')).toBe(2);
    expect(await total('strategyguide.cosmos.throttles')).toBe(throttled);
    for (const outcome of ['ok', 'repeated', 'failed'] as const)
      expect(await total('strategyguide.turns', { outcome })).toBe(turns[outcome]);
    expect(await total('strategyguide.turns', { outcome: 'conflict' })).toBe(0);

    const durations = await points<Histogram>('strategyguide.turn.duration');
    for (const outcome of ['ok', 'repeated', 'failed'] as const) {
      const histogram = durations.find((point) => point.attributes.outcome === outcome)?.value;
      expect(histogram?.count).toBe(turns[outcome]);
    }
    // The failed turn waited at least one retry-after of the throttled write.
    const failedTurn = durations.find((point) => point.attributes.outcome === 'failed')?.value;
    expect(failedTurn?.sum).toBeGreaterThanOrEqual(20);
  });

  it('counts pulse sends by result (FAKE Teams channel service) and people a pulse did not reach', async () => {
    const [throttledMember, blockedMember, slowChatMember] = [
      service.members[1].id,
      service.members[2].id,
      service.members[3].id,
    ];
    let [throttledOnce, chatThrottledOnce] = [false, false];
    service.fault = ({ kind, memberId, conversationId }) => {
      const member = memberId ?? conversationId?.replace('a:1on1|', '');
      if (kind === 'create' && member === slowChatMember && !chatThrottledOnce) {
        chatThrottledOnce = true;
        return { status: 429, retryAfterSeconds: 0 };
      }
      if (kind !== 'send') return undefined;
      if (member === throttledMember && !throttledOnce) {
        throttledOnce = true;
        return { status: 429, retryAfterSeconds: 0 };
      }
      return member === blockedMember ? { status: 403, code: 'MessageWritesBlocked' } : undefined;
    };
    const reply = await turn(
      'ok',
      startPulse(bot.user(service.members[0].aadObjectId, service.members[0].name), service),
    );
    turns.ok++; // startPulse asks for the set-up card first: two turns.
    expect(saidIn(reply)).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();

    const sends = service.of('send');
    expect(sends.filter((send) => send.status === 429)).toHaveLength(1);
    expect(sends.filter((send) => send.status === 403)).toHaveLength(1);
    const creates = service.of('create');
    expect(creates.filter((create) => create.status === 429)).toHaveLength(1);
    expect(await total('strategyguide.pulse.sends', { result: 'sent', step: 'send' })).toBe(
      sends.filter((send) => send.status === 200).length,
    );
    expect(await total('strategyguide.pulse.sends', { result: 'throttled', step: 'send' })).toBe(1);
    expect(await total('strategyguide.pulse.sends', { result: 'failed', step: 'send' })).toBe(1);
    // Opening the 1:1 chats is counted the same way (Teams throttles it too).
    expect(await total('strategyguide.pulse.sends', { result: 'sent', step: 'conversation' })).toBe(
      creates.filter((create) => create.status === 200).length,
    );
    expect(await total('strategyguide.pulse.sends', { result: 'throttled', step: 'conversation' })).toBe(1);
    expect(await total('strategyguide.pulse.send_failures')).toBe(1);
    expect(await total('strategyguide.turns', { outcome: 'ok' })).toBe(turns.ok);
  });

  it('counts digests sent (FAKE Teams connector)', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const subscribed = await turn(
      'ok',
      leader.post({ type: 'message', text: 'digest weekly', serviceUrl: connector.serviceUrl }),
    );
    expect(textsOf(subscribed).join(' ')).toMatch(/weekly/);
    expect(await total('strategyguide.digests.sent')).toBe(0);
    now = new Date(now.getTime() + 8 * DAY);
    expect(await bot.app.sendDueDigests()).toBe(1);
    expect(connector.sent.at(-1)?.conversationId).toBe(leader.conversationId);
    expect(await total('strategyguide.digests.sent')).toBe(1);
    expect(await total('strategyguide.turns', { outcome: 'ok' })).toBe(turns.ok);
  });
});
