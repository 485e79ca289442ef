import {
  CosmosClient,
  PartitionKeyDefinitionVersion,
  PartitionKeyKind,
  type Container,
  type Database,
} from '@azure/cosmos';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { Agent } from 'node:https';
import { CONTAINERS, type ContainerName } from './containers';
import { isLoopbackEndpoint } from './cosmos-endpoint';

export type Containers = Record<ContainerName, Container>;

/** How long one Cosmos request may go unanswered before it fails (a Teams turn has about 15 s in all). */
export const COSMOS_REQUEST_TIMEOUT_MS = 5_000;

/** The SDK's default (9 retries over 30 s) outlives a Teams turn; fail fast and tell the user instead. */
export const COSMOS_RETRY_OPTIONS = {
  maxRetryAttemptCount: 3,
  fixedRetryIntervalInMilliseconds: 0,
  maxWaitTimeInSeconds: 4,
} as const;

export interface CosmosOptions {
  endpoint: string;
  database: string;
  /** Only for local servers and emulators; production signs in with Microsoft Entra ID. */
  key?: string;
  /** Local mode: accept a loopback server's self-signed certificate and create the database and containers. */
  local: boolean;
  /** Told of every response 429 (throttled), including those the SDK then retries. */
  onThrottled?: () => void;
}

/** Opens the one CosmosClient of the app and returns its containers. */
export async function openCosmos(options: CosmosOptions): Promise<{ client: CosmosClient; containers: Containers }> {
  const acceptSelfSigned =
    options.local && options.endpoint.startsWith('https:') && isLoopbackEndpoint(options.endpoint);
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(acceptSelfSigned ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {}),
    ...(options.onThrottled ? { httpClient: throttleWatchingClient(options.onThrottled) } : {}),
    connectionPolicy: {
      // A server on this machine (emulator, embedded server) is the only region there is; it may even misreport it.
      enableEndpointDiscovery: !options.local && !isLoopbackEndpoint(options.endpoint),
      requestTimeout: COSMOS_REQUEST_TIMEOUT_MS,
      retryOptions: { ...COSMOS_RETRY_OPTIONS },
    },
  });
  const database = client.database(options.database);
  if (options.local) await createSchema(client, options.database);
  return { client, containers: containersOf(database) };
}

/** The SDK's own HTTP client, telling `onThrottled` of each 429 before the SDK's retry policy sees it. */
function throttleWatchingClient(onThrottled: () => void): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    sendRequest: async (request) => {
      const response = await inner.sendRequest(request);
      if (response.status === 429) onThrottled();
      return response;
    },
  };
}

function containersOf(database: Database): Containers {
  const entries = Object.entries(CONTAINERS).map(([name, spec]) => [name, database.container(spec.id)]);
  return Object.fromEntries(entries) as Containers;
}

/** Local only: in Azure the database and containers are created by infra/ (Entra ID cannot manage them). */
async function createSchema(client: CosmosClient, databaseId: string): Promise<void> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const spec of Object.values(CONTAINERS)) {
    const hierarchical = spec.partitionKeyPaths.length > 1;
    await database.containers.createIfNotExists({
      id: spec.id,
      partitionKey: {
        paths: [...spec.partitionKeyPaths],
        version: PartitionKeyDefinitionVersion.V2,
        ...(hierarchical ? { kind: PartitionKeyKind.MultiHash } : {}),
      },
      ...('defaultTtl' in spec ? { defaultTtl: spec.defaultTtl } : {}),
    });
  }
}
