import type { AnswerValue } from '../../src/domain/answers';
import type { CardInput } from './card-reader';

/** The value of the "something else" option of a choice that has a companion `<id>.own` text input. */
const OWN_CHOICE = 'own';

/** A small stable hash, so each user answers each question the same way in every run. */
export function seedOf(...parts: (string | number)[]): number {
  let hash = 2166136261;
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/**
 * The value a user gives an input: some text, or one of the offered choices (one or two for a multi-select).
 * `simple` picks just the first choice, for a second try after the bot rejected a combination.
 */
export function answerFor(input: CardInput, seed: number, simple = false): string | undefined {
  if (input.kind === 'text') return `Bench answer ${seed % 1000}`;
  const { choices } = input;
  if (choices.length === 0) return undefined;
  if (simple) return choices[0];
  if (input.multi) return choices.slice(0, 1 + (seed % Math.min(2, choices.length))).join(',');
  return choices[seed % choices.length];
}

/** Values for every input of a rows card's form (`field.<id>`), never choosing the "own" option or typing into `<id>.own`. */
export function fillRow(inputs: readonly CardInput[], seed: number): Record<string, string> {
  const ids = new Set(inputs.map((input) => input.id));
  const values: Record<string, string> = {};
  inputs.forEach((input, index) => {
    if (input.id.endsWith('.own') && ids.has(input.id.slice(0, -'.own'.length))) return;
    const offered = ids.has(`${input.id}.own`)
      ? { ...input, choices: input.choices.filter((choice) => choice !== OWN_CHOICE) }
      : input;
    const value = answerFor(offered, seed + index);
    if (value !== undefined) values[input.id] = value;
  });
  return values;
}

/** How a sent answer should look once stored: "3", "dk", "a,b", the text, or "2 rows". */
export function sentFingerprint(sent: string): string {
  return sent.trim();
}

export function rowsFingerprint(rows: number): string {
  return `${rows} rows`;
}

/** The same fingerprint for an answer as stored in Cosmos. */
export function storedFingerprint(value: AnswerValue): string {
  switch (value.kind) {
    case 'rating':
      return value.value === null ? 'dk' : String(value.value);
    case 'single':
      return value.value;
    case 'multi':
      return value.values.join(',');
    case 'text':
      return value.text;
    case 'rows':
      return rowsFingerprint(value.rows.length);
  }
}
