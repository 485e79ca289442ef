import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CosmosClient } from '@azure/cosmos';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { aggregateId, CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { answerDocument, type StoredAnswer } from '../../src/storage/user-docs';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import { runSummaryAdmin } from '../../scripts/summary-admin/run';
import { applyAsTurnsWould } from './drive';

const TENANT = 'tenant-admin-script';
const index = new ContentIndex(loadContentPack());
const ratingIds = index.allQuestions().flatMap(({ question }) => (question.kind === 'rating' ? [question.id] : []));
let cosmos: EmbeddedCosmos;
let client: CosmosClient;
let containers: Containers;
const printed: string[] = [];
const run = (...argv: string[]) =>
  runSummaryAdmin(argv, {
    containers,
    index,
    thresholds: DEFAULT_THRESHOLDS,
    now: () => new Date('2026-11-28T12:00:00Z'),
    print: (line) => printed.push(line),
  });

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  ({ client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database: 'admin-script',
    local: true,
  }));
  const answers: StoredAnswer[] = [];
  // Ten people: two batches of the default threshold, so everything is published.
  for (let i = 0; i < 10; i++)
    for (const questionId of ratingIds)
      answers.push(
        answerDocument({
          tenantId: TENANT,
          userId: `person-${i}`,
          questionId,
          sectionId: index.find(questionId)?.section.id ?? '',
          packId: 'p',
          packVersion: '1',
          role: 'employee',
          value: { kind: 'rating', value: (i % 5) + 1 },
          answeredAt: '2026-11-01T00:00:00Z',
        }),
      );
  for (const answer of answers) await containers.users.items.upsert(answer);
  await applyAsTurnsWould(new CosmosAggregateStore(containers.aggregates), index, TENANT, answers);
}, 60_000);
afterAll(async () => {
  client.dispose();
  await cosmos.close();
});

describe('npm run summary:rebuild / summary:export', () => {
  it('reports equality, then a drift (exit 1), and repairs it with --write', async () => {
    expect(await run('rebuild', '--tenant', TENANT)).toBe(0);
    expect(printed.at(-1)).toBe('The maintained counters equal the recomputation.');
    const questionId = ratingIds[0];
    await containers.aggregates
      .item(aggregateId(questionId), [TENANT, questionId])
      .patch([{ op: 'incr', path: '/counters/employee:rating:5', value: 2 }]);
    expect(await run('rebuild', '--tenant', TENANT)).toBe(1);
    expect(printed.join('\n')).toContain(`${questionId} employee:rating:5: maintained 4, from answers 2`);
    // A change an instance still owes for a stored answer: --write waits, as a recount would count it twice.
    const owed = {
      by: 'tpn.instance',
      seq: 1,
      at: 0,
      changes: [{ questionId, delta: { 'employee:n': 1 }, quoteSets: [], quoteRemovals: [] }],
    };
    const [someone] = (await containers.users.items.query('SELECT * FROM c WHERE c.type = "answer"').fetchAll())
      .resources;
    await containers.users.items.upsert({
      id: `person|${someone.userId}`,
      type: 'person',
      tenantId: TENANT,
      userId: someone.userId,
      answers: {},
      owed: [owed],
      owedBy: [owed.by],
      owedSince: 0,
    });
    expect(await run('rebuild', '--tenant', TENANT)).toBe(1);
    expect(printed.at(-1)).toMatch(/still being added to the counters/);
    expect(await run('rebuild', '--tenant', TENANT, '--write')).toBe(1);
    expect(printed.at(-1)).toMatch(/still being added to the counters/);
    await containers.users.item(`person|${someone.userId}`, [TENANT, someone.userId]).delete();
    expect(await run('rebuild', '--tenant', TENANT, '--write')).toBe(0);
    expect(await run('rebuild', '--tenant', TENANT)).toBe(0);
  }, 60_000);

  it('writes CSV and JSON with the figures and no identities', async () => {
    const out = mkdtempSync(join(tmpdir(), 'summary-export-'));
    expect(await run('export', '--tenant', TENANT, '--out', out)).toBe(0);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv).toContain('participation,people,People who answered,count,10');
    expect(csv).toMatch(/readiness,business-impact,Business impact,mean,3\r\n/);
    expect(csv).toMatch(/consideration readiness,[a-z-]+,[^,]+,mean,\d/);
    const json = readFileSync(join(out, 'summary.json'), 'utf8');
    expect(JSON.parse(json).scope).toBe('organisation');
    expect(`${csv}${json}`).not.toContain('person-');
  });

  it('prints the usage for a missing tenant or task', async () => {
    expect(await run('rebuild')).toBe(2);
    expect(await run('explode', '--tenant', TENANT)).toBe(2);
    expect(printed.at(-1)).toContain('Usage:');
  });
});
