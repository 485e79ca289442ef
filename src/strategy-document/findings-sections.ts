import type { LeaderSummaryView } from '../cards/view-models';
import type { ContentIndex } from '../content/content-index';
import { signed, spreadText } from '../leadership/leader-summary-view';
import type { OrganisationSummary, ReadinessFigure } from '../leadership/organisation-summary';
import { bullets, heading, labelled, linkBullet, note, paragraph, plural, table, type Block } from './docx-parts';

/** What a mean is shown as: one decimal, or a dash when too few rated. */
export function meanText(mean: number | null): string {
  return mean === null ? '–' : mean.toFixed(1);
}

/**
 * The success metrics register: goal → metric → baseline → target → time frame, with how many people proposed each
 * (the card's figures; the time frame most rows chose, when enough did).
 */
export function metricsSection(summary: OrganisationSummary, view: LeaderSummaryView): Block[] {
  const rows = summary.goals.flatMap((goal) =>
    goal.metrics.map((metric) => [
      goal.label,
      metric.label,
      spreadText(metric.baseline),
      spreadText(metric.target),
      metric.timeFrame ?? 'not enough alike',
      plural(metric.people, 'person', 'people'),
    ]),
  );
  const goals = view.goals.map((goal) => `${goal.goal}: ${goal.detail}`);
  return [
    heading('Success metrics register'),
    ...(rows.length > 0
      ? [table(['Goal', 'Metric', 'Baseline', 'Target', 'Time frame', 'Proposed by'], rows)]
      : [note('No metric has been chosen by enough people yet.')]),
    ...(goals.length > 0 ? [heading('People per business goal', 2), ...bullets(goals)] : []),
    note(view.goalsNote),
    note(
      `A time frame is the one most people chose for that metric, shown when at least ${summary.thresholds.group} rows chose it and the rest are none or as many.`,
    ),
  ];
}

/** Readiness per section and consideration: mean, stage, the spread of ratings and what the consideration covers. */
export function readinessSection(summary: OrganisationSummary, view: LeaderSummaryView, index: ContentIndex): Block[] {
  // The pack's bounds as written (2.75, not a rounded 2.8).
  const bound = (value: number) =>
    value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const stages = index.pack.stages.map((stage, i, all) => {
    const next = all[i + 1];
    return [
      stage.label,
      next ? `${bound(stage.minMean)} to below ${bound(next.minMean)}` : `${bound(stage.minMean)} and above`,
    ];
  });
  const blocks: Block[] = [
    heading('Readiness'),
    paragraph(
      'Each section’s mean rating (1–5, over the questions enough people rated; “don’t know” does not count) places it at a stage:',
    ),
    table(['Stage', 'Mean rating'], stages),
  ];
  summary.readiness.forEach((section, i) => {
    const distribution = view.readiness[i]?.distribution ?? '';
    blocks.push(
      heading(section.title, 2),
      labelled('Stage', section.mean === null ? section.stage : `${section.stage} (mean ${meanText(section.mean)})`),
      ...(distribution === '' ? [] : [labelled('Ratings', distribution)]),
      table(
        ['Consideration', 'Mean', 'Stage', 'What it means'],
        section.considerations.map((consideration) => [
          consideration.title,
          meanText(consideration.mean),
          consideration.stage,
          whatItMeans(index, consideration),
        ]),
      ),
    );
  });
  return blocks;
}

/** What a consideration covers (the pack's guidance), and the pack's recommendation where it rates low. */
function whatItMeans(index: ContentIndex, figure: ReadinessFigure): string {
  const consideration = index.sections
    .flatMap((section) => section.considerations)
    .find((candidate) => candidate.id === figure.considerationId);
  if (!consideration) return '';
  return figure.mean !== null && figure.mean < 3
    ? `${consideration.guidance} To improve: ${consideration.recommendation}`
    : consideration.guidance;
}

/** Where leaders and employees see things differently (only where both groups reach the threshold). */
export function gapsSection(summary: OrganisationSummary): Block[] {
  const k = summary.thresholds.group;
  return [
    heading('Where leaders and employees differ'),
    ...(summary.gaps.length > 0
      ? [
          table(
            ['Section', 'Leaders', 'Employees', 'Difference'],
            summary.gaps.map((gap) => [
              gap.title,
              meanText(gap.leaderMean),
              meanText(gap.employeeMean),
              signed(gap.gap),
            ]),
          ),
          note(
            'Mean ratings (1–5) of the questions both groups rated; a positive difference means leaders rate higher.',
          ),
        ]
      : [
          note(
            `Leaders and employees are compared once each group has at least ${k} people rating the same questions.`,
          ),
        ]),
  ];
}

/** The pack's recommendations for the weakest considerations, and its links to the next steps. */
export function recommendationsSection(view: LeaderSummaryView): Block[] {
  return [
    heading('Recommendations and next steps'),
    ...(view.recommendations.length > 0
      ? [heading('Recommendations', 2), ...bullets(view.recommendations)]
      : [note('Recommendations appear once enough people have rated the considerations.')]),
    ...(view.nextSteps && view.nextSteps.length > 0
      ? [heading('Next steps', 2), ...view.nextSteps.map((link) => linkBullet(link.title, link.url))]
      : []),
  ];
}
