import type { PortfolioMatrixView } from '../cards/portfolio-view-models';
import type { LeaderRegisterView, LeaderSummaryView, ThemeLineView } from '../cards/view-models';
import type { ContentIndex } from '../content/content-index';
import type { OrganisationSummary, ReadinessFigure } from '../leadership/organisation-summary';
import { bullets, heading, labelled, note, paragraph, table, type Block } from './docx-parts';
import { gapsSection, meanText, metricsSection, readinessSection, recommendationsSection } from './findings-sections';
import { methodAppendix } from './method-appendix';
import { portfolioSection, topUseCases, type PortfolioPart } from './portfolio-section';
import type { TitlePage } from './write-docx';

/** Everything the organisation's document is written from: the card's summary and view, and the portfolio. */
export interface OrganisationDocumentInput {
  organisation: string;
  /** The day it was made, as the reader reads it (e.g. "7 December 2026"). */
  date: string;
  generatedAt: Date;
  /** When the first answer was given (ISO); null when none is stored; undefined when not known. */
  firstAnsweredAt?: string | null;
  summary: OrganisationSummary;
  view: LeaderSummaryView;
  portfolio?: PortfolioPart;
  matrix?: PortfolioMatrixView;
  index: ContentIndex;
}

/** The title page and the body of the organisation's strategy document, section by section. */
export function organisationDocument(input: OrganisationDocumentInput): { title: TitlePage; body: Block[] } {
  const { summary, view, portfolio, index } = input;
  return {
    title: {
      title: 'Our generative-AI strategy',
      subtitle: input.organisation,
      lines: [`Prepared by Strategy Guide on ${input.date}`, ...view.participation],
    },
    body: [
      ...executiveSummary(summary, portfolio),
      ...ambitionSection(view),
      ...portfolioSection(portfolio, input.matrix),
      ...metricsSection(summary, view),
      ...readinessSection(summary, view, index),
      ...gapsSection(summary),
      ...recommendationsSection(view),
      ...methodAppendix({
        index,
        summary,
        view,
        portfolio,
        generatedAt: input.generatedAt,
        firstAnsweredAt: input.firstAnsweredAt,
      }),
    ],
  };
}

/** Stage per section, the three strongest and three weakest considerations, the top use cases. */
function executiveSummary(summary: OrganisationSummary, portfolio: PortfolioPart | undefined): Block[] {
  const rated = summary.readiness
    .flatMap((section) => section.considerations)
    .filter((consideration): consideration is ReadinessFigure & { mean: number } => consideration.mean !== null);
  const byMean = [...rated].sort((a, b) => b.mean - a.mean || a.title.localeCompare(b.title));
  const strongest = byMean.slice(0, 3);
  const weakest = byMean
    .filter((consideration) => !strongest.includes(consideration))
    .reverse()
    .slice(0, 3);
  const line = (consideration: ReadinessFigure) =>
    `${consideration.title}: ${meanText(consideration.mean)} (${consideration.stage})`;
  const useCases = topUseCases(portfolio);
  const k = summary.thresholds.group;
  return [
    heading('Executive summary'),
    heading('Readiness by section', 2),
    table(
      ['Section', 'Mean rating', 'Stage'],
      summary.readiness.map((section) => [section.title, meanText(section.mean), section.stage]),
    ),
    heading('Strongest considerations', 2),
    ...(strongest.length > 0
      ? bullets(strongest.map(line))
      : [note(`Shown once at least ${k} people have rated them.`)]),
    heading('Weakest considerations', 2),
    ...(weakest.length > 0
      ? bullets(weakest.map(line))
      : [note(`Shown once more considerations are rated by at least ${k} people.`)]),
    heading('Top use cases', 2),
    ...(useCases.length > 0
      ? bullets(useCases)
      : [note(`Use cases are named once at least ${k} people have proposed the same idea.`)]),
  ];
}

/** What people want and do not want AI to do (themes, counts, scrubbed examples), what they wrote, what they chose. */
function ambitionSection(view: LeaderSummaryView): Block[] {
  return [
    heading('Our ambition'),
    heading('What we want AI to do', 2),
    ...themes(view.want, view.wantNote),
    heading('What we do not want AI to do', 2),
    ...themes(view.doNotWant, view.doNotWantNote),
    ...view.written.flatMap((register: LeaderRegisterView<ThemeLineView>) => [
      heading(register.title, 2),
      ...themes(register.lines, register.note),
    ]),
    ...view.choices.flatMap((register) => [
      heading(register.title, 2),
      ...(register.lines.length > 0
        ? [
            table(
              ['Option', 'People'],
              register.lines.map((line) => [line.label, line.detail]),
            ),
          ]
        : []),
      note(register.note),
    ]),
  ];
}

/** A register's themes as a table (theme, people) with the example statements the card quotes under each. */
function themes(lines: readonly ThemeLineView[], registerNote: string): Block[] {
  if (lines.length === 0) return [note(registerNote)];
  const quoted = lines.filter((line) => line.quotes.length > 0);
  return [
    table(
      ['Theme', 'People'],
      lines.map((line) => [line.label, line.detail]),
    ),
    note(registerNote),
    ...quoted.flatMap((line) => [
      labelled('In their words', line.label),
      // Two slots may hold the same words (several people wrote them): quoted once.
      ...bullets([...new Set(line.quotes)].map((quote) => `“${quote}”`)),
    ]),
    ...(quoted.length > 0 ? [paragraph('Examples are quoted without names, only for themes of enough people.')] : []),
  ];
}
