import type { Container } from '@azure/cosmos';
import type { InstanceBeat, InstanceRegistry } from './ports';

/** Heartbeats live in a partition of the tenants container that no tenant id can take. */
const PARTITION = 'strategy-guide-instances';
/** A heartbeat document outlives its instance by a day (Cosmos TTL); the sweep treats an instance it does not know as stopped. */
const KEPT_SECONDS = 24 * 60 * 60;

/** One heartbeat document per instance (see InstanceRegistry). */
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

  async list(): Promise<InstanceBeat[]> {
    const { resources } = await this.container.items
      .query<InstanceBeat>({
        query: 'SELECT c.instanceId, c.beatAt, c.swept FROM c WHERE c.tenantId = @partition AND c.type = "instance"',
        parameters: [{ name: '@partition', value: PARTITION }],
      })
      .fetchAll();
    return resources.map(({ instanceId, beatAt, swept }) => ({ instanceId, beatAt, ...(swept ? { swept } : {}) }));
  }

  async markSwept(instanceId: string): Promise<void> {
    await this.container
      .item(`instance|${instanceId}`, PARTITION)
      .patch([{ op: 'set', path: '/swept', value: true }])
      .catch((error: unknown) => {
        if ((error as { code?: number }).code !== 404) throw error;
      });
  }
}
