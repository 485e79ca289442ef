import type { Reply } from '../cards/reply';
import type { PortfolioFigures } from '../portfolio/portfolio-figures';
import { portfolioExportRows } from '../portfolio/portfolio-export';
import type { PortfolioLabels } from '../portfolio/portfolio-view';
import type { OrganisationSummary, ThemeRegister } from './organisation-summary';

/** The use-case portfolio as the export takes it: its figures through the thresholds and the pack's names. */
export interface PortfolioPart {
  figures: PortfolioFigures;
  labels: PortfolioLabels;
}

/**
 * One figure of an export: what it is about, which figure, and its value. Never an identity; people's words only as the
 * card quotes them (a theme's example statements, names removed, above the comment threshold).
 */
export interface ExportRow {
  part: string;
  key: string;
  label: string;
  figure: string;
  value: number | string;
}

/**
 * The summary as flat rows (the CSV's lines); only what passed the thresholds is in the summary to begin with, and
 * means are already rounded as the card shows them.
 */
export function exportRows(summary: OrganisationSummary, portfolio?: PortfolioPart): ExportRow[] {
  const rows: ExportRow[] = [];
  const add = (part: string, key: string, label: string, figure: string, value: number | string | null) => {
    if (value !== null) rows.push({ part, key, label, figure, value });
  };
  const { participation: p } = summary;
  add('participation', 'people', 'People who answered', 'count', p.people);
  add('participation', 'leaders', 'Leaders', 'count', p.leaders);
  add('participation', 'employees', 'Employees', 'count', p.employees);
  add('participation', 'completion', 'Finished the questions of their path', 'share', round(p.completionRate));
  add('participation', 'progress', 'Share of their path answered on average', 'share', round(p.meanProgress));
  const themes: [string, ThemeRegister][] = [
    ['want', summary.want],
    ['do-not-want', summary.doNotWant],
    ...summary.written.map((register): [string, ThemeRegister] => [`written:${register.questionId}`, register]),
  ];
  for (const [part, register] of themes) {
    add(part, 'respondents', 'People who answered', 'count', register.respondents);
    for (const theme of register.themes) {
      add(part, theme.themeId, theme.label, 'people', theme.people);
      theme.quotes.forEach((quote, i) => add(part, theme.themeId, theme.label, `example ${i + 1}`, quote));
    }
  }
  for (const register of summary.choices) {
    const part = `counts:${register.questionId}`;
    add(part, 'respondents', 'People who answered', 'count', register.respondents);
    for (const option of register.options) add(part, option.value, option.label, 'people', option.people);
  }
  for (const goal of summary.goals) {
    add('goal', goal.goalId, goal.label, 'people', goal.people);
    for (const metric of goal.metrics) {
      const key = `${goal.goalId}>${metric.metricId}`;
      const label = `${goal.label} → ${metric.label}`;
      add('metric', key, label, 'people', metric.people);
      for (const [name, spread] of [
        ['baseline', metric.baseline],
        ['target', metric.target],
      ] as const) {
        if (!spread) continue;
        add('metric', key, label, `${name} middle half from`, spread.low);
        add('metric', key, label, `${name} middle half to`, spread.high);
      }
      if (metric.timeFrame) add('metric', key, label, 'time frame most chose', metric.timeFrame);
    }
  }
  for (const section of summary.readiness) {
    if (section.mean === null) continue;
    add('readiness', section.sectionId, section.title, 'mean', section.mean);
    add('readiness', section.sectionId, section.title, 'stage', section.stage);
    for (const { from, to, count } of section.bands)
      add('readiness', section.sectionId, section.title, `rated ${from === to ? from : `${from}–${to}`}`, count);
    add('readiness', section.sectionId, section.title, "don't know", section.dontKnow);
    for (const consideration of section.considerations) {
      if (consideration.mean === null) continue;
      const { considerationId, title } = consideration;
      add('consideration readiness', considerationId, title, 'mean', consideration.mean);
      add('consideration readiness', considerationId, title, 'stage', consideration.stage);
    }
  }
  for (const gap of summary.gaps) {
    add('gap', gap.sectionId, gap.title, 'leaders mean', gap.leaderMean);
    add('gap', gap.sectionId, gap.title, 'employees mean', gap.employeeMean);
  }
  if (portfolio) rows.push(...portfolioExportRows(portfolio));
  return rows;
}

/** The rows as CSV (RFC 4180), with a header; cells that a spreadsheet would run as a formula are defused. */
export function toCsv(rows: readonly ExportRow[]): string {
  const header = ['part', 'key', 'label', 'figure', 'value'];
  const lines = rows.map((row) => [row.part, row.key, row.label, row.figure, row.value].map(csvCell).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** The summary as JSON, with when and for what it was made. */
export function toJson(
  summary: OrganisationSummary,
  meta: { scope: string; exportedAt: string },
  portfolio?: PortfolioPart,
): string {
  return JSON.stringify({ ...meta, thresholds: summary.thresholds, figures: exportRows(summary, portfolio) }, null, 2);
}

function csvCell(value: number | string): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/** The export in chat: CSV in the message (readable anywhere) and JSON as a file attachment carried in a data URI. */
export function exportReplies(csv: string, json: string): Reply[] {
  return [
    `Summary figures (CSV, nothing below the anonymity threshold):\n\n\`\`\`csv\n${csv}\`\`\``,
    {
      text: 'The same figures as JSON:',
      attachments: [
        {
          contentType: 'application/json',
          name: 'strategy-summary.json',
          contentUrl: `data:application/json;base64,${Buffer.from(json, 'utf8').toString('base64')}`,
        },
      ],
    },
  ];
}
