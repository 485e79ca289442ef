import type {
  ChoiceOption,
  ContentPack,
  DecisionApproach,
  Question,
  RecommendationField,
  RowField,
} from '../content/types';
import type { AnswerMap, AnswerValue, RowValue } from '../domain/answers';
import { isOwn } from '../aggregation/contributions';
import { rowShared } from '../domain/row-consent';
import { sharingText } from '../cards/sharing-text';

/** An answer as lines a person can read: labels looked up, one line per row. */
export function answerLines(question: Question, value: AnswerValue, pack: ContentPack, answers: AnswerMap): string[] {
  switch (value.kind) {
    case 'rating':
      return [ratingText(pack, question.kind === 'rating' ? question.scale : '', value.value)];
    case 'single':
      return [optionLabel(question, value.value)];
    case 'multi':
      return [value.values.map((option) => optionLabel(question, option)).join(', ')];
    case 'text':
      return [value.text];
    case 'rows':
      return question.kind === 'rows' ? value.rows.map((row) => rowText(question.fields, row, pack, answers)) : [];
  }
}

/** One row as "Label: value · Label: value", skipping empty fields; whether it is shared says so without its label. */
export function rowText(fields: RowField[], row: RowValue, pack: ContentPack, answers: AnswerMap): string {
  return fields
    .map((field) => {
      const text = fieldText(field, row, pack, answers);
      if (text === undefined) return undefined;
      return fields.length === 1 || field.kind === 'consent' ? text : `${field.label}: ${text}`;
    })
    .filter((part): part is string => part !== undefined)
    .join(' · ');
}

/** A single field of a row as text, or undefined when empty. */
export function fieldText(field: RowField, row: RowValue, pack: ContentPack, answers: AnswerMap): string | undefined {
  // Said even for a row stored before the question asked: the person sees that it is not shared.
  if (field.kind === 'consent') return sharingText(rowShared([field], row) === true);
  const value = row[field.id];
  if (value === undefined || value === '') return undefined;
  if (isOwn(row, field.id)) return String(value);
  switch (field.kind) {
    case 'text':
      return String(value);
    case 'rating':
      return ratingText(pack, field.scale, typeof value === 'number' ? value : null);
    case 'choice':
      return field.options.find((option) => option.value === value)?.label ?? String(value);
    case 'timeFrame':
      return pack.timeFrames.find((option) => option.value === value)?.label ?? String(value);
    case 'goal':
      return pack.goals.find((goal) => goal.value === value)?.label ?? String(value);
    case 'metric': {
      const goal = pack.goals.find((candidate) => candidate.value === row[field.goalField]);
      return goal?.metrics.find((metric) => metric.value === value)?.label ?? String(value);
    }
    case 'rowRef': {
      const target = answers[field.question];
      const referenced =
        target?.kind === 'rows' ? target.rows.find((candidate) => candidate.rowId === value) : undefined;
      return referenced ? String(referenced[field.titleField] ?? '') : '(removed)';
    }
    case 'recommendation': {
      const former = formerOption(field, value);
      return approachOf(pack, value)?.label ?? (former ? `${former.label} (your earlier choice)` : String(value));
    }
  }
}

/**
 * The line under a row with a recommended approach: the approach and why it fits, or, for a row stored before the
 * guided questions, the approach the person chose then. Undefined when the row holds none.
 */
export function recommendationNote(pack: ContentPack, field: RecommendationField, row: RowValue): string | undefined {
  const value = row[field.id];
  if (value === undefined || value === null || value === '') return undefined;
  const approach = approachOf(pack, value);
  if (approach) return `Recommended: ${approach.label} — ${approach.why}`;
  const former = formerOption(field, value);
  return former ? `Your earlier choice: ${former.label}` : `${field.label}: ${String(value)}`;
}

function approachOf(pack: ContentPack, value: string | number | null): DecisionApproach | undefined {
  return pack.buildDecision?.approaches.find((approach) => approach.id === value);
}

/** One of the choices the field replaced: rows stored before the guided questions hold one. */
function formerOption(field: RecommendationField, value: string | number | null): ChoiceOption | undefined {
  return field.formerOptions?.find((option) => option.value === value);
}

function ratingText(pack: ContentPack, scaleId: string, rating: number | null): string {
  const scale = pack.scales[scaleId];
  if (rating === null) return scale?.dontKnowLabel ?? "Don't know";
  const label = scale?.labels[rating - 1];
  return label ? `${rating} – ${label}` : `${rating} of 5`;
}

function optionLabel(question: Question, value: string): string {
  const options = question.kind === 'single' || question.kind === 'multi' ? question.options : [];
  return options.find((option) => option.value === value)?.label ?? value;
}
