import type {
  BuildDecision,
  ChoiceField,
  ContentPack,
  DecisionRule,
  RecommendationField,
  RowField,
  RowsQuestion,
} from './types';

/** The approach the build decision gives for a row's answers, with its label and one-line why. */
export interface Recommendation {
  approach: string;
  label: string;
  why: string;
}

/** Answers to the guided questions by field id; anything but one of a field's option values counts as unanswered. */
export type DecisionAnswers = Readonly<Record<string, unknown>>;

/** The first rule whose every condition holds, if any. */
export function firstMatchingRule(decision: BuildDecision, answers: DecisionAnswers): DecisionRule | undefined {
  return decision.rules.find((rule) =>
    Object.entries(rule.when).every(([fieldId, values]) => {
      const answer = Object.hasOwn(answers, fieldId) ? answers[fieldId] : undefined;
      return typeof answer === 'string' && values.includes(answer);
    }),
  );
}

/**
 * The recommended approach for these answers: deterministic, from the pack's build decision alone. Undefined when the
 * pack has no build decision (a checked pack's rules give every combination of answers an approach).
 */
export function recommend(pack: ContentPack, answers: DecisionAnswers): Recommendation | undefined {
  const decision = pack.buildDecision;
  if (decision === undefined) return undefined;
  const rule = firstMatchingRule(decision, answers);
  const approach = decision.approaches.find((candidate) => candidate.id === rule?.approach);
  return approach === undefined ? undefined : { approach: approach.id, label: approach.label, why: approach.why };
}

/** The field of a rows question that holds the recommended approach, if it has one. */
export function recommendationField(question: RowsQuestion): RecommendationField | undefined {
  return question.fields.find((field: RowField): field is RecommendationField => field.kind === 'recommendation');
}

/** The guided questions of the pack's build decision (its choice fields, in the pack's order); none without one. */
export function decisionQuestions(pack: ContentPack): ChoiceField[] {
  const decision = pack.buildDecision;
  if (decision === undefined) return [];
  const question = pack.sections
    .flatMap((section) => section.considerations.flatMap((consideration) => consideration.questions))
    .find((candidate) => candidate.id === decision.question);
  if (question?.kind !== 'rows') return [];
  return question.fields.filter(
    (field: RowField): field is ChoiceField => field.kind === 'choice' && decision.fields.includes(field.id),
  );
}
