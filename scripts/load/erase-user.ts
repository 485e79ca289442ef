import { adaptiveCards, buttonData, messageTexts } from '../bench/card-reader';
import type { TurnClient } from '../bench/turn-client';

const CONFIRM = 'Yes, delete everything';

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
