import type { ContentIndex } from '../content/content-index';
import type { ContentPack, RowsQuestion } from '../content/types';
import type { AnswerMap } from '../domain/answers';
import { rowShared } from '../domain/row-consent';
import type { UseCaseView } from '../cards/view-models';
import { rowText } from './answer-text';
import { recommendationField } from '../content/build-decision';

/**
 * The person's use cases for their summary: the rows of the question that success metrics point at (the default
 * pack's `uc-use-cases`), each with its title, its other fields as text and whether it is shared with leaders.
 */
export function useCaseViews(index: ContentIndex, pack: ContentPack, answers: AnswerMap): UseCaseView[] {
  const source = useCaseSource(index, pack);
  if (!source) return [];
  const { question, titleField } = source;
  const value = answers[question.id];
  if (value?.kind !== 'rows') return [];
  const detailFields = question.fields.filter((field) => field.id !== titleField && field.kind !== 'consent');
  const approachOf = approachesByUseCase(index, pack, answers, question.id);
  return value.rows.map((row) => {
    const shared = rowShared(question.fields, row);
    const approach = approachOf.get(String(row.rowId));
    return {
      title: String(row[titleField] ?? ''),
      details: rowText(detailFields, row, pack, answers),
      ...(shared === undefined ? {} : { shared }),
      ...(approach === undefined ? {} : { approach }),
    };
  });
}

/**
 * The approach the build decision recommended for each use case (by its row id), as a line: from the person's rows
 * of the pack's buildDecision question that point at the use case. Several rows for one use case: the first.
 */
function approachesByUseCase(
  index: ContentIndex,
  pack: ContentPack,
  answers: AnswerMap,
  useCaseQuestionId: string,
): Map<string, string> {
  const approaches = new Map<string, string>();
  const decision = pack.buildDecision;
  const question = decision ? index.find(decision.question)?.question : undefined;
  const value = question ? answers[question.id] : undefined;
  if (!decision || question?.kind !== 'rows' || value?.kind !== 'rows') return approaches;
  const link = question.fields.find((field) => field.kind === 'rowRef' && field.question === useCaseQuestionId);
  const field = recommendationField(question);
  if (!link || !field) return approaches;
  // An approach picked by hand before the guided questions is shown as the person's choice, not as a recommendation.
  const labels = new Map<string, string>([
    ...(field.formerOptions ?? []).map((option): [string, string] => [
      option.value,
      `Your earlier choice: ${option.label}`,
    ]),
    ...decision.approaches.map((approach): [string, string] => [approach.id, `Recommended: ${approach.label}`]),
  ]);
  for (const row of value.rows) {
    const useCase = row[link.id];
    const label = labels.get(String(row[field.id]));
    if (useCase !== undefined && label !== undefined && !approaches.has(String(useCase)))
      approaches.set(String(useCase), label);
  }
  return approaches;
}

/** The rows question a metrics row can point at, and the field that names its rows; none when metrics point nowhere. */
function useCaseSource(
  index: ContentIndex,
  pack: ContentPack,
): { question: RowsQuestion; titleField: string } | undefined {
  const metrics = index.find(pack.summary.metrics)?.question;
  const link = metrics?.kind === 'rows' ? metrics.fields.find((field) => field.kind === 'rowRef') : undefined;
  if (link?.kind !== 'rowRef') return undefined;
  const question = index.find(link.question)?.question;
  return question?.kind === 'rows' ? { question, titleField: link.titleField } : undefined;
}
