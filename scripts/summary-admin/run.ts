import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentIndex } from '../../src/content/content-index';
import { OwedHeld } from '../../src/aggregation/owed-held';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { exportRows, toCsv, toJson } from '../../src/leadership/summary-export';
import { SummaryService } from '../../src/leadership/summary-service';
import { effectiveGroup, type Thresholds } from '../../src/leadership/thresholds';
import { portfolioQuestions } from '../../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../../src/portfolio/portfolio-reader';
import { portfolioLabels } from '../../src/portfolio/portfolio-view';
import type { Containers } from '../../src/storage/cosmos';
import { cosmosStores } from '../../src/storage/cosmos-stores';
import { organisationDocumentFile } from '../../src/strategy-document/strategy-document-service';

export const USAGE = `Usage:
  npm run summary:rebuild -- --tenant <tenant id> [--write]
      recompute the tenant's counters from the raw answers and compare; --write repairs differences
  npm run summary:export -- --tenant <tenant id> [--team <team id>] [--out <folder>]
      write summary.csv and summary.json (figures at or above the thresholds only; no identities)
  npm run summary:export -- --format docx --tenant <tenant id> [--name <organisation>] [--out <folder>]
      write the organisation's strategy document (strategy-document-<date>.docx), with the same figures
Needs COSMOS_ENDPOINT (and COSMOS_KEY for an emulator; Entra ID otherwise).`;

/** This script applies nothing itself: every owed change is checked against the documents' marks. */
const NO_QUEUE = { instanceId: '', isSettled: () => false };

export interface AdminContext {
  containers: Containers;
  index: ContentIndex;
  thresholds: Thresholds;
  now: () => Date;
  print: (line: string) => void;
}

/** Runs `rebuild` or `export`; returns the process exit code (1 when counters differ and were not repaired). */
export async function runSummaryAdmin(argv: readonly string[], context: AdminContext): Promise<number> {
  const [task, ...rest] = argv;
  const option = (name: string) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const tenantId = option('tenant')?.toLowerCase();
  const format = option('format') ?? 'csv';
  const formatOk = format === 'csv' || (format === 'docx' && option('team') === undefined);
  if ((task !== 'rebuild' && task !== 'export') || !tenantId || !formatOk) {
    context.print(USAGE);
    return 2;
  }
  const { answers, aggregates, memberships, owedPeople, portfolios } = cosmosStores(context.containers, {
    publishAfter: effectiveGroup(context.thresholds),
    clock: context.now,
  });
  if (task === 'rebuild') {
    const write = rest.includes('--write');
    // A change still owed for a stored answer would show as a difference, and a rebuild would count it twice.
    const owed = (await owedPeople.inTenant(tenantId)).flatMap((person) => person.owed);
    if (!(await new OwedHeld(NO_QUEUE, aggregates).allHeld(tenantId, owed))) {
      context.print('Some answers are still being added to the counters; run again in a minute.');
      return 1;
    }
    const report = await rebuildAggregates(context.index, { answers, aggregates, memberships }, tenantId, { write });
    context.print(
      `${report.answers} answers by ${report.people} people; ${report.documents} counter documents (${report.teams} teams).`,
    );
    for (const line of report.differences.slice(0, 50)) context.print(`  differs: ${line}`);
    if (report.differences.length > 50) context.print(`  … and ${report.differences.length - 50} more`);
    context.print(
      report.differences.length === 0
        ? 'The maintained counters equal the recomputation.'
        : report.written
          ? `Repaired ${report.differences.length} counters.`
          : `${report.differences.length} counters differ; run again with --write to repair them.`,
    );
    return report.differences.length > 0 && !report.written ? 1 : 0;
  }
  const teamId = option('team');
  const out = option('out') ?? '.';
  const summary = await new SummaryService(context.index, aggregates, context.thresholds).summary(tenantId, teamId);
  const { index, thresholds, now: clock } = context;
  const questions = portfolioQuestions(index);
  const reader =
    questions && new PortfolioReader({ index, questions, portfolios, aggregates, answers, thresholds, clock });
  const portfolio = reader && { figures: await reader.figures(tenantId, teamId), labels: portfolioLabels(index.pack) };
  mkdirSync(out, { recursive: true });
  if (format === 'docx') {
    const forExport = async () => portfolio;
    const firstAnsweredAt = (id: string) => answers.firstAnsweredAt(id);
    const parts = {
      index,
      summaries: { summary: async () => summary },
      portfolio: { forExport },
      clock,
      firstAnsweredAt,
    };
    const file = await organisationDocumentFile(parts, tenantId, { organisation: option('name') });
    const path = join(out, file.name);
    writeFileSync(path, file.bytes);
    context.print(`Wrote ${path}.`);
    return 0;
  }
  const csvPath = join(out, 'summary.csv');
  const jsonPath = join(out, 'summary.json');
  writeFileSync(csvPath, toCsv(exportRows(summary, portfolio)));
  const scope = teamId ? `team ${teamId}` : 'organisation';
  writeFileSync(jsonPath, toJson(summary, { scope, exportedAt: context.now().toISOString() }, portfolio));
  context.print(`Wrote ${csvPath} and ${jsonPath}.`);
  return 0;
}
