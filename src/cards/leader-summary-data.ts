import { optionalLine, safeBool, safeList, safeLine, safeObject, safeText, CardDataError } from './safe-text';
import { fitLines, type LineBudget } from './fit-budget';
import { nextStepsData } from './next-steps-data';
import { matrixData } from './portfolio-data';

const LIMITS = { title: 200, line: 400, label: 200, recommendation: 600, quote: 280 };
const MAX_QUOTES = 2;
// Every register's quotes together (up to two per theme, five registers): the card stays well under 80 KB.
const QUOTE_BUDGET: LineBudget = { totalBytes: 24_000, maxLineBytes: 1_200, minLineBytes: 80, maxLinesPerGroup: 2 };
// The registers are bounded by the pack (themes, goals, metrics, sections), never by how many people answered.
const MAX_LINES = 40;
// The pack lists at most ten questions of each kind for the card (content-pack.schema.json).
const MAX_REGISTERS = 10;

function countedLines(raw: unknown, path: string): { label: string; detail: string }[] {
  return safeList(raw, path, MAX_LINES, (item, itemPath) => {
    const entry = safeObject(item, itemPath);
    return {
      label: safeLine(entry.label, `${itemPath}.label`, LIMITS.label),
      detail: safeLine(entry.detail, `${itemPath}.detail`, LIMITS.line),
    };
  });
}

function themeLines(raw: unknown, path: string): { label: string; detail: string; quotes: string[] }[] {
  const lines = countedLines(raw, path);
  return safeList(raw, path, MAX_LINES, (item, itemPath) => ({
    ...lines[Number(/\[(\d+)\]$/.exec(itemPath)?.[1])],
    quotes: safeList(safeObject(item, itemPath).quotes, `${itemPath}.quotes`, MAX_LINES, (quote, quotePath) =>
      safeLine(quote, quotePath, LIMITS.quote),
    ).slice(0, MAX_QUOTES),
  }));
}

/** Titled registers (what people wrote, option counts), each with its lines and note. */
function registers<Line>(
  raw: unknown,
  path: string,
  linesOf: (raw: unknown, path: string) => Line[],
): { title: string; lines: Line[]; hasLines: boolean; note: string }[] {
  return safeList(raw, path, MAX_REGISTERS, (item, itemPath) => {
    const entry = safeObject(item, itemPath);
    const lines = linesOf(entry.lines, `${itemPath}.lines`);
    return {
      title: safeLine(entry.title, `${itemPath}.title`, LIMITS.label),
      lines,
      hasLines: lines.length > 0,
      note: safeLine(entry.note, `${itemPath}.note`, LIMITS.line),
    };
  });
}

/** Shortens the quotes of every theme line, in place, so that together they fit QUOTE_BUDGET. */
function fitQuotes(lines: { quotes: string[] }[]): void {
  const { groups } = fitLines(
    lines.map((line) => line.quotes),
    QUOTE_BUDGET,
  );
  lines.forEach((line, i) => (line.quotes = groups[i]));
}

function mean(raw: unknown, path: string): number | null {
  if (raw === null) return null;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > 5)
    throw new CardDataError(path, 'null or a number from 0 to 5');
  return Math.round(raw * 10) / 10;
}

/** Template data of the leadership ambition & metrics card. */
export function leaderSummaryData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const lines = (value: unknown, path: string, max = LIMITS.line) =>
    safeList(value, path, MAX_LINES, (item, itemPath) => safeText(item, itemPath, max));
  const want = themeLines(view.want, 'want');
  const doNotWant = themeLines(view.doNotWant, 'doNotWant');
  const written = registers(view.written, 'written', themeLines);
  const choices = registers(view.choices, 'choices', countedLines);
  fitQuotes([...want, ...doNotWant, ...written.flatMap((register) => register.lines)]);
  const goals = safeList(view.goals, 'goals', MAX_LINES, (item, path) => {
    const goal = safeObject(item, path);
    return {
      goal: safeLine(goal.goal, `${path}.goal`, LIMITS.label),
      detail: safeLine(goal.detail, `${path}.detail`, LIMITS.line),
      metrics: countedLines(goal.metrics, `${path}.metrics`),
    };
  });
  const readiness = safeList(view.readiness, 'readiness', MAX_LINES, (item, path) => {
    const entry = safeObject(item, path);
    const value = mean(entry.mean, `${path}.mean`);
    return {
      section: safeLine(entry.section, `${path}.section`, LIMITS.label),
      mean: value,
      meanText: value === null ? '–' : value.toFixed(1),
      stage: safeLine(entry.stage, `${path}.stage`, LIMITS.label),
      distribution: safeLine(entry.distribution, `${path}.distribution`, LIMITS.line),
      considerations: lines(entry.considerations, `${path}.considerations`, LIMITS.label),
    };
  });
  const chart = readiness.flatMap((entry) => (entry.mean === null ? [] : [{ x: entry.section, y: entry.mean }]));
  const gaps = lines(view.gaps, 'gaps');
  const recommendations = lines(view.recommendations, 'recommendations', LIMITS.recommendation).slice(0, 3);
  const teamName = optionalLine(view.teamName, 'teamName', LIMITS.title);
  const sinceLastTime = optionalLine(view.sinceLastTime, 'sinceLastTime', LIMITS.line);
  const actionPlans = optionalLine(view.actionPlans, 'actionPlans', LIMITS.line);
  return {
    sinceLastTime,
    hasSinceLastTime: sinceLastTime !== '',
    actionPlans,
    hasActionPlans: actionPlans !== '',
    ...nextStepsData(view.nextSteps),
    ...matrixData(view.matrix),
    title: safeLine(view.title, 'title', LIMITS.title),
    teamName,
    hasTeamName: teamName !== '',
    participation: lines(view.participation, 'participation'),
    want,
    hasWant: want.length > 0,
    wantNote: safeLine(view.wantNote, 'wantNote', LIMITS.line),
    doNotWant,
    hasDoNotWant: doNotWant.length > 0,
    doNotWantNote: safeLine(view.doNotWantNote, 'doNotWantNote', LIMITS.line),
    written,
    hasWritten: written.length > 0,
    choices,
    hasChoices: choices.length > 0,
    goals,
    goalsNote: safeLine(view.goalsNote, 'goalsNote', LIMITS.line),
    readiness: readiness.map(({ section, meanText, stage, distribution, considerations }) => ({
      section,
      meanText,
      stage,
      distribution,
      hasDistribution: distribution !== '',
      considerations,
    })),
    chart,
    hasChart: chart.length > 0,
    gaps,
    hasGaps: gaps.length > 0,
    recommendations,
    hasRecommendations: recommendations.length > 0,
    canPlan: recommendations.length > 0 && (view.planScope === 'team' || view.planScope === 'organisation'),
    planScope: view.planScope === 'team' ? 'team' : 'organisation',
    footnote: safeLine(view.footnote, 'footnote', LIMITS.line),
    canExport: safeBool(view.canExport, 'canExport'),
  };
}
