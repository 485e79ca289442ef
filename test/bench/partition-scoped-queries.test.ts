import type { AddressInfo } from 'node:net';
import { CosmosClient, PartitionKeyDefinitionVersion, PartitionKeyKind } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { scopeQueriesToPartitions } from '../../scripts/bench/partition-scoped-queries';
import { EMULATOR_KEY } from '../../src/local/embedded-cosmos';

describe('benchmark Cosmos server: queries scoped to the partition the request names', () => {
  it('returns only the named partition, as Cosmos DB does (the stand-in alone returns every partition)', async () => {
    const server = createHttpServer({ keepAlive: true });
    scopeQueriesToPartitions(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new CosmosClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      key: EMULATOR_KEY,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const { database } = await client.databases.createIfNotExists({ id: 'scoped' });
      const { container } = await database.containers.createIfNotExists({
        id: 'users',
        partitionKey: {
          paths: ['/tenantId', '/userId'],
          version: PartitionKeyDefinitionVersion.V2,
          kind: PartitionKeyKind.MultiHash,
        },
      });
      for (const [tenantId, userId] of [
        ['t1', 'u1'],
        ['t1', 'u2'],
        ['t2', 'u1'],
      ])
        await container.items.create({ id: `${tenantId}-${userId}`, tenantId, userId });
      const scoped = await container.items.query('SELECT c.id FROM c', { partitionKey: ['t1', 'u1'] }).fetchAll();
      expect(scoped.resources.map((doc) => doc.id)).toEqual(['t1-u1']);
      const everywhere = await container.items.query('SELECT c.id FROM c').fetchAll();
      expect(everywhere.resources).toHaveLength(3);
    } finally {
      client.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
