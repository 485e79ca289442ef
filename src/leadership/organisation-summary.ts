import { total, type Counters } from '../aggregation/contributions';
import type { QuoteSlots } from '../aggregation/quotes';
import type { ContentIndex } from '../content/content-index';
import { nextStepsLinks } from '../content/next-steps';
import type { NextStepsLink } from '../content/types';
import { choiceRegister, type ChoiceRegister } from './choice-register';
import { goalFigures, type GoalFigure } from './metric-register';
import { participation, type ParticipationFigures } from './participation';
import {
  gapFigures,
  recommendations,
  sectionFigures,
  type GapFigure,
  type Recommendation,
  type SectionFigure,
} from './readiness-figures';
import { themeRegister, type ThemeRegister } from './theme-register';
import type { Thresholds } from './thresholds';

export type { ChoiceFigure, ChoiceRegister } from './choice-register';
export type { GoalFigure, MetricFigure, Spread } from './metric-register';
export type { ParticipationFigures } from './participation';
export type { GapFigure, RatingBand, ReadinessFigure, SectionFigure } from './readiness-figures';
export type { ThemeFigure, ThemeRegister } from './theme-register';

/** Counters per question id, as read from the aggregates (missing questions are empty). */
export type CountersByQuestion = ReadonlyMap<string, Counters>;

export interface OrganisationSummary {
  thresholds: Thresholds;
  participation: ParticipationFigures;
  want: ThemeRegister;
  doNotWant: ThemeRegister;
  /** The free-text questions the pack lists under `summary.themes`, each grouped into themes. */
  written: Titled<ThemeRegister>[];
  /** The choice questions the pack lists under `summary.counts` (e.g. awareness initiatives), option by option. */
  choices: Titled<ChoiceRegister>[];
  goals: GoalFigure[];
  readiness: SectionFigure[];
  gaps: GapFigure[];
  recommendations: Recommendation[];
  /** The pack's links to where the organisation plans its next steps (none: absent). */
  nextSteps?: NextStepsLink[];
}

/** A register with the question it is about and the pack's title for it. */
export type Titled<T> = T & { questionId: string; title: string };

/**
 * The organisation (or team) summary, from aggregate counters only. Every figure obeys the thresholds: what fewer
 * people than `thresholds.group` stand behind is left out, merged (null) or never shown as a small number, and no
 * figure is a total from which the parts shown leave a small group (docs/anonymity.md).
 */
export function organisationSummary(
  index: ContentIndex,
  counters: CountersByQuestion,
  thresholds: Thresholds,
  quotes: ReadonlyMap<string, QuoteSlots> = new Map(),
): OrganisationSummary {
  const of = (questionId: string): Counters => counters.get(questionId) ?? {};
  const quotesOf = (questionId: string): QuoteSlots => quotes.get(questionId) ?? {};
  const { summary } = index.pack;
  const nextSteps = nextStepsLinks(summary);
  const readiness = sectionFigures(index, of, thresholds);
  const people = peopleOf(index, of);
  const register = (questionId: string) =>
    themeRegister(index.find(questionId)?.question, of(questionId), quotesOf(questionId), people, thresholds);
  return {
    thresholds,
    participation: participation(index, of, thresholds),
    want: register(summary.want),
    doNotWant: register(summary.doNotWant),
    written: (summary.themes ?? []).map(({ question, title }) => ({
      questionId: question,
      title,
      ...register(question),
    })),
    choices: (summary.counts ?? []).map(({ question, title }) => ({
      questionId: question,
      title,
      ...choiceRegister(index.find(question)?.question, of(question), people, thresholds),
    })),
    goals: goalFigures(index, of(summary.metrics), summary.metrics, thresholds),
    readiness,
    gaps: gapFigures(index, of, thresholds),
    recommendations: recommendations(index, of, readiness, thresholds),
    ...(nextSteps.length > 0 ? { nextSteps } : {}),
  };
}

/** The question ids a summary reads: every question of the pack (one point read each). */
export function summaryQuestionIds(index: ContentIndex): string[] {
  return index.allQuestions().map(({ question }) => question.id);
}

/** People who answered anything (the participation counters, summed over the questions a summary reads anyway). */
function peopleOf(index: ContentIndex, of: (questionId: string) => Counters): number {
  return index.allQuestions().reduce((acc, { question }) => acc + total(of(question.id), 'people'), 0);
}
