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
  /** The guided build-or-buy decision asked per use case; absent in a pack without one. */
  buildDecision?: BuildDecision;
  /** How the portfolio groups use-case titles; absent in a pack without one (titles then compare word by word). */
  portfolio?: PortfolioSettings;
  /** Shorter and longer ways through the questionnaire; without it everyone is asked every question. */
  paths?: QuestionPaths;
}

/** The organisation's vocabulary for grouping use-case titles (src/portfolio/concept-lexicon.ts). */
export interface PortfolioSettings {
  /**
   * Groups of words and short phrases that each name one kind of work ("summarise", "recap", "tl;dr"). Two titles that
   * each name a task are put together only if they share one.
   */
  tasks?: string[][];
  /** Groups of words and short phrases that each name one other concept ("invoice", "bill"). */
  synonyms?: string[][];
}

/**
 * The build-or-buy decision (CAF "define an AI technology strategy"): a rows question's choice fields are the guided
 * questions, and the first rule whose conditions all hold gives the approach stored in its recommendation field.
 */
export interface BuildDecision {
  /** The rows question that asks it: its choice fields listed in `fields` and one recommendation field. */
  question: string;
  /** Ids of the choice fields of that question the rules read. */
  fields: string[];
  approaches: DecisionApproach[];
  /** Tried in order; the first that matches decides. Together they must give every combination of answers an approach. */
  rules: DecisionRule[];
}

export interface DecisionApproach {
  /** Stored on the row and counted as `field:<recommendation field>:<id>`. */
  id: string;
  label: string;
  /** One line on why this approach fits, shown with the recommendation. */
  why: string;
}

export interface DecisionRule {
  /** Field id → the option values that satisfy it; every listed field must hold one of them (an empty `when` always matches). */
  when: Record<string, string[]>;
  approach: string;
  /** Why the rule is there, for whoever edits the pack; never shown. */
  note?: string;
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
  /** Free-text questions the leadership card shows grouped into themes. */
  themes?: SummaryQuestion[];
  /** Single- or multiple-choice questions the leadership card counts option by option. */
  counts?: SummaryQuestion[];
  /** Links on the summary cards to where the organisation plans its next steps (https only): one, or a list. */
  nextSteps?: NextStepsLink | NextStepsLink[];
}

export interface SummaryQuestion {
  question: string;
  title: string;
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

export type RowField =
  | TextField
  | RatingField
  | ChoiceField
  | GoalField
  | MetricField
  | RowRefField
  | TimeFrameField
  | RecommendationField
  | ConsentField;

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

/** Never asked: the bot works it out from the row's answers with the pack's buildDecision when the row is stored. */
export interface RecommendationField {
  id: string;
  kind: 'recommendation';
  label: string;
  required?: undefined;
  page?: undefined;
  /** The options of the choice this field replaced: rows stored with one of them show its label. */
  formerOptions?: ChoiceOption[];
}

/**
 * The person's yes or no to showing the row's words to leaders, without their name (a toggle). A row of a question
 * with a consent field is shared only when the person left it on; see src/domain/row-consent.ts.
 */
export interface ConsentField extends FieldBase {
  kind: 'consent';
  /** Whether the toggle starts on for a new row. */
  defaultOn: boolean;
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
