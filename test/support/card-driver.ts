import { submitData, textsOf, type TestUser, type TurnReply, cardsOf } from './bot-harness';

type Json = Record<string, unknown>;

/** Every input element of a card, in order. */
export function inputsOf(card: unknown): Json[] {
  const inputs: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Json;
      if (typeof record.type === 'string' && record.type.startsWith('Input.')) inputs.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return inputs;
}

/** The "Business impact · 3 of 11" line of a question card, if it has one. */
export function progressOf(card: unknown): string | undefined {
  const first = ((card as Json | undefined)?.body as Json[] | undefined)?.find(
    (element) => element.type === 'TextBlock',
  );
  const text = typeof first?.text === 'string' ? first.text : undefined;
  return text && / · \d+ of \d+$/.test(text) ? text : undefined;
}

/** The submit data of the newest card's Next button with this answer typed in. */
export function nextWith(reply: TurnReply, answer: string): Json {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`no card: ${textsOf(reply).join(' | ')}`);
  return { ...submitData(card, 'Next'), answer };
}

/** True for a card that has a button with this title. */
export function hasButton(card: unknown, title: string): boolean {
  try {
    submitData(card as Json, title);
    return true;
  } catch {
    return false;
  }
}

/** A plausible value for an input: the rating or first choice, a toggle as it is, or some text. */
export function plausibleValue(input: Json, text: string): string {
  if (input.type === 'Input.Toggle') return String(input.value);
  if (input.type === 'Input.ChoiceSet') {
    const choices = (input.choices as Json[]).map((choice) => String(choice.value));
    return choices.includes('4') ? '4' : (choices.find((value) => value !== 'own') ?? choices[0]);
  }
  return text;
}

/** Answers whatever question or rows card is newest in the reply, the way a person would. */
export async function answerCurrentCard(
  user: TestUser,
  reply: TurnReply,
  text = 'A considered answer',
): Promise<TurnReply> {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error('no card to answer');
  if (hasButton(card, 'Next')) {
    const answer = inputsOf(card).find((input) => input.id === 'answer');
    return user.press(card, 'Next', { answer: answer ? plausibleValue(answer, text) : text });
  }
  if (hasButton(card, 'Add')) {
    const values: Record<string, string> = {};
    for (const input of inputsOf(card)) {
      const id = String(input.id);
      if (id.endsWith('.own')) continue;
      values[id] = plausibleValue(input, text);
    }
    return user.press(card, 'Add', values);
  }
  throw new Error('the newest card is not a question');
}
