import type { PortfolioFigures, Quadrant } from './portfolio-figures';
import type { PortfolioLabels } from './portfolio-view';

/** One figure of the export (the shape of src/leadership/summary-export.ts). */
export interface PortfolioExportRow {
  part: string;
  key: string;
  label: string;
  figure: string;
  value: number | string;
}

const QUADRANT_NAMES: Record<Quadrant, string> = {
  'quick-win': 'quick win',
  'big-bet': 'big bet',
  'fill-in': 'fill-in',
  rethink: 'rethink',
};

/**
 * The portfolio as export rows: exactly what the card may show (figures through the thresholds, smaller groups as
 * "fewer than k", shared words only), every group rather than a page.
 */
export function portfolioExportRows(portfolio: {
  figures: PortfolioFigures;
  labels: PortfolioLabels;
}): PortfolioExportRow[] {
  const { figures, labels } = portfolio;
  const { k } = figures;
  const rows: PortfolioExportRow[] = [];
  const add = (part: string, key: string, label: string, figure: string, value: number | string | null) => {
    if (value !== null) rows.push({ part, key, label, figure, value });
  };
  add('portfolio', 'people', 'People who proposed use cases', 'count', figures.people);
  for (const approach of figures.approaches)
    add('portfolio approach', approach.id, labels.approach(approach.id), 'people', approach.people);
  figures.groups.forEach((group, i) => {
    const part = 'portfolio group';
    const key = String(i + 1);
    const row = (figure: string, value: number | string | null) => add(part, key, group.label, figure, value);
    row('people', group.support ?? `fewer than ${k}`);
    row('value mean', group.value);
    row('feasibility mean', group.feasibility);
    row('quadrant', group.quadrant && QUADRANT_NAMES[group.quadrant]);
    row('recommended approach', group.approach && labels.approach(group.approach));
    row('leaders’ decision', group.decision && labels.approach(group.decision.approach));
    for (const approach of group.approaches) row(`approach: ${labels.approach(approach.id)}`, approach.people);
    if (group.disagreement) row('approaches differ', 'yes');
    for (const metric of group.metrics) row(`metric: ${labels.metric(metric.id)}`, metric.people);
    row('status', group.status);
  });
  add(
    'portfolio',
    'folded',
    `Ideas from fewer than ${k} people each, words not shared`,
    'groups',
    figures.folded || null,
  );
  add('portfolio', 'rest', 'Smaller groups not kept', 'groups', figures.rest.groups || null);
  add('portfolio', 'rest', 'Smaller groups not kept', 'people', figures.rest.groups ? figures.rest.people : null);
  return rows;
}
