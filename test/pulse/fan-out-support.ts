import { randomUUID } from 'node:crypto';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { silentLogger, type Logger } from '../../src/logging/logger';
import { FanOut, type FanOutCards, type FanOutOptions } from '../../src/pulse/delivery/fan-out';
import { HttpTeamsChannel } from '../../src/teams/http-teams-channel';
import { TenantRateLimiters } from '../../src/teams/rate-limiter';
import { DEFAULT_RETRY } from '../../src/teams/retry';
import { SendLeases } from '../../src/pulse/delivery/send-lease';
import type { TeamsChannel } from '../../src/teams/teams-channel';
import { pulseIds, type PulseDoc } from '../../src/domain/pulse-docs';
import { openCosmos } from '../../src/storage/cosmos';
import type { PulseStores } from '../../src/storage/ports';
import { cosmosPulseStores } from '../../src/storage/pulse-stores';
import type { Telemetry } from '../../src/telemetry/telemetry';
import type { FakeTeamsService } from '../../scripts/bench/fake-teams-service';

export const TENANT = 'tenant-fan-out';

/** The embedded Cosmos-compatible server with the real client, and the pulse stores on it. */
export interface PulseCosmos {
  cosmos: EmbeddedCosmos;
  stores: PulseStores;
  close(): Promise<void>;
}

export async function startPulseCosmos(): Promise<PulseCosmos> {
  const cosmos = await startEmbeddedCosmos();
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: `pulse-${randomUUID().slice(0, 8)}`,
    local: true,
  });
  return {
    cosmos,
    stores: cosmosPulseStores(containers.pulses),
    close: async () => {
      client.dispose();
      await cosmos.close();
    },
  };
}

/** A pulse as the setup card would store it, sent through the fake service. */
export function pulseFor(service: FakeTeamsService, overrides: Partial<PulseDoc> = {}): PulseDoc {
  const pulseId = randomUUID();
  return {
    id: pulseIds.pulse(pulseId),
    type: 'pulse',
    tenantId: TENANT,
    pulseId,
    title: 'AI readiness',
    questions: [{ id: 'q1', kind: 'single', text: 'Pick one', options: [{ value: 'a', label: 'A' }] }],
    allowComment: false,
    threshold: 3,
    commentThreshold: 10,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    createdBy: 'sender',
    createdAt: new Date().toISOString(),
    status: 'open',
    origin: {
      serviceUrl: service.url,
      conversationId: '19:channel@thread.tacv2',
      rosterId: '19:team@thread.tacv2',
      botId: service.botId,
      botName: 'Strategy Guide',
    },
    fanOut: { phase: 'roster', recipients: 0 },
    responses: 0,
    ...overrides,
  };
}

/** Plain cards: what they hold does not matter to the fan-out. */
export const plainCards: FanOutCards = {
  response: (pulse, delivery) => card(`pulse ${pulse.pulseId} ${delivery.token}`),
  reminder: (pulse) => card(`reminder ${pulse.pulseId}`),
  channel: (pulse) => card(`channel ${pulse.pulseId} ${pulse.responses}`),
};

function card(text: string) {
  return {
    type: 'message' as const,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive' as const,
        content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] },
      },
    ] as [{ contentType: 'application/vnd.microsoft.card.adaptive'; content: object }],
  };
}

export interface SenderOptions {
  rate: number;
  owner?: string;
  leaseTtlMs?: number;
  /** Stores to use instead of the shared ones (faults, a killed process). */
  stores?: Partial<PulseStores>;
  channel?: TeamsChannel;
  options?: Partial<FanOutOptions>;
  /** The instance's clock (lease expiry, timestamps); real time unless given. */
  clock?: () => Date;
  /** Where the sender counts people not reached (nowhere unless given). */
  telemetry?: Telemetry;
  logger?: Logger;
}

/** One sending instance: the real HTTP channel client, its own rate limiters and lease owner id. */
export function sender(stores: PulseStores, options: SenderOptions): FanOut {
  const clock = options.clock ?? (() => new Date());
  const used = { ...stores, ...options.stores };
  return new FanOut({
    pulses: used.pulses,
    ledger: used.ledger,
    channel: options.channel ?? new HttpTeamsChannel(),
    limiters: new TenantRateLimiters(options.rate),
    leases: new SendLeases(used.leases, options.owner ?? randomUUID(), options.leaseTtlMs ?? 30_000, clock),
    cards: plainCards,
    logger: options.logger ?? silentLogger,
    clock,
    telemetry: options.telemetry,
    options: { retry: { ...DEFAULT_RETRY, baseBackoffMs: 20, maxBackoffMs: 200 }, ...options.options },
  });
}

/** A sender's stores and channel that stop working at once, as when its process is killed. */
export function killable<T extends object>(stores: T, channel: TeamsChannel) {
  let killed = false;
  const dying = <U extends object>(target: U): U =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        // A dead process never finishes anything.
        return (...args: unknown[]) =>
          killed ? new Promise(() => undefined) : (value as (...a: unknown[]) => unknown).apply(object, args);
      },
    });
  const wrapped = Object.fromEntries(Object.entries(stores).map(([key, store]) => [key, dying(store as object)]));
  return {
    stores: wrapped as T,
    channel: dying(channel),
    kill: () => {
      killed = true;
    },
    get killed() {
      return killed;
    },
  };
}

/** Polls `condition` until it holds; fails after `timeoutMs` rather than waiting for ever. */
export async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
