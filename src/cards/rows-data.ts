import { OWN_CHOICE_VALUE, headerData, optionsData, ratingValue, scaleData, textInputData } from './question-data';
import {
  CardDataError,
  optionalLine,
  safeBool,
  safeChoiceValue,
  safeId,
  safeInt,
  safeList,
  safeObject,
  safeLine,
} from './safe-text';

const LIMITS = {
  rowLabel: 60,
  rowSummary: 300,
  rowNote: 300,
  contextLabel: 200,
  contextValue: 300,
  fieldLabel: 200,
  ownLabel: 200,
};
const MAX_ROWS = 50;
const MAX_FIELDS = 12;

const EMPTY_FIELD = {
  isText: false,
  isRating: false,
  isChoice: false,
  isToggle: false,
  toggleValue: 'false',
  long: false,
  maxLength: 1,
  placeholder: '',
  value: '',
  scale: [],
  dontKnowLabel: '',
  options: [],
  hasOwn: false,
  ownLabel: '',
  ownMaxLength: 1,
  ownValue: '',
};

/** Template data of the rows card. */
export function rowsData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const maxRows = safeInt(view.maxRows, 'maxRows', 1, MAX_ROWS);
  const rows = safeList(view.rows, 'rows', MAX_ROWS, (raw, path, index) => {
    const row = safeObject(raw, path);
    const note = optionalLine(row.note, `${path}.note`, LIMITS.rowNote);
    return {
      index,
      number: index + 1,
      summary: safeLine(row.text, `${path}.text`, LIMITS.rowSummary),
      note,
      hasNote: note !== '',
    };
  });
  const rowsFull = rows.length >= maxRows;
  const page = safeInt(view.page, 'page', 1, 2);
  const fields = safeList(view.fields, 'fields', MAX_FIELDS, fieldData);
  const ids = fields.flatMap((field) => [field.id, `${field.id}.own`]);
  if (new Set(ids).size !== ids.length) throw new CardDataError('fields', 'fields with unique ids');
  return {
    ...headerData(view),
    rowLabel: safeLine(view.rowLabel, 'rowLabel', LIMITS.rowLabel),
    rows,
    hasRows: rows.length > 0,
    rowCount: rows.length,
    maxRows,
    rowsFull,
    showForm: !rowsFull,
    page,
    isPage2: page === 2,
    context: safeList(view.context, 'context', MAX_FIELDS, (item, path) => {
      const entry = safeObject(item, path);
      return {
        label: safeLine(entry.label, `${path}.label`, LIMITS.contextLabel),
        value: safeLine(entry.value, `${path}.value`, LIMITS.contextValue),
      };
    }),
    fields,
  };
}

function fieldData(raw: unknown, path: string): Record<string, unknown> & { id: string } {
  const field = safeObject(raw, path);
  const required = safeBool(field.required, `${path}.required`);
  const label = safeLine(field.label, `${path}.label`, LIMITS.fieldLabel);
  // Required fields are checked by the bot, not the client (so Done works on an empty form); the label says which.
  const base = { ...EMPTY_FIELD, id: safeId(field.id, `${path}.id`), label: required ? label : `${label} (optional)` };
  switch (field.kind) {
    case 'text':
      return { ...base, isText: true, ...textInputData(field, path) };
    case 'rating':
      return {
        ...base,
        isRating: true,
        ...scaleData(field.scale, `${path}.scale`),
        value: ratingValue(field.value, `${path}.value`),
      };
    case 'choice':
      return { ...base, isChoice: true, ...choiceData(field, path) };
    case 'toggle':
      // A switch is on or off, so "(optional)" would only blur its label.
      return { ...base, label, isToggle: true, toggleValue: String(safeBool(field.value, `${path}.value`)) };
    default:
      throw new CardDataError(`${path}.kind`, 'text, rating, choice or toggle');
  }
}

function choiceData(field: Record<string, unknown>, path: string): Record<string, unknown> {
  const options = optionsData(field.options, `${path}.options`);
  const value = field.value === undefined ? '' : safeChoiceValue(field.value, `${path}.value`);
  if (field.own === undefined) return { options, value };
  if (options.some((option) => option.value === OWN_CHOICE_VALUE))
    throw new CardDataError(`${path}.options`, `free of the reserved value "${OWN_CHOICE_VALUE}"`);
  const own = safeObject(field.own, `${path}.own`);
  const ownMaxLength = safeInt(own.maxLength, `${path}.own.maxLength`, 1, 1000);
  return {
    options: [
      ...options,
      { value: OWN_CHOICE_VALUE, label: safeLine(own.optionLabel, `${path}.own.optionLabel`, LIMITS.ownLabel) },
    ],
    value,
    hasOwn: true,
    ownLabel: safeLine(own.inputLabel, `${path}.own.inputLabel`, LIMITS.ownLabel),
    ownMaxLength,
    ownValue: optionalLine(own.value, `${path}.own.value`, ownMaxLength),
  };
}
