import type { ReplyActivity } from './turn-client';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export type JsonRecord = Record<string, unknown>;

/** An input of a card as a user sees it: free text, or a choice set with the values it offers. */
export interface CardInput {
  id: string;
  kind: 'text' | 'choice';
  multi: boolean;
  choices: string[];
}

export interface QuestionPrompt {
  kind: 'question';
  /** The card itself, to press its buttons with (press-button.ts). */
  card: unknown;
  questionId: string;
  token: string;
  /** The Next button's data; the card's input values are merged into it on submit. */
  next: JsonRecord;
  input: CardInput | undefined;
}

export interface RowsPrompt {
  kind: 'rows';
  card: unknown;
  questionId: string;
  token: string;
  page: number;
  /** Rows already stored, one Remove button each. */
  rowCount: number;
  /** Absent when the question holds as many rows as it takes. */
  add: JsonRecord | undefined;
  done: JsonRecord;
  inputs: CardInput[];
}

/** A card that waits for an answer to a question of the questionnaire. */
export type Prompt = QuestionPrompt | RowsPrompt;

/** The Adaptive Cards among the replies, oldest first. */
export function adaptiveCards(activities: readonly ReplyActivity[]): unknown[] {
  return activities.flatMap((activity) =>
    (activity.attachments ?? [])
      .filter((attachment) => attachment.contentType === ADAPTIVE_CARD)
      .map((attachment) => attachment.content),
  );
}

/** The submit data of the first button with this title in a card (nested actions included). */
export function buttonData(card: unknown, title: string): Record<string, unknown> | undefined {
  const [button] = collect(card, (node) => node.type === 'Action.Submit' && node.title === title);
  return button && isRecord(button.data) ? { ...button.data } : undefined;
}

/** The question the newest card of the replies asks, if it asks one. */
export function lastPrompt(activities: readonly ReplyActivity[]): Prompt | undefined {
  const cards = adaptiveCards(activities);
  return cards.length === 0 ? undefined : readPrompt(cards[cards.length - 1]);
}

/** Reads a question or rows card from its Action.Submit data and inputs; undefined for any other card. */
export function readPrompt(card: unknown): Prompt | undefined {
  const actions = collect(card, (node) => node.type === 'Action.Submit' && isRecord(node.data)).map(
    (node) => node.data as JsonRecord,
  );
  const inputs = collect(
    card,
    (node) => (node.type === 'Input.Text' || node.type === 'Input.ChoiceSet') && typeof node.id === 'string',
  ).map(readInput);
  const next = actions.find((data) => data.sg === 'answer');
  if (next && typeof next.questionId === 'string' && typeof next.token === 'string') {
    return {
      kind: 'question',
      card,
      questionId: next.questionId,
      token: next.token,
      next,
      input: inputs.find((input) => input.id === 'answer'),
    };
  }
  const done = actions.find((data) => data.sg === 'rows' && data.rowAction === 'done');
  if (!done || typeof done.questionId !== 'string' || typeof done.token !== 'string') return undefined;
  const add = actions.find((data) => data.sg === 'rows' && data.rowAction === 'add');
  return {
    kind: 'rows',
    card,
    questionId: done.questionId,
    token: done.token,
    page: Number(add?.page ?? 1),
    rowCount: actions.filter((data) => data.sg === 'rows' && data.rowAction === 'remove').length,
    add,
    done,
    inputs,
  };
}

/** Every TextBlock and TextRun text of the cards, in order. */
export function cardTexts(cards: readonly unknown[]): string[] {
  return collect(
    cards,
    (node) => (node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string',
  ).map((node) => node.text as string);
}

/** The text messages among the replies. */
export function messageTexts(activities: readonly ReplyActivity[]): string[] {
  return activities.flatMap((activity) =>
    typeof activity.text === 'string' && activity.text !== '' ? [activity.text] : [],
  );
}

function readInput(node: JsonRecord): CardInput {
  const choices = Array.isArray(node.choices)
    ? node.choices.filter(isRecord).flatMap((choice) => (typeof choice.value === 'string' ? [choice.value] : []))
    : [];
  return {
    id: node.id as string,
    kind: node.type === 'Input.Text' ? 'text' : 'choice',
    multi: node.isMultiSelect === true,
    choices,
  };
}

/** Depth-first, in document order: every object node for which `match` holds. */
export function collect(node: unknown, match: (node: JsonRecord) => boolean, found: JsonRecord[] = []): JsonRecord[] {
  if (Array.isArray(node)) {
    for (const child of node) collect(child, match, found);
  } else if (isRecord(node)) {
    if (match(node)) found.push(node);
    for (const value of Object.values(node)) collect(value, match, found);
  }
  return found;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
