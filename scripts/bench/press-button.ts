/**
 * What a Teams client sends when a person fills in some of a card's inputs and presses one of its Action.Submit
 * buttons, following the Adaptive Cards 1.5 renderer (the one the Agents Playground uses): a button with
 * `associatedInputs: "none"` sends only its data; otherwise every input of the card is checked — a submit whose
 * `isRequired` input is empty is blocked on the client — and the non-empty values are added to the data.
 * Tests and benchmarks press buttons only through here, so they cannot send what Teams never would.
 */

import { collect, isRecord, type JsonRecord } from './card-reader';

/** Sent: the activity value Teams posts. Blocked: the client refused, naming the empty required inputs. */
export type Press = { sent: true; value: JsonRecord } | { sent: false; blockedBy: string[] };

/** Presses the first button titled `title` (nested action sets included) with `typed` entered, keyed by input id. */
export function pressButton(card: unknown, title: string, typed: Readonly<Record<string, string>> = {}): Press {
  if (collect(card, (node) => node.type === 'Action.ShowCard').length > 0)
    throw new Error('pressButton does not model Action.ShowCard sub-cards');
  const [button] = collect(card, (node) => node.type === 'Action.Submit' && node.title === title);
  if (!button) throw new Error(`no button "${title}" on the card`);
  const inputs = collect(card, (node) => typeof node.type === 'string' && node.type.startsWith('Input.'));
  for (const id of Object.keys(typed)) {
    const input = inputs.find((candidate) => candidate.id === id);
    if (!input) throw new Error(`the card has no input "${id}" to type into`);
    checkTypeable(input, typed[id]);
  }
  const data = isRecord(button.data) ? (structuredClone(button.data) as JsonRecord) : {};
  if (String(button.associatedInputs ?? 'auto').toLowerCase() === 'none') return { sent: true, value: data };
  const values = inputs.map((input) => ({ input, value: typed[String(input.id)] ?? initialValue(input) }));
  const blockedBy = values
    .filter(({ input, value }) => input.isRequired === true && value === '')
    .map(({ input }) => String(input.id));
  if (blockedBy.length > 0) return { sent: false, blockedBy };
  for (const { input, value } of values) if (value !== '') data[String(input.id)] = value;
  return { sent: true, value: data };
}

/** The value Teams sends for this press; throws where Teams would block it (tests of the block use pressButton). */
export function pressedValue(card: unknown, title: string, typed: Readonly<Record<string, string>> = {}): JsonRecord {
  const press = pressButton(card, title, typed);
  if (!press.sent) throw new Error(`Teams would not send "${title}": ${press.blockedBy.join(', ')} left empty`);
  return press.value;
}

/** The value a rendered input starts with. */
function initialValue(input: JsonRecord): string {
  if (input.type === 'Input.Toggle') return String(input.value ?? input.valueOff ?? 'false');
  return input.value === undefined ? '' : String(input.value);
}

/** A person can only pick offered choices and cannot type past maxLength; a test that tries is wrong. */
function checkTypeable(input: JsonRecord, value: string): void {
  const id = String(input.id);
  if (input.type === 'Input.ChoiceSet' && value !== '') {
    const offered = Array.isArray(input.choices)
      ? input.choices.filter(isRecord).map((choice) => String(choice.value))
      : [];
    const picked = input.isMultiSelect === true ? value.split(',') : [value];
    const unknown = picked.filter((choice) => !offered.includes(choice));
    if (unknown.length > 0) throw new Error(`"${unknown.join(',')}" is not offered in "${id}"`);
  }
  if (input.type === 'Input.Toggle' && ![input.valueOn ?? 'true', input.valueOff ?? 'false'].includes(value))
    throw new Error(`"${value}" is not a value of "${id}": a toggle sends its valueOn or valueOff`);
  if (input.type === 'Input.Text' && typeof input.maxLength === 'number' && value.length > input.maxLength)
    throw new Error(`"${id}" takes at most ${input.maxLength} characters; a person cannot type ${value.length}`);
}
