import { recommend, recommendationField } from '../content/build-decision';
import type { ContentPack, RowsQuestion } from '../content/types';
import type { RowValue } from '../domain/answers';

/**
 * A new row as it is stored: when its question has a recommendation field, with the approach the pack's build
 * decision gives for the row's answers. Whatever the row held in that field before is dropped, never trusted.
 */
export function withRecommendation(pack: ContentPack, question: RowsQuestion, row: RowValue): RowValue {
  const field = recommendationField(question);
  if (field === undefined) return row;
  const answers = Object.fromEntries(Object.entries(row).filter(([key]) => key !== field.id));
  const recommendation = recommend(pack, answers);
  return recommendation === undefined ? answers : { ...answers, [field.id]: recommendation.approach };
}
