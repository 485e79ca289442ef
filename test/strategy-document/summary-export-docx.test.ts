import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import type { Containers } from '../../src/storage/cosmos';
import { runSummaryAdmin } from '../../scripts/summary-admin/run';
import { readDocx } from '../support/docx-reader';
import { startContainers } from '../storage/embedded-containers';
import { organisationAnswers, storeOrganisation } from './seed-organisation';

/** `npm run summary:export -- --format docx` against the embedded Cosmos server. */
const index = new ContentIndex(loadContentPack());
const TENANT = 'tenant-cli-docx';
let containers: Containers;
let close: () => Promise<void>;
const printed: string[] = [];
const run = (...argv: string[]) =>
  runSummaryAdmin(argv, {
    containers,
    index,
    thresholds: DEFAULT_THRESHOLDS,
    now: () => new Date('2026-12-07T12:00:00Z'),
    print: (line) => printed.push(line),
  });

beforeAll(async () => {
  ({ containers, close } = await startContainers());
  const aggregates = new CosmosAggregateStore(containers.aggregates, DEFAULT_THRESHOLDS.group);
  await storeOrganisation({ containers, aggregates, index, tenantId: TENANT }, organisationAnswers(index, 'cli', 10));
}, 60_000);
afterAll(() => close?.());

describe('npm run summary:export -- --format docx', () => {
  it('writes the organisation’s strategy document into --out, headed with --name', async () => {
    const out = mkdtempSync(join(tmpdir(), 'strategy-docx-'));
    expect(await run('export', '--format', 'docx', '--tenant', TENANT, '--name', 'Fabrikam', '--out', out)).toBe(0);
    expect(readdirSync(out)).toEqual(['strategy-document-2026-12-07.docx']);
    expect(printed.at(-1)).toBe(`Wrote ${join(out, 'strategy-document-2026-12-07.docx')}.`);
    const doc = readDocx(readFileSync(join(out, 'strategy-document-2026-12-07.docx')));
    expect(doc.paragraphs[1].text).toBe('Fabrikam');
    expect(doc.text).toContain('10 people have answered');
    expect(doc.text).not.toMatch(/cli-\d/);
  });

  it('refuses an unknown format or a team (the document is the organisation’s), writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'strategy-docx-'));
    expect(await run('export', '--format', 'pdf', '--tenant', TENANT, '--out', out)).toBe(2);
    expect(await run('export', '--format', 'docx', '--team', 'team-1', '--tenant', TENANT, '--out', out)).toBe(2);
    expect(printed.at(-1)).toContain('--format docx');
    expect(readdirSync(out)).toEqual([]);
  });
});
