import type { SummaryView } from '../cards/view-models';
import { bullets, heading, labelled, linkBullet, note, paragraph, table, type Block } from './docx-parts';
import { meanText } from './findings-sections';
import type { TitlePage } from './write-docx';

/** A person's own answers as a short strategy: the personal card's view (their ambition, use cases, metrics, readiness). */
export function personalDocument(view: SummaryView, date: string): { title: TitlePage; body: Block[] } {
  const list = (items: readonly string[], empty: string) => (items.length > 0 ? bullets(items) : [note(empty)]);
  return {
    title: {
      title: 'My generative-AI strategy',
      subtitle: 'From my own answers to Strategy Guide',
      lines: [`Prepared on ${date}. Only I received this file.`],
    },
    body: [
      heading('My ambition'),
      heading('What I want AI to do', 2),
      ...list(view.wants, 'Not answered yet.'),
      heading('What I do not want AI to do', 2),
      ...list(view.doNotWants, 'Not answered yet.'),
      heading('My use cases'),
      ...(view.useCases.length > 0
        ? view.useCases.flatMap((useCase) => [
            heading(useCase.title === '' ? 'A use case' : useCase.title, 2),
            ...(useCase.details === '' ? [] : [paragraph(useCase.details)]),
            ...(useCase.approach ? [labelled('Approach', useCase.approach)] : []),
            ...(useCase.shared === undefined
              ? []
              : [labelled('Shared with leaders (without my name)', useCase.shared ? 'yes' : 'no')]),
          ])
        : [note('No use cases yet.')]),
      heading('My success metrics'),
      ...(view.metrics.length > 0
        ? [
            table(
              ['Goal', 'Metric', 'Baseline', 'Target', 'By when'],
              view.metrics.map((row) => [row.goal, row.metric, row.baseline, row.target, row.byWhen]),
            ),
          ]
        : [note('No metrics yet.')]),
      heading('My readiness'),
      ...(view.readiness.length > 0
        ? [
            table(
              ['Section', 'My mean rating', 'Stage'],
              view.readiness.map((row) => [row.section, meanText(row.mean), row.stage]),
            ),
          ]
        : [note('No ratings yet.')]),
      heading('Recommendations and next steps'),
      ...list(view.recommendations, 'Recommendations appear once you have rated some considerations.'),
      ...(view.nextSteps ?? []).map((link) => linkBullet(link.title, link.url)),
    ],
  };
}
