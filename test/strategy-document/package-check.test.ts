import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { SummaryService } from '../../src/leadership/summary-service';
import { DEFAULT_THRESHOLDS } from '../../src/leadership/thresholds';
import { portfolioQuestions, type PortfolioQuestions } from '../../src/portfolio/portfolio-questions';
import { PortfolioReader } from '../../src/portfolio/portfolio-reader';
import { portfolioLabels } from '../../src/portfolio/portfolio-view';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import {
  organisationDocumentFile,
  StrategyDocumentService,
} from '../../src/strategy-document/strategy-document-service';
import { DOCX_CONTENT_TYPE } from '../../src/strategy-document/write-docx';
import { readDocx } from '../support/docx-reader';
import { startContainers } from '../storage/embedded-containers';
import { organisationAnswers, storeOrganisation } from './seed-organisation';

jest.setTimeout(120_000);

/**
 * The organisation's document as a package: the OOXML parts Word needs, well-formed, with the built-in heading styles;
 * then, where LibreOffice is installed (Debian's libreoffice-writer-nogui), converted to PDF headless.
 */
const index = new ContentIndex(loadContentPack());
const SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 ? 'soffice' : undefined;
let bytes: Uint8Array;
let personal: Uint8Array;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  close = started.close;
  const { containers } = started;
  const aggregates = new CosmosAggregateStore(containers.aggregates, DEFAULT_THRESHOLDS.group);
  await storeOrganisation({ containers, aggregates, index, tenantId: 't' }, organisationAnswers(index, 'p', 20));
  const reader = new PortfolioReader({
    index,
    questions: portfolioQuestions(index) as PortfolioQuestions,
    portfolios: new CosmosPortfolioStore(containers.aggregates),
    aggregates,
    answers: new CosmosAnswerStore(containers.users),
    thresholds: DEFAULT_THRESHOLDS,
    clock: () => new Date('2026-12-07T09:00:00Z'),
  });
  const portfolio = {
    forExport: async (tenantId: string) => ({
      figures: await reader.figures(tenantId),
      labels: portfolioLabels(index.pack),
    }),
  };
  const summaries = new SummaryService(index, aggregates, DEFAULT_THRESHOLDS);
  ({ bytes } = await organisationDocumentFile({ index, summaries, portfolio, clock: () => new Date() }, 't'));
  // Someone who answered every question of the full path.
  const answers = Object.fromEntries(
    organisationAnswers(index, 'p', 1).map((answer) => [answer.questionId, answer.value]),
  );
  const documents = new StrategyDocumentService({
    index,
    summaries,
    portfolio,
    personState: async () => ({ answers, path: 'full' }),
    accessOf: async () => ({ leader: false, admin: false, manager: false }),
    audit: { record: async () => undefined },
    clock: () => new Date(),
  });
  ({ bytes: personal } = await documents.personal({ tenantId: 't', userId: 'p-0', role: 'leader' }, 'c'));
});
afterAll(() => close?.());

/** Converts the file with LibreOffice headless and counts the PDF's pages. */
function pdfPages(file: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'strategy-pdf-'));
  writeFileSync(join(dir, 'strategy.docx'), file);
  // A profile of its own, so a LibreOffice already running (or another test) does not take the conversion over.
  const profile = `-env:UserInstallation=file://${dir}/profile`;
  execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'strategy.docx')], {
    stdio: 'ignore',
    timeout: 90_000,
  });
  const pdf = readFileSync(join(dir, 'strategy.pdf')).toString('latin1');
  return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

describe('the strategy document as an OOXML package', () => {
  it('has the content types, relationships, a well-formed body and the built-in Heading 1–3 styles', () => {
    const { parts } = readDocx(bytes);
    const types = parts['[Content_Types].xml'];
    // Attributes may come in any order: find the element, then its content type.
    const typeOf = (attribute: string) =>
      new RegExp(`<(?:Override|Default) [^>]*${attribute}[^>]*>`).exec(types)?.[0].match(/ContentType="([^"]+)"/)?.[1];
    expect(typeOf('PartName="/word/document.xml"')).toBe(`${DOCX_CONTENT_TYPE}.main+xml`);
    expect(typeOf('Extension="svg"')).toBe('image/svg+xml');
    expect(typeOf('Extension="png"')).toBe('image/png');
    expect(parts['_rels/.rels']).toContain('Target="word/document.xml"');
    const rels = parts['word/_rels/document.xml.rels'];
    expect(rels).toMatch(/Target="media\/[^"]+\.svg"/);
    expect(rels).toMatch(/Target="media\/[^"]+\.png"/);
    for (const [name, xml] of Object.entries(parts)) expect([name, XMLValidator.validate(xml)]).toEqual([name, true]);
    for (const level of [1, 2, 3]) expect(parts['word/styles.xml']).toContain(`w:styleId="Heading${level}"`);
    expect(parts['word/document.xml']).toContain('<w:tblHeader/>');
  });

  const withSoffice = SOFFICE ? it : it.skip;
  if (!SOFFICE)
    console.warn(
      'LibreOffice (soffice) is not installed: the PDF conversion test is skipped (apt-get install -y libreoffice-writer-nogui).',
    );
  withSoffice('opens in LibreOffice headless: the organisation’s as a PDF of 5–20 pages, a person’s of 1–3', () => {
    const pages = pdfPages(bytes);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(20);
    const own = pdfPages(personal);
    expect(own).toBeGreaterThanOrEqual(1);
    expect(own).toBeLessThanOrEqual(3);
  });
});
