import { randomUUID } from 'node:crypto';
import { AggregateQueue } from '../../src/aggregation/aggregate-queue';
import type { OwedChanges } from '../../src/aggregation/owed-changes';
import { OwedSweeper } from '../../src/aggregation/owed-sweeper';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { cosmosStores } from '../../src/storage/cosmos-stores';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import type { Stores } from '../../src/storage/ports';
import { TENANT } from '../support/bot-harness';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { answerCurrentCard } from '../support/card-driver';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';

jest.setTimeout(90_000);

const PEOPLE = 4;
const ANSWERS_EACH = 6;

let cosmos: EmbeddedCosmos;
let proxy: CosmosFaultProxy;
let containers: Containers;
let stores: Stores;
let dispose: () => void;
let bot: BotProcess | undefined;
const database = `counters-crash-${randomUUID().slice(0, 8)}`;
const index = new ContentIndex(loadContentPack());

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  proxy = await startCosmosFaultProxy(cosmos.endpoint);
  const opened = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database, local: true });
  containers = opened.containers;
  dispose = () => opened.client.dispose();
  stores = cosmosStores(containers, { publishAfter: 5, clock: () => new Date() });
});
afterAll(async () => {
  await bot?.kill();
  dispose?.();
  await proxy?.close();
  await cosmos?.close();
});

const counterDifferences = async () => (await rebuildAggregates(index, stores, TENANT, { write: false })).differences;
const owedOnPeople = async () =>
  (
    await containers.users.items
      .query<{ owed?: OwedChanges[] }>('SELECT c.owed FROM c WHERE c.type = "person"')
      .fetchAll()
  ).resources.flatMap(({ owed }) => owed ?? []);
/** Another instance, as a restarted or scaled-out one would be: its own queue and sweep on the same database. */
const anotherInstance = () => {
  const queue = new AggregateQueue({ store: stores.aggregates, flushMs: 10, onFailure: () => undefined });
  return new OwedSweeper({
    queue,
    instances: stores.instances,
    people: stores.owedPeople,
    aggregates: stores.aggregates,
    deadAfterMs: 1_000,
  });
};

describe('a bot killed between storing answers and their counters (SIGKILL, real child process, embedded Cosmos behind a fault proxy)', () => {
  it('counts every stored answer exactly once after another instance sweeps, even when the dead one’s writes land late', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Every counters write of the first process is held at the proxy: the answers are stored, their counters are not.
    proxy.inject({
      match: (request) => request.target === 'aggregates' && ['create', 'replace', 'patch'].includes(request.operation),
      fault: { heldUntil: held },
    });
    bot = await startBotProcess({ COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: cosmos.key, COSMOS_DATABASE: database });
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, person) => {
        const user = bot!.user(randomUUID(), `Person ${person}`);
        let reply = await user.say('start full');
        for (let answer = 0; answer < ANSWERS_EACH; answer++) reply = await answerCurrentCard(user, reply);
      }),
    );
    await bot.kill();
    bot = undefined;

    const { resources: stored } = await containers.users.items
      .query('SELECT c.id FROM c WHERE c.type = "answer"')
      .fetchAll();
    expect(stored).toHaveLength(PEOPLE * ANSWERS_EACH);
    expect((await owedOnPeople()).length).toBeGreaterThan(0);
    expect(await counterDifferences()).not.toEqual([]);

    // The dead process's writes now reach Cosmos while another instance sweeps: each change still counts once.
    // Heartbeats are in whole seconds: two of them make the killed process one that stopped over a second ago.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    proxy.clear();
    release();
    const first = await anotherInstance().sweep();
    expect(first.applied).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await anotherInstance().sweep();

    expect(await counterDifferences()).toEqual([]);
    expect(await owedOnPeople()).toEqual([]);
    expect(await anotherInstance().sweep()).toEqual({ applied: 0, dropped: 0, failed: 0 });
  });
});
