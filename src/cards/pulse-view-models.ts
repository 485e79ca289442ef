import type { ActionLineView } from './action-view-models';

/**
 * What the pulse cards show, resolved by the caller. Question texts and labels come from the content pack; comments
 * are user text and are shown only as plain text runs.
 */

export interface PulseChoiceView {
  value: string;
  label: string;
}

export interface PulseSetupView {
  /** "team" or "group chat". */
  placeKind: string;
  /** The zone the deadline's day and time are read in, e.g. "Berlin time" or "UTC". */
  timeZoneLabel: string;
  templates: { id: string; title: string; description: string }[];
  /** Questions a sender may pick (rating and single-choice questions of the pack). */
  bank: { id: string; label: string }[];
  minQuestions: number;
  maxQuestions: number;
  /** Echoed by the submit; makes a double click or a redelivery start one pulse, not two. */
  token: string;
  minThreshold: number;
  /** Values shown (the defaults, or what the sender typed when the card comes back with an error). */
  values: {
    templateId: string;
    questionIds: string[];
    deadlineDate: string;
    deadlineTime: string;
    threshold: number;
    reminder: string;
    /** One of REPEATS (pulse-series.ts). */
    repeat: string;
  };
  error?: string;
}

export interface PulseResponseView {
  pulseId: string;
  token: string;
  title: string;
  /** Already formatted, e.g. "Wed 9 Dec, 17:00 Berlin time". */
  deadline: string;
  threshold: number;
  commentThreshold: number;
  questions: { id: string; text: string; choices: PulseChoiceView[] }[];
  allowComment: boolean;
  commentMaxLength: number;
  isReminder: boolean;
}

export interface PulseChannelView {
  pulseId: string;
  title: string;
  isOpen: boolean;
  /** Never sent: too few people for its threshold when it was about to go out. */
  isCancelled: boolean;
  responses: number;
  recipients: number;
  deadline: string;
  questionCount: number;
  threshold: number;
}

export interface PulseResultsView {
  title: string;
  responses: number;
  reached: number;
  /** Sends that failed for good (the app not installed for someone, a blocked bot, a member who left). */
  unreachable: number;
  /** 0–1, or null when nobody was reached. */
  responseRate: number | null;
  threshold: number;
  commentThreshold: number;
  /** Null below the threshold: only the count is shown. */
  questions: PulseQuestionResultView[] | null;
  /** Null below the comment threshold or when the pulse had no comment field; user text. */
  comments: string[] | null;
  allowComment: boolean;
  /** Run again and, for a recurring pulse, Stop the series and the comparison with earlier runs. */
  series?: PulseSeriesView;
  /** The actions planned from this pulse (what, due, status, the owner's name as the team knows it). */
  actions?: ActionLineView[];
}

/** A results card's series part. Every figure in it comes from runs that met their threshold. */
export interface PulseSeriesView {
  pulseId: string;
  /** "Every week" while the series runs; null for a one-off pulse or a stopped series (no Stop button). */
  repeatLabel: string | null;
  /** Per question (the order of `questions`), the change of the mean since the previous run; null when not comparable. */
  changes: (number | null)[] | null;
  /** Shown when the audience changed a lot since the previous run. */
  caution: string | null;
  /** Means over the last runs, one line per rating question (empty: no chart). */
  lines: PulseTrendLine[];
}

export interface PulseTrendLine {
  legend: string;
  /** `x` is the run's day ("7 Dec"), `y` its mean (1–5). */
  points: { x: string; y: number }[];
}

export interface PulseQuestionResultView {
  questionId: string;
  text: string;
  kind: 'rating' | 'single';
  answered: number;
  dontKnow: number;
  mean: number | null;
  favourable: number | null;
  bars: { label: string; count: number }[];
}
