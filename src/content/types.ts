/** The content pack: the questionnaire as data. Mirrors dialogs/content/content-pack.schema.json. */
export interface ContentPack {
  id: string;
  version: string;
  title: string;
  /** Labelled rating scales, referenced by id from rating questions and rating fields. */
  scales: Record<string, RatingScale>;
  /** Readiness stages in ascending order; a section's mean rating maps to the last stage whose minMean it reaches. */
  stages: ReadinessStage[];
  sections: Section[];
  /** Business goals for success metrics, each with suggested metrics. */
  goals: BusinessGoal[];
  /** Choices of time frame for metric targets. */
  timeFrames: ChoiceOption[];
  pulseTemplates: PulseTemplate[];
  limits: TextLimits;
  /** Which questions the ambition & metrics card is built from. */
  summary: SummaryMapping;
  /** Shorter and longer ways through the questionnaire; without it everyone is asked every question. */
  paths?: QuestionPaths;
}

/** Ways through the questionnaire sized to the person, and which one each group starts on. */
export interface QuestionPaths {
  /** The path leaders and employees start on; anyone can choose another (typing "start <path id>"). */
  defaults: { leader: string; employee: string };
  list: QuestionPath[];
}

export interface QuestionPath {
  id: string;
  /** E.g. "Short path". */
  label: string;
  /** One line on what it covers, for the welcome card. */
  description: string;
  /** How long it takes, as the pack's authors estimate it. */
  minutes: number;
  /** The question ids it asks (always in questionnaire order), or every question of the pack. */
  questions: string[] | 'all';
}

export interface SummaryMapping {
  /** Rows question: what people want generative AI to do. */
  want: string;
  /** Rows question: what people do not want it to do. */
  doNotWant: string;
  /** Rows question of success metrics, and which of its fields fill the table's columns. */
  metrics: string;
  metricFields: { goal: string; metric: string; baseline: string; target: string; timeFrame: string };
  /** A link on the summary cards to where the organisation plans its next steps (https only). */
  nextSteps?: NextStepsLink;
}

export interface NextStepsLink {
  title: string;
  url: string;
}

export interface TextLimits {
  shortText: number;
  longText: number;
  maxRows: number;
}

export interface RatingScale {
  /** Exactly five labels, for 1 to 5. */
  labels: [string, string, string, string, string];
  dontKnowLabel: string;
}

export interface ReadinessStage {
  id: string;
  label: string;
  minMean: number;
}

export interface Section {
  id: string;
  title: string;
  intro: string;
  /** Shown in summaries when this section's readiness is among the lowest. */
  recommendation: string;
  considerations: Consideration[];
}

export interface Consideration {
  id: string;
  title: string;
  guidance: string;
  recommendation: string;
  questions: Question[];
}

export interface ChoiceOption {
  value: string;
  label: string;
}

export type Question = RatingQuestion | SingleChoiceQuestion | MultiChoiceQuestion | TextQuestion | RowsQuestion;

interface QuestionBase {
  id: string;
  text: string;
  /** Optional extra line shown under the question. */
  hint?: string;
  /** Counts towards readiness only for rating questions; pulse templates may use any rating or choice question. */
}

export interface RatingQuestion extends QuestionBase {
  kind: 'rating';
  scale: string;
}

export interface SingleChoiceQuestion extends QuestionBase {
  kind: 'single';
  options: ChoiceOption[];
}

export interface MultiChoiceQuestion extends QuestionBase {
  kind: 'multi';
  options: ChoiceOption[];
  /** An option value that excludes every other (such as "none"). */
  exclusive?: string;
}

export interface TextQuestion extends QuestionBase {
  kind: 'text';
  long: boolean;
}

/** Repeatable rows: use cases, ambition statements, metrics, build approaches. */
export interface RowsQuestion extends QuestionBase {
  kind: 'rows';
  /** Singular noun for one row, e.g. "use case". */
  rowLabel: string;
  fields: RowField[];
}

export type RowField = TextField | RatingField | ChoiceField | GoalField | MetricField | RowRefField | TimeFrameField;

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  /** Rows are entered on one card, or two when a later field depends on an earlier one (page 2). */
  page: 1 | 2;
}

export interface TextField extends FieldBase {
  kind: 'text';
  long: boolean;
  placeholder?: string;
}

export interface RatingField extends FieldBase {
  kind: 'rating';
  scale: string;
}

export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: ChoiceOption[];
}

/** A business goal from the pack's goals, or the user's own. */
export interface GoalField extends FieldBase {
  kind: 'goal';
}

/** A metric suggested for the goal chosen in goalField, or the user's own. */
export interface MetricField extends FieldBase {
  kind: 'metric';
  goalField: string;
}

/** Points at one row of another rows question the user answered (e.g. a use case). */
export interface RowRefField extends FieldBase {
  kind: 'rowRef';
  question: string;
  /** The field of the referenced row that names it. */
  titleField: string;
}

export interface TimeFrameField extends FieldBase {
  kind: 'timeFrame';
}

export interface BusinessGoal {
  value: string;
  label: string;
  metrics: ChoiceOption[];
}

export interface PulseTemplate {
  id: string;
  title: string;
  description: string;
  /** Ids of rating or single-choice questions from the sections. */
  questions: string[];
  allowComment: boolean;
}
