import { isOwn } from '../aggregation/contributions';
import { recommendationField } from '../content/build-decision';
import type { ContentIndex } from '../content/content-index';
import type { RowField, RowsQuestion } from '../content/types';
import type { RowValue } from '../domain/answers';

/** Which questions and fields of the pack the portfolio reads; undefined parts are missing from the pack. */
export interface PortfolioQuestions {
  useCases: { id: string; title: string; value?: string; feasibility?: string; consent?: string };
  /** The build decision's rows: which use case each row is about and the approach recommended for it. */
  decision?: { id: string; useCase: string; approach: string };
  /** Success metrics: which use case each is linked to, and its goal and metric (the pack's values). */
  metrics?: { id: string; useCase: string; goal: string; metric: string };
}

/** Value and feasibility are the use-case rows' rating fields with these ids (see dialogs/content/strategy-pack.json). */
const VALUE_FIELD = 'value';
const FEASIBILITY_FIELD = 'feasibility';

/**
 * The portfolio's questions in this pack: the use cases are the rows question that the build decision's (or else the
 * success metrics') use-case reference points at. Undefined when the pack has no such question.
 */
export function portfolioQuestions(index: ContentIndex): PortfolioQuestions | undefined {
  const rows = (id: string | undefined): RowsQuestion | undefined => {
    const question = id === undefined ? undefined : index.find(id)?.question;
    return question?.kind === 'rows' ? question : undefined;
  };
  const decisionQuestion = rows(index.pack.buildDecision?.question);
  const metricsQuestion = rows(index.pack.summary.metrics);
  const refOf = (question: RowsQuestion | undefined) =>
    question?.fields.find((field): field is Extract<RowField, { kind: 'rowRef' }> => field.kind === 'rowRef');
  const ref = refOf(decisionQuestion) ?? refOf(metricsQuestion);
  const useCases = rows(ref?.question);
  if (!ref || !useCases) return undefined;
  const rating = (id: string) =>
    useCases.fields.some((field) => field.id === id && field.kind === 'rating') ? id : undefined;
  const consent = useCases.fields.find((field) => field.kind === 'consent')?.id;
  const decisionRef = refOf(decisionQuestion);
  const approach = decisionQuestion && recommendationField(decisionQuestion);
  const metricsRef = refOf(metricsQuestion);
  const goal = metricsQuestion?.fields.find((field) => field.kind === 'goal');
  const metric = metricsQuestion?.fields.find((field) => field.kind === 'metric');
  return {
    useCases: {
      id: useCases.id,
      title: ref.titleField,
      ...optional('value', rating(VALUE_FIELD)),
      ...optional('feasibility', rating(FEASIBILITY_FIELD)),
      ...optional('consent', consent),
    },
    ...(decisionQuestion && decisionRef?.question === useCases.id && approach
      ? { decision: { id: decisionQuestion.id, useCase: decisionRef.id, approach: approach.id } }
      : {}),
    ...(metricsQuestion && metricsRef?.question === useCases.id && goal && metric
      ? { metrics: { id: metricsQuestion.id, useCase: metricsRef.id, goal: goal.id, metric: metric.id } }
      : {}),
  };
}

/** The ids of the questions a recomputation reads. */
export function portfolioQuestionIds(questions: PortfolioQuestions): string[] {
  return [questions.useCases.id, questions.decision?.id, questions.metrics?.id].filter(
    (id): id is string => id !== undefined,
  );
}

/** The approach recommended on a build-decision row (undefined: none yet, or "not decided"). */
export function approachOf(questions: PortfolioQuestions, row: RowValue): string | undefined {
  const value = questions.decision ? row[questions.decision.approach] : undefined;
  return typeof value === 'string' && value !== '' && value !== UNDECIDED ? value : undefined;
}

/** The `<goal>><metric>` of a metric row, when both are the pack's (a person's own words are never used). */
export function metricOf(questions: PortfolioQuestions, row: RowValue): string | undefined {
  const fields = questions.metrics;
  if (!fields) return undefined;
  const goal = row[fields.goal];
  const metric = row[fields.metric];
  if (typeof goal !== 'string' || typeof metric !== 'string' || goal === '' || metric === '') return undefined;
  if (isOwn(row, fields.goal) || isOwn(row, fields.metric)) return undefined;
  return `${goal}>${metric}`;
}

/** The option of the build approach that the guided decision replaced meaning "not decided yet". */
const UNDECIDED = 'undecided';

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
