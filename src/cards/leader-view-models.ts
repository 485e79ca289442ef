import type { NextStepsLink } from '../content/types';
import type { PortfolioMatrixView } from './portfolio-view-models';

/** View models of the leadership ambition & metrics card (src/leadership/leader-summary-view.ts builds them). */

/** One line of a register on the leadership card: bot text (theme, goal and metric labels come from the pack or code). */
export interface CountedLineView {
  label: string;
  /** E.g. "7 people · 9 statements". */
  detail: string;
}

/** A theme on the leadership card: bot text, plus example statements (user text, names already removed). */
export interface ThemeLineView extends CountedLineView {
  quotes: string[];
}

/** A titled register on the leadership card (what people wrote, or how many chose each option) and its note. */
export interface LeaderRegisterView<Line> {
  /** The pack's title for the question. */
  title: string;
  lines: Line[];
  note: string;
}

export interface LeaderGoalView {
  goal: string;
  detail: string;
  metrics: CountedLineView[];
}

export interface LeaderReadinessView {
  section: string;
  /** Mean rating 1–5, or null when too few rated. */
  mean: number | null;
  stage: string;
  /** E.g. "1: 3 · 2: 5 · 3: 9 · 4: 4 · 5: 1 · don't know: 2", or empty. */
  distribution: string;
  /** Readiness per consideration of the section, e.g. "AI vision: 3.4 · Exploring". */
  considerations: string[];
}

/**
 * The leadership ambition & metrics card (organisation or team). Mostly bot and pack text; the example statements
 * (people's words, names removed) and the team's name are user text, which the renderer treats as such.
 */
export interface LeaderSummaryView {
  /** The heading, written by the bot. */
  title: string;
  /** The team's name as Teams gives it (a team owner sets it): user text, shown only in a TextRun. */
  teamName?: string;
  /** Who is counted, e.g. "Organisation-wide · 42 people · 64% finished". */
  participation: string[];
  want: ThemeLineView[];
  wantNote: string;
  doNotWant: ThemeLineView[];
  doNotWantNote: string;
  /** Free-text questions grouped into themes. */
  written: LeaderRegisterView<ThemeLineView>[];
  /** Choice questions counted option by option. */
  choices: LeaderRegisterView<CountedLineView>[];
  goals: LeaderGoalView[];
  goalsNote: string;
  readiness: LeaderReadinessView[];
  /** The digest's change in readiness per area since the last monthly snapshot (see readiness-snapshots.ts). */
  sinceLastTime?: string;
  /** The digest's action plans: open and done per team (no owners' names). */
  actionPlans?: string;
  gaps: string[];
  recommendations: string[];
  /** Offers Plan an action on the recommendations, for this scope (the viewer may plan; the server checks again). */
  planScope?: 'team' | 'organisation';
  nextSteps?: NextStepsLink[];
  /** The use-case portfolio's value/feasibility matrix (the organisation's card). */
  matrix?: PortfolioMatrixView;
  /** How the thresholds were applied. */
  footnote: string;
  canExport: boolean;
}
