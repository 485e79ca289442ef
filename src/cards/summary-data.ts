import { type LineBudget, clipBytes, fitLines } from './fit-budget';
import { CardDataError, optionalLine, safeBool, safeList, safeObject, safeLine, safeText } from './safe-text';
import { sharingText } from './sharing-text';
import { nextStepsData } from './next-steps-data';

const STATEMENT_BUDGET: LineBudget = { totalBytes: 9000, maxLineBytes: 600, minLineBytes: 120, maxLinesPerGroup: 10 };
const LIMITS = {
  title: 200,
  chars: 4000,
  cellBytes: 160,
  stage: 60,
  sectionBytes: 160,
  recommendation: 600,
  useCaseTitleBytes: 400,
  useCaseDetailBytes: 600,
};
const MAX_ITEMS = 500;
const MAX_SECTIONS = 20;
const MAX_SHOWN_METRICS = 12;
const MAX_SHOWN_USE_CASES = 10;
const MAX_SHOWN_RECOMMENDATIONS = 3;

interface MetricCells {
  goal: string;
  metric: string;
  baseline: string;
  target: string;
  byWhen: string;
}

function statements(raw: unknown, path: string): { lines: string[]; truncated: boolean } {
  const lines = safeList(raw, path, MAX_ITEMS, (line, linePath) => safeLine(line, linePath, LIMITS.chars));
  const fitted = fitLines([lines], STATEMENT_BUDGET);
  return { lines: fitted.groups[0], truncated: fitted.truncated };
}

function metricRows(raw: unknown): { rows: MetricCells[]; truncated: boolean } {
  let truncated = false;
  const all = safeList(raw, 'metrics', MAX_ITEMS, (item, path) => {
    const row = safeObject(item, path);
    const cell = (key: keyof MetricCells): string => {
      const full = safeLine(row[key], `${path}.${key}`, LIMITS.chars);
      const shown = clipBytes(full, LIMITS.cellBytes);
      truncated ||= shown !== full;
      return shown;
    };
    return {
      goal: cell('goal'),
      metric: cell('metric'),
      baseline: cell('baseline'),
      target: cell('target'),
      byWhen: cell('byWhen'),
    };
  });
  const rows = all.slice(0, MAX_SHOWN_METRICS);
  return { rows, truncated: truncated || all.length > rows.length };
}

interface UseCaseLines {
  title: string;
  details: string;
  hasDetails: boolean;
  sharing: string;
  hasSharing: boolean;
  approach: string;
  hasApproach: boolean;
}

function useCases(raw: unknown): { items: UseCaseLines[]; truncated: boolean } {
  let truncated = false;
  const all = safeList(raw, 'useCases', MAX_ITEMS, (item, path): UseCaseLines => {
    const entry = safeObject(item, path);
    const line = (key: 'title' | 'details', maxBytes: number): string => {
      const full = safeLine(entry[key], `${path}.${key}`, LIMITS.chars);
      const shown = clipBytes(full, maxBytes);
      truncated ||= shown !== full;
      return shown;
    };
    const details = line('details', LIMITS.useCaseDetailBytes);
    const shared = entry.shared === undefined ? undefined : safeBool(entry.shared, `${path}.shared`);
    const approach = optionalLine(entry.approach, `${path}.approach`, LIMITS.title);
    return {
      title: line('title', LIMITS.useCaseTitleBytes),
      details,
      hasDetails: details !== '',
      sharing: shared === undefined ? '' : sharingText(shared),
      hasSharing: shared !== undefined,
      approach,
      hasApproach: approach !== '',
    };
  });
  const items = all.slice(0, MAX_SHOWN_USE_CASES);
  return { items, truncated: truncated || all.length > items.length };
}

function readiness(raw: unknown): { section: string; mean: number | null; meanText: string; stage: string }[] {
  return safeList(raw, 'readiness', MAX_SECTIONS, (item, path) => {
    const entry = safeObject(item, path);
    const mean = entry.mean;
    if (mean !== null && (typeof mean !== 'number' || !Number.isFinite(mean) || mean < 0 || mean > 5)) {
      throw new CardDataError(`${path}.mean`, 'null or a number from 0 to 5');
    }
    const rounded = mean === null ? null : Math.round(mean * 10) / 10;
    return {
      section: clipBytes(safeLine(entry.section, `${path}.section`, LIMITS.chars), LIMITS.sectionBytes),
      mean: rounded,
      meanText: rounded === null ? '–' : rounded.toFixed(1),
      stage: safeLine(entry.stage, `${path}.stage`, LIMITS.stage),
    };
  });
}

/** Template data of the ambition & metrics summary card. */
export function summaryData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const wants = statements(view.wants, 'wants');
  const doNotWants = statements(view.doNotWants, 'doNotWants');
  const shownUseCases = useCases(view.useCases);
  const metrics = metricRows(view.metrics);
  const sections = readiness(view.readiness);
  const chart = sections.flatMap((entry) => (entry.mean === null ? [] : [{ x: entry.section, y: entry.mean }]));
  const recommendations = safeList(view.recommendations, 'recommendations', MAX_ITEMS, (text, path) =>
    safeText(text, path, LIMITS.recommendation),
  );
  const shownRecommendations = recommendations.slice(0, MAX_SHOWN_RECOMMENDATIONS);
  const sharedBy = optionalLine(view.sharedBy, 'sharedBy', LIMITS.title);
  return {
    ...nextStepsData(view.nextSteps),
    title: safeLine(view.title, 'title', LIMITS.title),
    sharedBy,
    isShared: sharedBy !== '',
    useCasesHeading: sharedBy === '' ? 'Your use cases' : 'Use cases',
    wants: wants.lines,
    hasWants: wants.lines.length > 0,
    doNotWants: doNotWants.lines,
    hasDoNotWants: doNotWants.lines.length > 0,
    useCases: shownUseCases.items,
    hasUseCases: shownUseCases.items.length > 0,
    metrics: metrics.rows,
    hasMetrics: metrics.rows.length > 0,
    readiness: sections.map(({ section, meanText, stage }) => ({ section, meanText, stage })),
    hasReadiness: sections.length > 0,
    chart,
    hasChart: chart.length > 0,
    recommendations: shownRecommendations,
    hasRecommendations: shownRecommendations.length > 0,
    truncated: wants.truncated || doNotWants.truncated || shownUseCases.truncated || metrics.truncated,
  };
}
