import { adaptiveCards, messageTexts } from '../bench/card-reader';
import type { TurnClient } from '../bench/turn-client';

const CONFIRM = 'Yes, delete everything';

/** The submit data of the card button with this title, searching nested actions too. */
function buttonData(node: unknown, title: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = buttonData(child, title);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'Action.Submit' && record.title === title) return record.data as Record<string, unknown>;
  for (const value of Object.values(record)) {
    const found = buttonData(value, title);
    if (found) return found;
  }
  return undefined;
}

/** A user asks to delete their data and confirms, as a person would; returns a problem, or undefined when it worked. */
export async function eraseUser(client: TurnClient): Promise<string | undefined> {
  const asked = await client.say('delete my data');
  const confirm = buttonData(adaptiveCards(asked.activities), CONFIRM);
  if (!confirm) return `no "${CONFIRM}" button after "delete my data"`;
  const done = await client.submit(confirm);
  if (done.status !== 200) return `HTTP ${done.status} on confirming the deletion`;
  const texts = messageTexts(done.activities).join(' ');
  return /^Done\. I deleted \d+ answer/.test(texts)
    ? undefined
    : `unexpected reply to the deletion: ${texts.slice(0, 120)}`;
}
