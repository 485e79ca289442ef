import { writeFileSync } from 'node:fs';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { leaderSummaryView, spreadText } from '../../src/leadership/leader-summary-view';
import { SummaryService } from '../../src/leadership/summary-service';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { portfolioQuestions, type PortfolioQuestions } from '../../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../../src/portfolio/portfolio-reader';
import { groupView, portfolioLabels } from '../../src/portfolio/portfolio-view';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import type { Containers } from '../../src/storage/cosmos';
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import { StrategyDocumentService } from '../../src/strategy-document/strategy-document-service';
import { readDocx } from '../support/docx-reader';
import { startContainers } from '../storage/embedded-containers';
import { organisationAnswers, storeOrganisation } from './seed-organisation';

/**
 * The organisation's strategy document from a seeded organisation on the embedded Cosmos server, through the real
 * summary and portfolio services, read back from its word/document.xml.
 */
const index = new ContentIndex(loadContentPack());
const NOW = new Date('2026-12-07T09:30:00Z');
const SECTIONS = [
  'Executive summary',
  'Our ambition',
  'Use-case portfolio',
  'Success metrics register',
  'Readiness',
  'Where leaders and employees differ',
  'Recommendations and next steps',
  'Appendix: method',
];

let containers: Containers;
let close: () => Promise<void>;
let aggregates: CosmosAggregateStore;
let summaries: SummaryService;
let reader: PortfolioReader;
let documents: StrategyDocumentService;

beforeAll(async () => {
  ({ containers, close } = await startContainers());
  aggregates = new CosmosAggregateStore(containers.aggregates, DEFAULT_THRESHOLDS.group);
  summaries = new SummaryService(index, aggregates, DEFAULT_THRESHOLDS);
  reader = new PortfolioReader({
    index,
    questions: portfolioQuestions(index) as PortfolioQuestions,
    portfolios: new CosmosPortfolioStore(containers.aggregates),
    aggregates,
    answers: new CosmosAnswerStore(containers.users),
    thresholds: DEFAULT_THRESHOLDS,
    clock: () => NOW,
  });
  documents = new StrategyDocumentService({
    index,
    summaries,
    portfolio: {
      forExport: async (tenantId) => ({ figures: await reader.figures(tenantId), labels: portfolioLabels(index.pack) }),
    },
    personState: () => Promise.reject(new Error('not used here')),
    accessOf: async () => ({ leader: true, admin: false, manager: false }),
    audit: { record: async () => undefined },
    firstAnsweredAt: (tenantId) => new CosmosAnswerStore(containers.users).firstAnsweredAt(tenantId),
    clock: () => NOW,
  });
  await storeOrganisation(
    { containers, aggregates, index, tenantId: 'tenant-big' },
    organisationAnswers(index, 'person', 20),
  );
  await storeOrganisation(
    { containers, aggregates, index, tenantId: 'tenant-tiny' },
    organisationAnswers(index, 'few', 3),
  );
}, 120_000);

afterAll(() => close?.());

describe('the organisation’s strategy document (embedded Cosmos, real summary and portfolio services)', () => {
  it('has every section as a Heading 1, a title page and a table of contents, and tables with header rows', async () => {
    const file = await documents.organisation('tenant-big', { organisation: 'Contoso' });
    if (process.env.STRATEGY_DOCX_OUT) writeFileSync(process.env.STRATEGY_DOCX_OUT, file.bytes);
    const doc = readDocx(file.bytes);

    expect(file.name).toBe('strategy-document-2026-12-07.docx');
    expect(doc.headings(1)).toEqual(SECTIONS);
    expect(doc.paragraphs[0]).toEqual({ style: 'Title', text: 'Our generative-AI strategy' });
    expect(doc.text).toContain('Contoso');
    expect(doc.text).toContain('7 December 2026');
    expect(doc.parts['word/document.xml'].includes('TOC \\h \\o &quot;1-3&quot;')).toBe(true);
    expect(doc.tables.length).toBeGreaterThan(5);
    for (const table of doc.tables) expect(table.headerRows).toBe(1);
    expect(/<wp:docPr [^>]*descr="Bubble chart of \d+ groups of ideas/.test(doc.parts['word/document.xml'])).toBe(true);
    expect(Object.keys(doc.parts)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/styles.xml']),
    );
    const { resources } = await containers.users.items
      .query<string>({
        query: 'SELECT VALUE c.answeredAt FROM c WHERE c.tenantId = "tenant-big" AND c.type = "answer"',
      })
      .fetchAll();
    const first = [...resources].sort()[0];
    expect(first).toBeDefined();
    expect(doc.text).toContain(`Answers given from ${first.slice(0, 10)} to 2026-12-07 (UTC).`);
    const none = readDocx((await documents.organisation('tenant-without-answers')).bytes);
    expect(none.text).toContain('No answers are stored yet.');
  });

  it('shows the figures of the summary card and the portfolio, and no user names or ids', async () => {
    const file = await documents.organisation('tenant-big');
    const doc = readDocx(file.bytes);
    const summary = await summaries.summary('tenant-big');
    const figures = await reader.figures('tenant-big');
    const view = leaderSummaryView(summary, { title: '', canExport: false });
    const tableWith = (...header: string[]) =>
      doc.tables.find((table) => header.every((title, i) => table.rows[0][i] === title))?.rows.slice(1) ?? [];

    expect(doc.text).toContain(view.participation[0]);
    expect(view.want.length).toBeGreaterThan(0);
    const themeRows = doc.tables
      .filter((table) => table.rows[0][0] === 'Theme')
      .flatMap((table) => table.rows.slice(1));
    for (const line of [...view.want, ...view.doNotWant]) expect(themeRows).toContainEqual([line.label, line.detail]);
    expect(summary.readiness.every((section) => section.mean !== null)).toBe(true);
    expect(tableWith('Section', 'Mean rating')).toEqual(
      summary.readiness.map((section) => [section.title, section.mean?.toFixed(1), section.stage]),
    );
    const register = summary.goals.flatMap((goal) =>
      goal.metrics.map((metric) => [
        goal.label,
        metric.label,
        spreadText(metric.baseline),
        spreadText(metric.target),
        metric.timeFrame ?? 'not enough alike',
        `${metric.people} people`,
      ]),
    );
    expect(register.length).toBeGreaterThan(0);
    expect(tableWith('Goal')).toEqual(register);
    const ranked = tableWith('Rank');
    expect(ranked).toHaveLength(figures.groups.length);
    figures.groups.forEach((group, i) => {
      const card = groupView(group, i + 1, portfolioLabels(index.pack), figures.k, false);
      expect(ranked[i].slice(0, 3)).toEqual([String(i + 1), card.label, card.facts[0].value]);
    });
    expect(summary.gaps.length).toBeGreaterThan(0);
    expect(tableWith('Section', 'Leaders')).toEqual(
      summary.gaps.map((gap) => [
        gap.title,
        gap.leaderMean.toFixed(1),
        gap.employeeMean.toFixed(1),
        expect.stringMatching(/^[+-]?\d\.\d$/),
      ]),
    );
    for (const { text } of summary.recommendations) expect(doc.text).toContain(text);
    expect(doc.text).toContain('[name]');
    expect(doc.text).not.toMatch(/person-\d|Dana|Smith/);
    expect(Buffer.from(file.bytes).toString('latin1')).not.toMatch(/person-\d/);
  });

  it('for a tiny organisation holds nothing but the “too few” notes', async () => {
    const doc = readDocx((await documents.organisation('tenant-tiny')).bytes);
    const summary = await summaries.summary('tenant-tiny');

    expect(summary.participation.people).toBeNull();
    expect(doc.headings(1)).toEqual(SECTIONS);
    expect(doc.text).toContain('Fewer than 5 people have answered so far');
    expect(doc.text).toContain('Shown once at least 5 people have answered.');
    // The only tables: the stages explained, the sections (no means), each consideration (no means), the paths.
    const figuresInTables = doc.tables
      .flatMap((table) => table.rows.slice(1))
      .filter((row) => row.some((cell) => /^\d+(\.\d)?$|\d+ (people|person)/.test(cell)))
      .map((row) => row.join(' | '));
    expect(figuresInTables.every((row) => /minutes|^\w[\w ]* \| \d+ \|/.test(row))).toBe(true);
    expect(doc.text).not.toMatch(/few-\d|Automate routine|Invoice|Summarise meeting/);
    expect(doc.text).not.toMatch(/\b[1-4] (people|person)\b/);
  });

  it('shows leaders’ build decision for a group beside the approach people recommend', async () => {
    const store = new CosmosPortfolioStore(containers.aggregates);
    const top = (await reader.figures('tenant-big')).groups[0];
    const { doc: edits, etag } = await store.edits('tenant-big');
    const decide = { kind: 'decide', anchorKey: top.key, answers: {}, approach: 'ai-foundry-paas' } as const;
    expect(
      await store.writeEdits({ ...edits, edits: [...edits.edits, { ...decide, at: NOW.toISOString() }] }, etag),
    ).toBe(true);

    const doc = readDocx((await documents.organisation('tenant-big')).bytes);
    const ranked = doc.tables.find((table) => table.rows[0][0] === 'Rank');
    expect(ranked?.rows[0]).toEqual([
      'Rank',
      'Use case',
      'People',
      'Value',
      'Feasibility',
      'Matrix',
      'Approach',
      'Leaders’ decision',
      'Status',
    ]);
    const labels = portfolioLabels(index.pack);
    expect(ranked?.rows[1].slice(6, 8)).toEqual([
      labels.approach('copilot-studio'),
      labels.approach('ai-foundry-paas'),
    ]);
    expect(ranked?.rows[2][7]).toBe('—');
  });
});
