import { total, type Counters } from '../aggregation/contributions';
import type { Question } from '../content/types';
import { isSafe, shownParts } from './disclosure';
import { effectiveGroup, reaches, type Thresholds } from './thresholds';

export interface ChoiceFigure {
  value: string;
  label: string;
  /** People who chose the option. */
  people: number;
}

/** How many people chose each option of a single- or multiple-choice question (e.g. awareness initiatives). */
export interface ChoiceRegister {
  /** False when fewer people than the threshold answered the question: then nothing else is shown. */
  enough: boolean;
  /** People who answered the question; null when those who did not (people minus this) would be a small group. */
  respondents: number | null;
  /** Options that may be shown, most people first. */
  options: ChoiceFigure[];
  /** Options chosen by someone but left out, to keep small groups anonymous. */
  hiddenOptions: number;
}

/**
 * The options' counts (`counts:<value>`). A single choice splits the respondents, so its parts follow the rest rule
 * (`shownParts`); an option of a multiple choice is a yes/no split of its own, so it is shown only when both those who
 * chose it and those who did not are none or at least k.
 */
export function choiceRegister(
  question: Question | undefined,
  counters: Counters,
  people: number,
  thresholds: Thresholds,
): ChoiceRegister {
  const k = effectiveGroup(thresholds);
  const respondents = total(counters, 'n');
  if (!reaches(respondents, thresholds) || (question?.kind !== 'single' && question?.kind !== 'multi'))
    return { enough: false, respondents: null, options: [], hiddenOptions: 0 };
  const chosen = question.options
    .map((option) => ({ value: option.value, label: option.label, people: total(counters, `counts:${option.value}`) }))
    .filter((option) => option.people > 0)
    .sort((a, b) => b.people - a.people || a.value.localeCompare(b.value));
  const shown =
    question.kind === 'single'
      ? shownParts(respondents, chosen, (option) => option.people, k)
      : chosen.filter((option) => option.people >= k && isSafe(respondents - option.people, k));
  return {
    enough: true,
    respondents: isSafe(people - respondents, k) ? respondents : null,
    options: shown,
    hiddenOptions: chosen.length - shown.length,
  };
}
