import type { Container } from '@azure/cosmos';
import type { InstanceRegistry } from './ports';

/** Heartbeats live in a partition of the tenants container that no tenant id can take. */
const PARTITION = 'strategy-guide-instances';
/** A heartbeat document outlives its instance by a day (Cosmos TTL), long after anyone could ask about it. */
const KEPT_SECONDS = 24 * 60 * 60;

/** One heartbeat document per running instance (see InstanceRegistry). */
export class CosmosInstanceRegistry implements InstanceRegistry {
  constructor(private readonly container: Container) {}

  async beat(instanceId: string, at: Date): Promise<void> {
    await this.container.items.upsert({
      id: `instance|${instanceId}`,
      tenantId: PARTITION,
      type: 'instance',
      instanceId,
      beatAt: Math.floor(at.getTime() / 1000),
      ttl: KEPT_SECONDS,
    });
  }

  async alive(since: Date): Promise<Set<string>> {
    const { resources } = await this.container.items
      .query<{ instanceId: string }>({
        query:
          'SELECT c.instanceId FROM c WHERE c.tenantId = @partition AND c.type = "instance" AND c.beatAt >= @since',
        parameters: [
          { name: '@partition', value: PARTITION },
          { name: '@since', value: Math.floor(since.getTime() / 1000) },
        ],
      })
      .fetchAll();
    return new Set(resources.map(({ instanceId }) => instanceId));
  }
}
