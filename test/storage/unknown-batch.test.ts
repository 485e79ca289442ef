import { newInstanceId, type OwedChanges } from '../../src/aggregation/owed-changes';
import type { Containers } from '../../src/storage/cosmos';
import { SessionConflictError } from '../../src/storage/ports';
import { CosmosSessionStore } from '../../src/storage/session-store';
import { startContainers } from './embedded-containers';

/** After a batch that timed out: was it stored, and if not, can it still land? (real client, embedded server) */
const TENANT = 'unknown-batch';
let containers: Containers;
let close: () => Promise<void>;
let sessions: CosmosSessionStore;

beforeAll(async () => {
  const started = await startContainers();
  close = started.close;
  containers = started.containers;
  sessions = new CosmosSessionStore(containers.users);
});
afterAll(async () => {
  await close();
});

const by = newInstanceId(new Date());
const owed = (seq: number): OwedChanges => ({ by, seq, at: Math.floor(Date.now() / 1000), changes: [] });
const etagOf = async (userId: string) =>
  (await containers.users.item(`person|${userId}`, [TENANT, userId]).read()).resource?._etag as string | undefined;

describe('CosmosSessionStore.wasStored', () => {
  it('finds a batch that landed by the owed changes it carried', async () => {
    const session = CosmosSessionStore.forNewPerson(TENANT, 'landed', 'c');
    await sessions.save(session, new Date(), [], { add: owed(5), settled: () => false });
    expect(await sessions.wasStored(TENANT, 'landed', undefined, owed(5))).toBe(true);
  });

  it('fences a batch that has not landed, so it never can: its version condition fails from then on', async () => {
    await sessions.save(CosmosSessionStore.forNewPerson(TENANT, 'fenced', 'c'), new Date());
    sessions.clearCache();
    const loaded = await sessions.load(TENANT, 'fenced', 'c');
    expect(await sessions.wasStored(TENANT, 'fenced', loaded.personEtag, owed(7))).toBe(false);
    expect(await etagOf('fenced')).not.toBe(loaded.personEtag);
    // The batch that timed out, arriving now, is refused.
    await expect(sessions.save(loaded, new Date(), [], { add: owed(7), settled: () => false })).rejects.toThrow(
      SessionConflictError,
    );
  });

  it('writes nothing when the person moved on already (the batch cannot land), nor for someone never stored', async () => {
    await sessions.save(CosmosSessionStore.forNewPerson(TENANT, 'moved', 'c'), new Date());
    const before = await etagOf('moved');
    expect(await sessions.wasStored(TENANT, 'moved', '"an older version"', owed(9))).toBe(false);
    expect(await etagOf('moved')).toBe(before);

    // A first batch (a create) that did not land: a person document now stands in its way.
    expect(await sessions.wasStored(TENANT, 'never', undefined, owed(3))).toBe(false);
    await expect(
      sessions.save(CosmosSessionStore.forNewPerson(TENANT, 'never', 'c'), new Date(), [], {
        add: owed(3),
        settled: () => false,
      }),
    ).rejects.toThrow(SessionConflictError);
  });
});
