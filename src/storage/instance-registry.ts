import type { Container } from '@azure/cosmos';
import type { InstanceBeat, InstanceRegistry } from './ports';

/** Heartbeats live in a partition of the tenants container that no tenant id can take. */
const PARTITION = 'strategy-guide-instances';
/** A heartbeat document outlives its instance by a day (Cosmos TTL); the sweep treats an instance it does not know as stopped. */
const KEPT_SECONDS = 24 * 60 * 60;

/** One heartbeat document per instance (see InstanceRegistry). */
export class CosmosInstanceRegistry implements InstanceRegistry {
  constructor(private readonly container: Container) {}

  async beat(instanceId: string): Promise<number> {
    const { resource } = await this.container.items.upsert({
      id: `instance|${instanceId}`,
      tenantId: PARTITION,
      type: 'instance',
      instanceId,
      ttl: KEPT_SECONDS,
    });
    return (resource as { _ts?: number } | undefined)?._ts ?? 0;
  }

  async list(): Promise<InstanceBeat[]> {
    const { resources } = await this.container.items
      .query<{ instanceId: string }>({
        query: 'SELECT c.instanceId FROM c WHERE c.tenantId = @partition AND c.type = "instance"',
        parameters: [{ name: '@partition', value: PARTITION }],
      })
      .fetchAll();
    // Point reads carry _ts, when the server stored the heartbeat (instances' own clocks may disagree); a handful.
    const beats = await Promise.all(
      resources.map(async ({ instanceId }) => {
        const { resource } = await this.item(instanceId).read<{ _ts: number; stopped?: boolean; swept?: boolean }>();
        return (
          resource && {
            instanceId,
            beatAt: resource._ts,
            ...(resource.stopped ? { stopped: true } : {}),
            ...(resource.swept ? { swept: true } : {}),
          }
        );
      }),
    );
    return beats.filter((beat) => beat !== undefined);
  }

  markStopped(instanceId: string): Promise<void> {
    return this.mark(instanceId, 'stopped');
  }

  markSwept(instanceId: string): Promise<void> {
    return this.mark(instanceId, 'swept');
  }

  private async mark(instanceId: string, flag: 'stopped' | 'swept'): Promise<void> {
    await this.item(instanceId)
      .patch([{ op: 'set', path: `/${flag}`, value: true }])
      .catch((error: unknown) => {
        if ((error as { code?: number }).code !== 404) throw error;
      });
  }

  private item(instanceId: string) {
    return this.container.item(`instance|${instanceId}`, PARTITION);
  }
}
