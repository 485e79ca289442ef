import type { ContentIndex } from '../content/content-index';
import type { ContentPack, RowsQuestion } from '../content/types';
import type { AnswerMap } from '../domain/answers';
import { rowShared } from '../domain/row-consent';
import type { UseCaseView } from '../cards/view-models';
import { rowText } from './answer-text';

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
  return value.rows.map((row) => {
    const shared = rowShared(question.fields, row);
    return {
      title: String(row[titleField] ?? ''),
      details: rowText(detailFields, row, pack, answers),
      ...(shared === undefined ? {} : { shared }),
    };
  });
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
