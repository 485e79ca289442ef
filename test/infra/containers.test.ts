import { infraContainers } from '../../scripts/package-app/infra-containers';
import { loadConfig } from '../../src/config';
import { CONTAINERS } from '../../src/storage/containers';
import { readText } from './infra-files';

const REGENERATE = 'npm run build && node lib/scripts/package-app/infra-containers.js';

describe('Cosmos containers in infra/ match src/storage/containers.ts', () => {
  it('infra/containers.json is what src/storage/containers.ts generates', () => {
    const committed = JSON.parse(readText('infra/containers.json'));
    // On failure: CONTAINERS changed; regenerate the file with the command in REGENERATE.
    expect({ file: committed, regenerateWith: REGENERATE }).toEqual({
      file: infraContainers(),
      regenerateWith: REGENERATE,
    });
  });

  it('has every container with its partition key paths, MultiHash version 2 when hierarchical', () => {
    const { containers } = JSON.parse(readText('infra/containers.json'));
    expect(containers.map((c: { id: string }) => c.id)).toEqual(Object.values(CONTAINERS).map((spec) => spec.id));
    for (const spec of Object.values(CONTAINERS)) {
      const container = containers.find((c: { id: string }) => c.id === spec.id);
      expect(container.partitionKey.paths).toEqual(spec.partitionKeyPaths);
      expect(container.partitionKey.version).toBe(2);
      expect(container.partitionKey.kind).toBe(spec.partitionKeyPaths.length > 1 ? 'MultiHash' : 'Hash');
    }
  });

  it('turns TTL on where src/storage/containers.ts asks: audit records live 400 days, claims in tenants expire', () => {
    const { containers } = JSON.parse(readText('infra/containers.json'));
    const ttlOf = (id: string) => containers.find((c: { id: string }) => c.id === id)?.defaultTtl;
    expect(ttlOf('audit')).toBe(400 * 24 * 60 * 60);
    expect(ttlOf('tenants')).toBe(-1);
    expect(ttlOf('users')).toBeUndefined();
    expect(readText('infra/modules/cosmos.bicep')).toMatch(
      /contains\(container, 'defaultTtl'\) \? \{ defaultTtl: container\.defaultTtl \} : \{\}/,
    );
  });

  it('the Bicep loads infra/containers.json and creates each container with its partition key from it', () => {
    const main = readText('infra/azure.bicep');
    const cosmos = readText('infra/modules/cosmos.bicep');
    expect(main).toContain("var containers = loadJsonContent('containers.json').containers");
    expect(main).toMatch(/^\s+containers: containers$/m);
    expect(cosmos).toMatch(/= \[\s+for container in containers: \{/);
    expect(cosmos).toMatch(
      /paths: container\.partitionKey\.paths\s+kind: container\.partitionKey\.kind\s+version: container\.partitionKey\.version/,
    );
    expect(cosmos).not.toMatch(/'\/(tenantId|userId|questionId|pulseId)'\s*\]/);
  });

  it('tailors indexing only for known containers, always indexing their partition key paths', () => {
    const cosmos = readText('infra/modules/cosmos.bicep');
    const block = cosmos.slice(
      cosmos.indexOf('var indexingByContainer = {'),
      cosmos.indexOf('\n}\n', cosmos.indexOf('var indexingByContainer')),
    );
    const tailored = [...block.matchAll(/^ {2}(\w+): \{$/gm)].map((match) => match[1]);
    const ids = Object.values(CONTAINERS).map((spec) => spec.id) as string[];
    expect(tailored.length).toBeGreaterThan(0);
    expect(tailored.filter((id) => !ids.includes(id))).toEqual([]);
    for (const id of tailored) {
      const policy = block.slice(block.indexOf(`  ${id}: {`)).split(/\n {2}\}/)[0];
      if (!policy.includes("excludedPaths: [{ path: '/*' }]")) continue;
      const spec = Object.values(CONTAINERS).find((s) => s.id === id)!;
      for (const key of [...spec.partitionKeyPaths, '/type'])
        expect({ id, indexed: policy.includes(`{ path: '${key}/?' }`) }).toEqual({ id, indexed: true });
    }
  });

  it("indexes what the counters' sweep queries person documents by", () => {
    const cosmos = readText('infra/modules/cosmos.bicep');
    const users = cosmos.slice(cosmos.indexOf('  users: {'), cosmos.indexOf('  aggregates: {'));
    for (const path of ['/owedBy/[]/?', '/owedSince/?']) expect(users).toContain(`{ path: '${path}' }`);
    const queries = readText('src/storage/owed-people.ts');
    for (const field of ['c.owedBy', 'c.owedSince']) expect(queries).toContain(field);
  });

  it("indexes what a team's portfolio queries membership documents by", () => {
    const cosmos = readText('infra/modules/cosmos.bicep');
    const users = cosmos.slice(cosmos.indexOf('  users: {'), cosmos.indexOf('  aggregates: {'));
    expect(users).toContain("{ path: '/teamIds/[]/?' }");
    expect(users).toContain("{ path: '/questionId/?' }");
    const queries = readText('src/storage/answer-store.ts');
    expect(queries).toContain('ARRAY_CONTAINS(c.teamIds, @teamId)');
    expect(queries).toContain('ARRAY_CONTAINS(@questionIds, c.questionId)');
  });

  it('creates the database the bot reads by default', () => {
    expect(readText('infra/azure.bicep')).toContain(
      `param cosmosDatabaseName string = '${loadConfig({}, 'local').cosmos.database}'`,
    );
  });
});
