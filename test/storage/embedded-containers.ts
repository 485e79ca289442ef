import { randomUUID } from 'node:crypto';
import { pulseIds, type DeliveryDoc, type PulseDoc } from '../../src/domain/pulse-docs';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import type { PulseStores } from '../../src/storage/ports';
import { cosmosPulseStores } from '../../src/storage/pulse-stores';

/** The app's containers on the embedded Cosmos-compatible server (a database of their own), through the real client. */
export async function startContainers(): Promise<{ containers: Containers; close(): Promise<void> }> {
  const cosmos = await startEmbeddedCosmos();
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: `stores-${randomUUID().slice(0, 8)}`,
    local: true,
  });
  return {
    containers,
    close: async () => {
      client.dispose();
      await cosmos.close();
    },
  };
}

/** The stores of the `pulses` container on the embedded server. */
export async function startPulseStores(): Promise<{ stores: PulseStores; close(): Promise<void> }> {
  const { containers, close } = await startContainers();
  return { stores: cosmosPulseStores(containers.pulses), close };
}

/** An open pulse of `tenantId`, still reading its roster. */
export function openPulse(tenantId: string, overrides: Partial<PulseDoc> = {}): PulseDoc {
  const pulseId = randomUUID().replace(/-/g, '');
  return {
    id: pulseIds.pulse(pulseId),
    type: 'pulse',
    tenantId,
    pulseId,
    title: 'Tooling check',
    questions: [{ id: 'q1', kind: 'single', text: 'Pick one', options: [{ value: 'a', label: 'A' }] }],
    allowComment: true,
    threshold: 3,
    commentThreshold: 5,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    createdBy: 'sender',
    createdAt: new Date().toISOString(),
    status: 'open',
    origin: {
      serviceUrl: 'https://smba.example.test/',
      conversationId: '19:channel@thread.tacv2',
      rosterId: '19:team@thread.tacv2',
      botId: '28:bot',
      botName: 'Strategy Guide',
    },
    fanOut: { phase: 'roster', recipients: 0 },
    responses: 0,
    ...overrides,
  };
}

/** A queued ledger entry of `pulse` for `userId`. */
export function queued(pulse: PulseDoc, userId: string): DeliveryDoc {
  return {
    id: pulseIds.delivery(pulse.pulseId, userId),
    type: 'delivery',
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    memberId: `29:${userId}`,
    userId,
    state: 'queued',
    attempts: 0,
    token: `token-${userId}`,
    updatedAt: new Date(0).toISOString(),
  };
}
