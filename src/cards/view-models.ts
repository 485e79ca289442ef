/**
 * What each card shows, fully resolved by the caller (labels looked up, progress formatted).
 * Strings marked "user text" may hold anything a person typed; the renderer shows them only as
 * plain text runs or input values.
 */
import type { NextStepsLink } from '../content/types';

/** A command a card button sends as `{ sg: 'command', command }`; the same words work typed. */
export type CardCommand =
  'start' | 'resume' | 'help' | 'summary' | 'review' | 'my data' | 'export' | 'delete my data' | 'cancel' | 'pulse';

/** The value a rating input submits: "1".."5", or "dk" for "don't know". */
export type RatingValue = '1' | '2' | '3' | '4' | '5' | 'dk';

/** A rating scale with its labels already resolved from the content pack. */
export interface ScaleView {
  /** Labels for 1 to 5. */
  labels: readonly [string, string, string, string, string];
  dontKnowLabel: string;
}

/** One option of a choice input. `value` is a content-pack value (no spaces or commas). */
export interface ChoiceView {
  value: string;
  label: string;
}

/** One labelled value shown as read-only context; `value` is user text. */
export interface LabelledValueView {
  label: string;
  value: string;
}

export interface WelcomeView {
  /** The person's display name (user text); empty for a generic greeting. */
  userName: string;
  hasProgress: boolean;
  /** Questions of their path answered, and how many it has. */
  answeredCount: number;
  totalCount: number;
  /** The path they are on. */
  path: PathChoiceView;
  /** The paths they could switch to. */
  otherPaths: PathChoiceView[];
}

/** A path of the content pack as a person can choose it (typing "start <id>" or with a button). */
export interface PathChoiceView {
  /** The path id (an id of the content pack). */
  id: string;
  label: string;
  /** One line on what it covers. */
  description: string;
  questionCount: number;
  /** How long it takes as the pack states it; absent when it does not. */
  minutes?: number;
}

export interface HelpView {
  /** Shows Resume instead of Start. */
  hasProgress: boolean;
  /** The paths of the questionnaire, when there is more than one to choose from. */
  paths: PathChoiceView[];
}

/** The header every question-like card shares. */
export interface QuestionHeaderView {
  questionId: string;
  /** Opaque; echoed in submit data so the bot can reject stale or forged submits. */
  token: string;
  /** E.g. "Business impact · 3 of 11". */
  progress: string;
  /** The consideration's title. */
  title: string;
  guidance: string;
  text: string;
  hint?: string;
  canGoBack: boolean;
}

export type QuestionInputView =
  | { kind: 'rating'; scale: ScaleView; value?: RatingValue }
  | { kind: 'single'; options: ChoiceView[]; value?: string }
  | { kind: 'multi'; options: ChoiceView[]; values?: string[] }
  /** `value` is user text. */
  | { kind: 'text'; long: boolean; maxLength: number; placeholder?: string; value?: string };

export interface QuestionView extends QuestionHeaderView {
  input: QuestionInputView;
}

/** Offers a "your own" option on a choice field, typed into `field.<id>.own`. */
export interface OwnChoiceView {
  /** Label of the extra option the renderer appends (value "own"), e.g. "My own (type below)". */
  optionLabel: string;
  /** Label of the text input. */
  inputLabel: string;
  maxLength: number;
  /** User text. */
  value?: string;
}

interface RowFieldBase {
  id: string;
  label: string;
  required: boolean;
}

/** An input for a new row; goal, metric, time-frame and row-reference fields are all `choice`. */
export type RowFieldView =
  | (RowFieldBase & { kind: 'text'; long: boolean; maxLength: number; placeholder?: string; value?: string })
  | (RowFieldBase & { kind: 'rating'; scale: ScaleView; value?: RatingValue })
  /** Option labels may be user text (e.g. the user's own use cases). */
  | (RowFieldBase & { kind: 'choice'; options: ChoiceView[]; own?: OwnChoiceView; value?: string })
  /** An on/off switch (a consent field) whose label is its title; it submits "true" or "false". */
  | (RowFieldBase & { kind: 'toggle'; value: boolean });

/** A row already added: its fields as one line, and a line under it (such as the recommended approach). */
export interface RowLineView {
  text: string;
  note?: string;
}

export interface RowsView extends QuestionHeaderView {
  /** Singular noun for one row, e.g. "use case". */
  rowLabel: string;
  /** The rows already added (user text). */
  rows: RowLineView[];
  /** At this many rows the new-row inputs and Add are hidden. */
  maxRows: number;
  /** Which page of a new row this card collects. */
  page: 1 | 2;
  /** On page 2: what was chosen on page 1. */
  context: LabelledValueView[];
  /** The inputs of this page. */
  fields: RowFieldView[];
}

/** A question or rows card once it is answered: updated in place into a one-line record, with Edit. */
export interface AnsweredView {
  questionId: string;
  /** E.g. "Business impact · 8 of 12". */
  progress: string;
  /** The answer on one line, e.g. "4 · To a large extent", "3 use cases" or "skipped"; may be user text. */
  answer: string;
}

/** One answered question; `answerLines` are user text (a rows answer gives one line per row). */
export interface AnswerItemView {
  questionId: string;
  question: string;
  answerLines: string[];
}

export interface ReviewSectionView {
  title: string;
  items: AnswerItemView[];
}

export interface ReviewView {
  sections: ReviewSectionView[];
}

/** One success-metric row; every cell is user text. */
export interface MetricRowView {
  goal: string;
  metric: string;
  baseline: string;
  target: string;
  byWhen: string;
}

export interface ReadinessView {
  section: string;
  /** Mean rating 1–5, or null when nothing in the section was rated. */
  mean: number | null;
  stage: string;
}

/** One of the person's use cases on their summary. */
export interface UseCaseView {
  /** User text. */
  title: string;
  /** The row's other fields as "Label: value" (user text: a goal may be in the person's own words); may be empty. */
  details: string;
  /** Whether they agreed to share it with leaders without their name; absent when the pack does not ask. */
  shared?: boolean;
  /** "Recommended: <approach>" (or an earlier hand-picked one); pack text; absent when they have not answered for it. */
  approach?: string;
}

export interface SummaryView {
  title: string;
  /** Set when the person posts their card in a team channel: their display name (user text); the card has no buttons. */
  sharedBy?: string;
  /** User text. */
  wants: string[];
  /** User text. */
  doNotWants: string[];
  useCases: UseCaseView[];
  metrics: MetricRowView[];
  readiness: ReadinessView[];
  /** At most three are shown. */
  recommendations: string[];
  nextSteps?: NextStepsLink[];
}

export interface MyDataView {
  packId: string;
  packVersion: string;
  /** Already formatted for the reader; empty when nothing is stored. */
  lastUpdated: string;
  answers: AnswerItemView[];
  other: {
    pulseResponses: number;
    pulsesReceived: number;
    /** The digest's frequency, or empty without a subscription. */
    digest: string;
  };
}

export interface ConfirmDeleteView {
  token: string;
  answerCount: number;
}

export interface NoticeView {
  /** Bot text (a TextBlock). */
  title: string;
  /** Shown as a plain text run, so it may quote user text. */
  message: string;
  action?: { title: string; command: CardCommand };
}

export type {
  CountedLineView,
  LeaderGoalView,
  LeaderReadinessView,
  LeaderRegisterView,
  LeaderSummaryView,
  ThemeLineView,
} from './leader-view-models';
