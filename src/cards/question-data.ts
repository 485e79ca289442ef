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
  safeText,
} from './safe-text';

/** Hard limits (code points) that keep a question card far below the size limit. */
const LIMITS = {
  progress: 200,
  title: 200,
  guidance: 1500,
  text: 1000,
  hint: 500,
  label: 200,
  placeholder: 200,
  maxLength: 10000,
  answer: 200,
};
const MAX_OPTIONS = 50;
const RATING_VALUES = ['1', '2', '3', '4', '5', 'dk'];

/** The value of the extra option a choice field gets when it allows the user's own entry. */
export const OWN_CHOICE_VALUE = 'own';

/** Template data shared by the question and rows cards. */
export function headerData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const hint = optionalLine(view.hint, 'hint', LIMITS.hint);
  return {
    questionId: safeId(view.questionId, 'questionId'),
    token: safeId(view.token, 'token'),
    progress: safeLine(view.progress, 'progress', LIMITS.progress),
    title: safeLine(view.title, 'title', LIMITS.title),
    guidance: safeText(view.guidance, 'guidance', LIMITS.guidance),
    text: safeText(view.text, 'text', LIMITS.text),
    hint,
    showHint: hint !== '',
    canGoBack: safeBool(view.canGoBack, 'canGoBack'),
  };
}

/** Template data of an answered card: where the question was, the answer on one line (user text), and Edit. */
export function answeredData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  return {
    questionId: safeId(view.questionId, 'questionId'),
    progress: safeLine(view.progress, 'progress', LIMITS.progress),
    answer: safeLine(view.answer, 'answer', LIMITS.answer),
  };
}

/** Options of a choice input. */
export function optionsData(raw: unknown, path: string): { value: string; label: string }[] {
  return safeList(raw, path, MAX_OPTIONS, (item, itemPath) => {
    const option = safeObject(item, itemPath);
    return {
      value: safeChoiceValue(option.value, `${itemPath}.value`),
      label: safeLine(option.label, `${itemPath}.label`, LIMITS.label),
    };
  });
}

/** The five numbered labels of a rating scale plus its "don't know" label. */
export function scaleData(
  raw: unknown,
  path: string,
): { scale: { value: string; label: string }[]; dontKnowLabel: string } {
  const view = safeObject(raw, path);
  const labels = safeList(view.labels, `${path}.labels`, 5, (label, labelPath) =>
    safeLine(label, labelPath, LIMITS.label),
  );
  if (labels.length !== 5) throw new CardDataError(`${path}.labels`, 'five labels');
  return {
    scale: labels.map((label, index) => ({ value: String(index + 1), label })),
    dontKnowLabel: safeLine(view.dontKnowLabel, `${path}.dontKnowLabel`, LIMITS.label),
  };
}

/** A rating answer to prefill, or empty. */
export function ratingValue(raw: unknown, path: string): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string' || !RATING_VALUES.includes(raw)) throw new CardDataError(path, 'one of 1-5 or dk');
  return raw;
}

/** Data of a text input: limits and prefill (cut to the input's own maximum). */
export function textInputData(view: Record<string, unknown>, path: string): Record<string, unknown> {
  const maxLength = safeInt(view.maxLength, `${path}.maxLength`, 1, LIMITS.maxLength);
  return {
    long: safeBool(view.long, `${path}.long`),
    maxLength,
    placeholder: optionalLine(view.placeholder, `${path}.placeholder`, LIMITS.placeholder),
    value: view.value === undefined ? '' : safeText(view.value, `${path}.value`, maxLength),
  };
}

const EMPTY_INPUT = {
  scale: [],
  dontKnowLabel: '',
  options: [],
  long: false,
  maxLength: 1,
  placeholder: '',
  value: '',
};

/** Template data of the question card's `answer` input. */
export function answerInputData(raw: unknown): Record<string, unknown> {
  const input = safeObject(raw, 'input');
  const flags = { isRating: false, isSingle: false, isMulti: false, isText: false };
  switch (input.kind) {
    case 'rating':
      return {
        ...EMPTY_INPUT,
        ...flags,
        isRating: true,
        ...scaleData(input.scale, 'input.scale'),
        value: ratingValue(input.value, 'input.value'),
      };
    case 'single':
      return {
        ...EMPTY_INPUT,
        ...flags,
        isSingle: true,
        options: optionsData(input.options, 'input.options'),
        value: singleValue(input.value),
      };
    case 'multi':
      return {
        ...EMPTY_INPUT,
        ...flags,
        isMulti: true,
        options: optionsData(input.options, 'input.options'),
        value: multiValue(input.values),
      };
    case 'text':
      return { ...EMPTY_INPUT, ...flags, isText: true, ...textInputData(input, 'input') };
    default:
      throw new CardDataError('input.kind', 'rating, single, multi or text');
  }
}

function singleValue(raw: unknown): string {
  return raw === undefined ? '' : safeChoiceValue(raw, 'input.value');
}

function multiValue(raw: unknown): string {
  if (raw === undefined) return '';
  return safeList(raw, 'input.values', MAX_OPTIONS, (value, path) => safeChoiceValue(value, path)).join(',');
}
