import { recommendationField } from '../content/build-decision';
import type { QuestionRef } from '../content/content-index';
import type { ContentPack, RatingScale, RowField, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import { SHARED } from '../domain/row-consent';
import type {
  ChoiceView,
  QuestionHeaderView,
  QuestionInputView,
  QuestionView,
  RatingValue,
  RowFieldView,
  RowLineView,
  RowsView,
  ScaleView,
} from '../cards/view-models';
import { isOwn } from '../aggregation/contributions';
import { OWN_CHOICE_VALUE } from '../cards/question-data';
import { fieldText, recommendationNote, rowText } from './answer-text';

/** Where a question sits, e.g. "Business impact · 3 of 11". */
export function progressOf(ref: QuestionRef): string {
  return `${ref.section.title} · ${ref.indexInSection} of ${ref.sectionTotal}`;
}

/** The header shared by question and rows cards: where the user is and what is asked. */
export function headerView(ref: QuestionRef, token: string, canGoBack: boolean): QuestionHeaderView {
  return {
    questionId: ref.question.id,
    token,
    progress: progressOf(ref),
    title: ref.consideration.title,
    guidance: ref.consideration.guidance,
    text: ref.question.text,
    ...(ref.question.hint ? { hint: ref.question.hint } : {}),
    canGoBack,
  };
}

/** A rating, choice or text question with the user's current answer filled in. */
export function questionView(
  ref: QuestionRef,
  token: string,
  canGoBack: boolean,
  pack: ContentPack,
  answers: AnswerMap,
): QuestionView {
  const { question } = ref;
  const current = answers[question.id];
  let input: QuestionInputView;
  switch (question.kind) {
    case 'rating':
      input = {
        kind: 'rating',
        scale: scaleView(pack, question.scale),
        ...(current?.kind === 'rating' ? { value: ratingValue(current.value) } : {}),
      };
      break;
    case 'single':
      input = {
        kind: 'single',
        options: question.options,
        ...(current?.kind === 'single' ? { value: current.value } : {}),
      };
      break;
    case 'multi':
      input = {
        kind: 'multi',
        options: question.options,
        ...(current?.kind === 'multi' ? { values: current.values } : {}),
      };
      break;
    case 'text':
      input = {
        kind: 'text',
        long: question.long,
        maxLength: question.long ? pack.limits.longText : pack.limits.shortText,
        ...(current?.kind === 'text' ? { value: current.text } : {}),
      };
      break;
    case 'rows':
      throw new Error(`question ${question.id} is a rows question: use rowsView`);
  }
  return { ...headerView(ref, token, canGoBack), input };
}

/** The form of a rows card: which page of a new row, page one's values on page two, and typed values to show again. */
export interface RowForm {
  page: 1 | 2;
  pendingRow?: RowValue;
  draft?: RowValue;
}

/** A repeatable-rows card: the rows so far and the inputs of one page of a new row. */
export function rowsView(
  ref: QuestionRef & { question: RowsQuestion },
  token: string,
  canGoBack: boolean,
  pack: ContentPack,
  answers: AnswerMap,
  form: RowForm,
): RowsView {
  const { question } = ref;
  const { page, pendingRow = {}, draft = {} } = form;
  const current = answers[question.id];
  const rows = current?.kind === 'rows' ? current.rows : [];
  return {
    ...headerView(ref, token, canGoBack),
    rowLabel: question.rowLabel,
    rows: rows.map((row) => rowLine(question, row, pack, answers)),
    maxRows: pack.limits.maxRows,
    page,
    context:
      page === 2
        ? question.fields
            .filter((field) => field.page === 1)
            .flatMap((field) => {
              const value = fieldText(field, pendingRow, pack, answers);
              return value === undefined ? [] : [{ label: field.label, value }];
            })
        : [],
    fields: question.fields
      .filter((field) => field.page === page)
      .flatMap((field) => fieldView(field, pack, answers, pendingRow))
      .map((view) => withDraft(view, draft)),
  };
}

/** A row's fields on one line; a recommended approach goes on the line under it, with why it fits. */
function rowLine(question: RowsQuestion, row: RowValue, pack: ContentPack, answers: AnswerMap): RowLineView {
  const recommendation = recommendationField(question);
  const fields = question.fields.filter((field) => field !== recommendation);
  const note = recommendation && recommendationNote(pack, recommendation, row);
  return { text: rowText(fields, row, pack, answers), ...(note ? { note } : {}) };
}

/** The field with what the person typed into it before, so a card shown again keeps it. */
function withDraft(view: RowFieldView, draft: RowValue): RowFieldView {
  const value = draft[view.id];
  if (value === undefined || (value === null && view.kind !== 'rating')) return view;
  switch (view.kind) {
    case 'text':
      return { ...view, value: String(value) };
    case 'rating':
      return { ...view, value: ratingValue(typeof value === 'number' ? value : null) };
    case 'choice':
      return isOwn(draft, view.id) && view.own
        ? { ...view, value: OWN_CHOICE_VALUE, own: { ...view.own, value: String(value) } }
        : { ...view, value: String(value) };
    case 'toggle':
      // A toggle turned off stays off when the card comes back, so a row is never shared by a second press.
      return { ...view, value: value === SHARED };
  }
}

function fieldView(field: RowField, pack: ContentPack, answers: AnswerMap, pendingRow: RowValue): RowFieldView[] {
  // Worked out when the row is stored, never typed.
  if (field.kind === 'recommendation') return [];
  const base = { id: field.id, label: field.label, required: field.required };
  const own = (noun: string) => ({
    optionLabel: `Something else (type it below)`,
    inputLabel: `Your own ${noun}`,
    maxLength: pack.limits.shortText,
  });
  switch (field.kind) {
    case 'text':
      return [
        {
          ...base,
          kind: 'text',
          long: field.long,
          maxLength: field.long ? pack.limits.longText : pack.limits.shortText,
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        },
      ];
    case 'rating':
      return [{ ...base, kind: 'rating', scale: scaleView(pack, field.scale) }];
    case 'choice':
      return [{ ...base, kind: 'choice', options: field.options }];
    case 'timeFrame':
      return [{ ...base, kind: 'choice', options: pack.timeFrames }];
    case 'goal':
      return [
        {
          ...base,
          kind: 'choice',
          options: pack.goals.map(({ value, label }) => ({ value, label })),
          own: own('goal'),
        },
      ];
    case 'metric': {
      const goal = pack.goals.find((candidate) => candidate.value === pendingRow[field.goalField]);
      return [{ ...base, kind: 'choice', options: goal?.metrics ?? [], own: own('metric') }];
    }
    case 'consent':
      return [{ ...base, kind: 'toggle', value: field.defaultOn }];
    case 'rowRef': {
      const target = answers[field.question];
      const options: ChoiceView[] =
        target?.kind === 'rows'
          ? target.rows.map((row) => ({ value: String(row.rowId), label: String(row[field.titleField] ?? '') }))
          : [];
      // Nothing to point at yet: leave the field out rather than show an empty list.
      return options.length > 0 ? [{ ...base, kind: 'choice', options }] : [];
    }
  }
}

function scaleView(pack: ContentPack, scaleId: string): ScaleView {
  const scale: RatingScale | undefined = pack.scales[scaleId];
  if (!scale) throw new Error(`unknown scale ${scaleId}`);
  return { labels: scale.labels, dontKnowLabel: scale.dontKnowLabel };
}

function ratingValue(value: number | null): RatingValue {
  return value === null ? 'dk' : (String(value) as RatingValue);
}
