import { ImageRun, Paragraph } from 'docx';
import type { PortfolioMatrixView } from '../cards/portfolio-view-models';
import type { PortfolioFigures } from '../portfolio/portfolio-figures';
import { groupView, portfolioView, type PortfolioLabels } from '../portfolio/portfolio-view';
import { bullets, heading, note, paragraph, table, type Block } from './docx-parts';
import { matrixChart, type MatrixPoint } from './matrix-chart';

/** The portfolio as the document uses it: the figures leaders see 1:1 and the pack's names for approaches and metrics. */
export interface PortfolioPart {
  figures: PortfolioFigures;
  labels: PortfolioLabels;
}

/** The columns of the ranked table: the card's facts of a group, by their titles. */
const COLUMNS = ['People', 'Value', 'Feasibility', 'Matrix', 'Approach', 'Leaders’ decision', 'Status'] as const;

/** The top groups the executive summary names: ranked groups of at least the threshold of people. */
export function topUseCases(portfolio: PortfolioPart | undefined, count = 3): string[] {
  if (!portfolio) return [];
  const { figures, labels } = portfolio;
  return figures.groups
    .map((group, i) => ({ group, view: groupView(group, i + 1, labels, figures.k, false) }))
    .filter(({ group }) => group.support !== null)
    .slice(0, count)
    .map(({ view }) => {
      const fact = (title: string) => view.facts.find((entry) => entry.title === title)?.value ?? '';
      return `${view.rank}. ${view.label} — ${fact('People')} people, value ${fact('Value')}, feasibility ${fact('Feasibility')} (${fact('Matrix')}); approach: ${fact('Approach')}`;
    });
}

/**
 * The use-case portfolio: the card's introduction, every group ranked (the card's facts, including leaders' build
 * decision), the value/feasibility matrix as a picture with alt text and in words, and the approaches people recommend.
 */
export function portfolioSection(
  portfolio: PortfolioPart | undefined,
  matrix: PortfolioMatrixView | undefined,
): Block[] {
  const blocks: Block[] = [heading('Use-case portfolio')];
  if (!portfolio) return [...blocks, note('This questionnaire asks for no use cases, so there is no portfolio.')];
  const { figures, labels } = portfolio;
  const { k } = figures;
  const card = portfolioView(figures, labels, { title: '', page: 1, canEdit: false });
  const groups = figures.groups.map((group, i) => ({ group, view: groupView(group, i + 1, labels, k, false) }));
  blocks.push(...card.intro.map((line) => paragraph(line)));
  blocks.push(heading('Ranked use cases', 2));
  if (groups.length === 0) blocks.push(note(card.pageNote));
  else
    blocks.push(
      table(
        ['Rank', 'Use case', ...COLUMNS],
        groups.map(({ view }) => [
          String(view.rank),
          view.label,
          ...COLUMNS.map((title) => view.facts.find((fact) => fact.title === title)?.value ?? '—'),
        ]),
      ),
    );
  const flags = groups
    .filter(({ view }) => view.flag !== '')
    .map(({ view }) => `${view.rank}. ${view.label}: ${view.flag}`);
  if (flags.length > 0) blocks.push(paragraph('Where people recommend different approaches:'), ...bullets(flags));
  const metrics = groups.flatMap(({ view }) =>
    view.facts.filter((fact) => fact.title === 'Metrics').map((fact) => `${view.rank}. ${view.label}: ${fact.value}`),
  );
  if (metrics.length > 0) blocks.push(paragraph('Success metrics linked to the use cases:'), ...bullets(metrics));
  blocks.push(...card.folded.map(note));
  blocks.push(heading('Value and feasibility', 2), ...matrixBlocks(figures, matrix));
  blocks.push(heading('Recommended approaches', 2));
  if (card.approaches.length > 0)
    blocks.push(
      table(
        ['Approach', 'People'],
        card.approaches.map((entry) => [entry.label, entry.detail]),
      ),
    );
  blocks.push(note(card.approachesNote), note(card.footnote));
  return blocks;
}

/** The matrix as a picture (SVG with a PNG fallback) with alt text, then the card's text of each quadrant. */
function matrixBlocks(figures: PortfolioFigures, matrix: PortfolioMatrixView | undefined): Block[] {
  const points: MatrixPoint[] = figures.groups.flatMap((group, i) =>
    group.value !== null && group.feasibility !== null && group.support !== null
      ? [{ rank: i + 1, value: group.value, feasibility: group.feasibility, people: group.support }]
      : [],
  );
  const chart = matrixChart(points);
  const picture = new ImageRun({
    type: 'svg',
    data: Buffer.from(chart.svg, 'utf8'),
    fallback: { type: 'png', data: chart.png },
    // Six inches wide: the text width of an A4 or Letter page with one-inch margins.
    transformation: { width: 576, height: Math.round((576 * chart.height) / chart.width) },
    altText: { name: chart.title, title: chart.title, description: chart.description },
  });
  return [
    new Paragraph({ children: [picture] }),
    note(`Figure: ${chart.description}`),
    ...(matrix
      ? [...bullets(matrix.quadrants.map((entry) => `${entry.title}: ${entry.detail}`)), note(matrix.note)]
      : []),
  ];
}
