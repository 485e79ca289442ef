import { aggregateId, CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { jsonLogger } from '../../src/logging/logger';
import {
  cardsOf,
  startTestBot,
  submitData,
  textsOf,
  TENANT,
  type TestBot,
  type TestUser,
} from '../support/bot-harness';
import { owedByAnotherInstance } from '../support/owed';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import type { RequestKind } from '../../scripts/bench/cosmos-requests';

/**
 * "Delete my data" through the real bot, with Cosmos faults injected by a proxy in front of the embedded server:
 * everything is cleaned before the user is told it is done, and a redelivered confirmation changes nothing more.
 */
const ADMIN = 'dddddddd-0000-4000-8000-000000000001';
const QUESTION = 'bi-industry-impact';
const PRIVATE_TEXT = 'Erase-me-statement-4f1a';

let proxy: CosmosFaultProxy;
let bot: TestBot;
const logLines: string[] = [];

beforeAll(async () => {
  bot = await startTestBot({
    env: { ADMIN_IDS: ADMIN },
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);

afterEach(() => proxy.clear());

afterAll(async () => {
  await bot?.close();
  await proxy?.close();
});

const counterPatches = (request: RequestKind) => request.target === 'aggregates' && request.document;

/** The first question's counters that are not zero (a document emptied by a deletion keeps its zeros). */
async function counters(): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates.item(aggregateId(QUESTION), [TENANT, QUESTION]).read();
  return Object.fromEntries(
    Object.entries((resource?.counters ?? {}) as Record<string, number>).filter(([, amount]) => amount !== 0),
  );
}

async function documentsOf(user: TestUser): Promise<unknown[]> {
  const { resources } = await bot.containers.users.items
    .query({ query: 'SELECT c.id FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: user.aadObjectId }] })
    .fetchAll();
  return resources;
}

/** A new user who answered the first question (a rating, 4) and a text question; returns the confirm button's data. */
async function answeredAndAskedToDelete(): Promise<{ user: TestUser; confirm: Record<string, unknown> }> {
  const user = bot.user();
  let card = cardsOf(await user.say('start full')).at(-1)!;
  card = cardsOf(await user.submit({ ...submitData(card, 'Next'), answer: '4' })).at(-1)!;
  await user.submit({ ...submitData(card, 'Next'), answer: PRIVATE_TEXT });
  const ask = cardsOf(await user.say('delete my data')).at(-1)!;
  return { user, confirm: submitData(ask, 'Yes, delete everything') };
}

describe('delete my data: cleaned first, then confirmed', () => {
  it('retries a counter update that failed for a moment, and says done only when the counters are clean', async () => {
    const before = await counters();
    const { user, confirm } = await answeredAndAskedToDelete();
    expect(await counters()).not.toEqual(before);
    const faultedBefore = proxy.faulted;
    proxy.inject({ match: counterPatches, fault: { status: 503 }, times: 2 });
    const reply = textsOf(await user.submit(confirm)).join(' ');
    expect(proxy.faulted - faultedBefore).toBe(2);
    expect(reply).toMatch(/^Done\. I deleted 2 answers/);
    expect(await counters()).toEqual(before);
    expect(await documentsOf(user)).toEqual([]);
  });

  it('says kindly what could not be removed when the counters stay unreachable, and leaves it for an admin', async () => {
    const { user, confirm } = await answeredAndAskedToDelete();
    proxy.inject({ match: counterPatches, fault: { status: 503 } });
    const reply = textsOf(await user.submit(confirm)).join(' ');
    proxy.clear();
    expect(reply).not.toMatch(/^Done/);
    expect(reply).toMatch(/deleted your 2 answers/i);
    expect(reply).toMatch(/summary figures/i);
    expect(reply).toMatch(/admins/i);
    expect(await documentsOf(user)).toEqual([]);

    const incomplete = logLines.map((line) => JSON.parse(line)).filter((line) => line.event === 'erase.incomplete');
    expect(incomplete).toEqual([
      // The text answer is also in an example-statement slot, which the same outage keeps it in.
      expect.objectContaining({ level: 'error', tenantId: TENANT, parts: 'example statements, summary figures' }),
    ]);
    expect(logLines.join('\n')).not.toContain(PRIVATE_TEXT);
    expect(logLines.join('\n')).not.toContain(user.aadObjectId);

    const audit = textsOf(await bot.user(ADMIN, 'Ada Admin').say('audit log')).join('\n');
    expect(audit).toMatch(/erase incomplete.*summary figures.*rebuild summary/);
  });

  it('keeps the answers and says so kindly when they could not be deleted, recording it for an admin', async () => {
    const { user, confirm } = await answeredAndAskedToDelete();
    const userBatches = (request: RequestKind) => request.target === 'users' && request.operation === 'batch';
    const faultedBefore = proxy.faulted;
    proxy.inject({ match: userBatches, fault: { status: 503 }, times: 3 });
    const reply = textsOf(await user.submit(confirm)).join(' ');
    expect(proxy.faulted - faultedBefore).toBe(3);
    expect(reply).toMatch(/couldn't finish deleting your answers.*type \*\*delete my data\*\* again/);
    expect((await documentsOf(user)).length).toBeGreaterThan(2);
    const audit = textsOf(await bot.user(ADMIN, 'Ada Admin').say('audit log')).join('\n');
    expect(audit).toMatch(/erase failed.*answers not removed; the person was asked to try again/);
  });

  it('waits for counters another instance still owes for the answers: nothing deleted until they are in', async () => {
    const { user, confirm } = await answeredAndAskedToDelete();
    // Another instance stored one of this person's turns and has not written its counters yet.
    const owed = await owedByAnotherInstance(bot.containers, TENANT, user.aadObjectId, QUESTION);
    const first = textsOf(await user.submit(confirm)).join(' ');
    expect(first).toMatch(/couldn't finish deleting your answers.*type \*\*delete my data\*\* again/);
    expect((await documentsOf(user)).length).toBeGreaterThan(2);
    expect(logLines.some((line) => line.includes('"erase.counters-owed"'))).toBe(true);

    // The other instance writes them; asked again, the deletion goes through.
    await new CosmosAggregateStore(bot.containers.aggregates).applyOwed(TENANT, QUESTION, undefined, [
      { by: owed.by, seq: owed.seq, personId: user.aadObjectId, change: owed.changes[0] },
    ]);
    const again = submitData(cardsOf(await user.say('delete my data')).at(-1)!, 'Yes, delete everything');
    expect(textsOf(await user.submit(again)).join(' ')).toMatch(/^Done\. I deleted 2 answers/);
    expect(await documentsOf(user)).toEqual([]);
  });

  it('answers a redelivered confirmation (same activity id) as the first, deleting and recreating nothing', async () => {
    const before = await counters();
    const { user, confirm } = await answeredAndAskedToDelete();
    const activity = user.activity({ type: 'message', value: confirm });
    const first = textsOf(await user.postActivity(activity)).join(' ');
    const again = textsOf(await user.postActivity(activity)).join(' ');
    expect(first).toMatch(/^Done\. I deleted 2 answers/);
    expect(again).toBe(first);
    expect(await documentsOf(user)).toEqual([]);
    expect(await counters()).toEqual(before);
  });

  it('takes the answers out of the counters once when the confirmation arrives twice at the same moment', async () => {
    const before = await counters();
    const { user, confirm } = await answeredAndAskedToDelete();
    const activity = user.activity({ type: 'message', value: confirm });
    const replies = await Promise.all([user.postActivity(activity), user.postActivity(activity)]);
    for (const reply of replies) expect(textsOf(reply).join(' ')).toMatch(/deleted 2 answers|already deleting/);
    expect(await documentsOf(user)).toEqual([]);
    expect(await counters()).toEqual(before);
  });
});
