/**
 * infra/containers.json is generated from src/storage/containers.ts, the one source of truth for container ids
 * and partition keys; infra/azure.bicep loads it. After changing CONTAINERS, run
 * `npm run build && node lib/scripts/package-app/infra-containers.js` (test/infra fails until you do).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTAINERS } from '../../src/storage/containers';

/** A container as the Microsoft.DocumentDB sqlDatabases/containers resource wants its id and partition key. */
export interface InfraContainer {
  id: string;
  partitionKey: { paths: string[]; kind: 'Hash' | 'MultiHash'; version: 2 };
  /** Present when the container has TTL on (see ContainerSpec.defaultTtl). */
  defaultTtl?: number;
}

/** The containers in the shape infra/containers.json holds: hierarchical keys need MultiHash, version 2. */
export function infraContainers(): { $comment: string; containers: InfraContainer[] } {
  return {
    $comment: 'Generated from src/storage/containers.ts by scripts/package-app/infra-containers.ts; do not edit.',
    containers: Object.values(CONTAINERS).map((spec) => ({
      id: spec.id,
      partitionKey: {
        paths: [...spec.partitionKeyPaths],
        kind: spec.partitionKeyPaths.length > 1 ? 'MultiHash' : 'Hash',
        version: 2,
      },
      ...('defaultTtl' in spec ? { defaultTtl: spec.defaultTtl } : {}),
    })),
  };
}

async function writeInfraContainers(file: string): Promise<void> {
  // Formatted as the repository's Prettier settings want it, so `npm run lint` passes on the generated file.
  // Loaded here only: Prettier's entry cannot be required inside Jest, which imports this module for its test.
  const { format, resolveConfig } = await import('prettier');
  const options = { ...(await resolveConfig(file)), parser: 'json' };
  writeFileSync(file, await format(JSON.stringify(infraContainers()), options));
  process.stdout.write(`Wrote ${file}\n`);
}

if (require.main === module) {
  void writeInfraContainers(path.resolve(__dirname, '..', '..', '..', 'infra', 'containers.json'));
}
