/**
 * Drives the strategy conversation through the real bot (see ../support/bot-harness.ts) by reading the
 * cards it sends, the way a Teams client would: inputs are filled in and buttons pressed (../../scripts/bench/press-button.ts).
 */
import type { Activity } from 'botbuilder';
import { pressedValue } from '../../scripts/bench/press-button';
import { cardsOf, textsOf, submitData, type TestUser, type TurnReply } from '../support/bot-harness';

export type Card = Record<string, unknown>;

/** A card element that takes input (Input.Text, Input.ChoiceSet, ...). */
export interface CardInput {
  type: string;
  id: string;
  isMultiSelect?: boolean;
  isRequired?: boolean;
  maxLength?: number;
  style?: string;
  choices?: { title: string; value: string }[];
  value?: unknown;
}

/** Every element of the card (depth first) that is an object with a `type`. */
export function elementsOf(node: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(node);
  return found;
}

/** The inputs of a card, in order. */
export function inputsOf(card: Card): CardInput[] {
  return elementsOf(card).filter(
    (element) =>
      typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string',
  ) as unknown as CardInput[];
}

/** Whether the card has an Action.Submit with this title. */
export function hasButton(card: Card, title: string): boolean {
  return elementsOf(card).some((element) => element.type === 'Action.Submit' && element.title === title);
}

export type CardKind =
  | 'welcome'
  | 'help'
  | 'question'
  | 'rows'
  | 'rows-page-2'
  | 'review'
  | 'summary'
  | 'my-data'
  | 'confirm-delete'
  | 'unknown';

/** What a card is, told from its buttons and heading. */
export function cardKind(card: Card): CardKind {
  const texts = elementsOf(card)
    .filter((element) => element.type === 'TextBlock' || element.type === 'TextRun')
    .map((element) => String(element.text));
  if (hasButton(card, 'Done — next question')) {
    return texts.some((text) => text.includes('part 2 of 2')) ? 'rows-page-2' : 'rows';
  }
  if (hasButton(card, 'Next') && hasButton(card, 'Skip')) return 'question';
  if (hasButton(card, 'Yes, delete everything')) return 'confirm-delete';
  if (texts.includes('What you can type')) return 'help';
  if (texts.includes('Your answers')) return 'review';
  if (texts.includes('Your data')) return 'my-data';
  if (texts.includes('Success metrics')) return 'summary';
  if (texts.some((text) => text.startsWith("I'm Strategy Guide"))) return 'welcome';
  return 'unknown';
}

/** The question a question or rows card asks (from its Skip button). */
export function questionIdOf(card: Card): string {
  return String(submitData(card, 'Skip').questionId);
}

/** The progress line of a question or rows card, e.g. "Business impact · 3 of 12". */
export function progressOf(card: Card): string {
  const first = elementsOf(card).find((element) => element.type === 'TextBlock');
  return String(first?.text ?? '');
}

/** One sent card and the turn it came from. */
export interface SentCard {
  step: string;
  card: Card;
}

/**
 * A user whose every turn is recorded: each reply must be HTTP 200, and each card lands in `sent`.
 * `last` is the newest card; `lastReply` the newest reply.
 */
export class Conversation {
  readonly sent: SentCard[] = [];
  lastReply: TurnReply = { status: 0, activities: [] };

  constructor(readonly user: TestUser) {}

  get last(): Card {
    const card = cardsOf(this.lastReply).at(-1);
    if (!card) throw new Error(`the last turn sent no card; it said: ${JSON.stringify(textsOf(this.lastReply))}`);
    return card;
  }

  say(text: string, step = `say ${text}`): Promise<TurnReply> {
    return this.record(step, this.user.say(text));
  }

  submit(value: unknown, step = 'submit'): Promise<TurnReply> {
    return this.record(step, this.user.submit(value));
  }

  post(
    activity: Partial<Activity> & Record<string, unknown>,
    step = `post ${String(activity.type)}`,
  ): Promise<TurnReply> {
    return this.record(step, this.user.post(activity));
  }

  /** Types these input values into the newest card and presses the button with this title, as Teams would. */
  press(title: string, inputs: Record<string, string> = {}, card: Card = this.last): Promise<TurnReply> {
    return this.submit(pressedValue(card, title, inputs), `press ${title} (${cardKind(card)})`);
  }

  private async record(step: string, pending: Promise<TurnReply>): Promise<TurnReply> {
    const reply = await pending;
    if (reply.status !== 200) throw new Error(`${step}: HTTP ${reply.status}`);
    this.lastReply = reply;
    for (const card of cardsOf(reply)) this.sent.push({ step, card });
    return reply;
  }
}

/** Text to type into an input: `text` cut to the input's maxLength. */
function fit(text: string, maxLength: number | undefined): string {
  const points = Array.from(text);
  if (maxLength === undefined) return text;
  // maxLength counts UTF-16 code units on the client, as the bot does.
  let out = '';
  for (const point of points) {
    if (out.length + point.length > maxLength) break;
    out += point;
  }
  return out;
}

export interface AnswerChoices {
  /** Text typed into text inputs (cut to each input's maxLength). */
  text: string;
  /** Rating picked ("1".."5" or "dk"). */
  rating: string;
}

/** The input values a person would give on a question card: a rating, the first option(s), or text. */
export function answerInputs(card: Card, choices: AnswerChoices): Record<string, string> {
  const input = inputsOf(card).find((candidate) => candidate.id === 'answer');
  if (!input) throw new Error('question card without an answer input');
  if (input.type === 'Input.Text') return { answer: fit(choices.text, input.maxLength) };
  const values = (input.choices ?? []).map((choice) => choice.value);
  if (input.isMultiSelect)
    return {
      answer: values
        .filter((value) => value !== 'none')
        .slice(0, 2)
        .join(','),
    };
  if (values.includes('dk')) return { answer: choices.rating };
  return { answer: values[0] };
}

export interface RowChoices {
  /** Text typed into text inputs (and "own" inputs when `own` is set). */
  text: string;
  /** Pick "Something else" and type `text` where a field allows it. */
  own?: boolean;
  /** Which option to pick in choice fields (wraps around). */
  pick?: number;
  /** Set toggles on or off; left as the card shows them when absent. */
  share?: boolean;
}

/** The input values for the Add button of a rows card: every field filled in. */
export function rowInputs(card: Card, choices: RowChoices): Record<string, string> {
  const values: Record<string, string> = {};
  const inputs = inputsOf(card);
  const ownIds = new Set(
    inputs.filter((input) => input.id.endsWith('.own')).map((input) => input.id.slice(0, -'.own'.length)),
  );
  for (const input of inputs) {
    if (!input.id.startsWith('field.') || input.id.endsWith('.own')) continue;
    if (input.type === 'Input.Text') {
      values[input.id] = fit(choices.text, input.maxLength);
      continue;
    }
    if (input.type === 'Input.Toggle') {
      if (choices.share !== undefined) values[input.id] = String(choices.share);
      continue;
    }
    if (choices.own && ownIds.has(input.id)) {
      values[input.id] = 'own';
      const own = inputs.find((candidate) => candidate.id === `${input.id}.own`);
      values[`${input.id}.own`] = fit(choices.text, own?.maxLength);
      continue;
    }
    const options = (input.choices ?? []).map((choice) => choice.value).filter((value) => value !== 'own');
    const isRating = options.includes('dk');
    if (options.length === 0) throw new Error(`no options in ${input.id}`);
    values[input.id] = isRating ? '4' : options[(choices.pick ?? 0) % options.length];
  }
  return values;
}
