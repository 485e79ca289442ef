import type { LeaderSummaryView } from '../cards/view-models';
import type { ContentIndex } from '../content/content-index';
import type { OrganisationSummary } from '../leadership/organisation-summary';
import { bullets, heading, note, paragraph, table, type Block } from './docx-parts';
import type { PortfolioPart } from './portfolio-section';

/** How the figures came about: who was asked what (the paths), the anonymity thresholds, and when. */
export function methodAppendix(input: {
  index: ContentIndex;
  summary: OrganisationSummary;
  view: LeaderSummaryView;
  portfolio?: PortfolioPart;
  generatedAt: Date;
  firstAnsweredAt?: string | null;
}): Block[] {
  const { index, summary, view, portfolio } = input;
  const { pack } = index;
  const startsFor = (pathId: string) =>
    [
      index.pathFor(undefined, 'leader').id === pathId ? 'leaders' : '',
      index.pathFor(undefined, 'employee').id === pathId ? 'employees' : '',
    ]
      .filter((who) => who !== '')
      .join(' and ') || 'anyone who chooses it';
  const { group, comments } = summary.thresholds;
  return [
    heading('Appendix: method'),
    heading('Who was asked what', 2),
    paragraph(
      `People answered the questionnaire “${pack.id}” (version ${pack.version}) in a 1:1 chat with Strategy Guide in Microsoft Teams, one question at a time. Each person walks one path; progress and completion are measured against the questions of their own path.`,
    ),
    table(
      ['Path', 'Questions', 'About', 'Starts for', 'What it covers'],
      index.paths.map((path) => [
        path.label,
        String(path.questionIds.size),
        path.minutes === undefined ? '–' : `${path.minutes} minutes`,
        startsFor(path.id),
        path.description,
      ]),
    ),
    paragraph('The questionnaire’s sections:'),
    ...bullets(
      index.sections.map(
        (section) =>
          `${section.title}: ${section.considerations.map((consideration) => consideration.title).join('; ')}`,
      ),
    ),
    heading('Anonymity thresholds', 2),
    ...bullets([
      `Every figure stands for at least ${group} people; smaller groups are left out or merged, never shown as small numbers.`,
      `People’s own words appear only as examples of themes of at least ${Math.max(group, comments)} people, with likely names removed, at most two per theme.`,
      'No names or user ids appear anywhere in this document; goals, metrics, baselines and targets typed in someone’s own words are counted, never quoted.',
      'Use cases are named only by the words their writers agreed to share with leaders, or by a name leaders gave the group.',
    ]),
    note(view.footnote),
    heading('Dates', 2),
    ...(input.firstAnsweredAt === undefined
      ? []
      : [
          paragraph(
            input.firstAnsweredAt === null
              ? 'No answers are stored yet.'
              : `Answers given from ${input.firstAnsweredAt.slice(0, 10)} to ${input.generatedAt.toISOString().slice(0, 10)} (UTC).`,
          ),
        ]),
    paragraph(
      `Figures are those published up to ${input.generatedAt.toISOString().slice(0, 10)} (UTC), the day this document was made: the summaries move only in batches of at least ${group} people, so the latest answers may not be counted yet.${portfolio ? ` The use-case portfolio was computed at ${portfolio.figures.computedAt.slice(0, 16).replace('T', ' ')} UTC.` : ''}`,
    ),
  ];
}
