import { additionChanges, aggregateChanges } from '../../src/aggregation/aggregate-changes';
import type { RawAnswer } from '../../src/aggregation/recompute';
import type { ContentIndex } from '../../src/content/content-index';
import type { AggregateStore } from '../../src/storage/ports';
import { cardsOf, submitData, TENANT, type TestUser, type TurnReply } from '../support/bot-harness';
import { hasButton, inputsOf } from '../support/card-driver';

type Json = Record<string, unknown>;

/** A small seeded generator, so a failing randomized run can be repeated. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHRASES = [
  'Automate routine paperwork',
  'Answer customer questions faster',
  'Never replace jobs',
  'Summarise meeting notes',
  'Forecast demand from our data',
  'Keep personal data private',
  'Draft marketing content',
  'about 20% today',
  '35 minutes',
  '1,200 a month',
  'no idea yet',
];

/** Answers the newest question or rows card with random (valid) values; presses Done on a rows card now and then. */
export async function answerRandomly(user: TestUser, reply: TurnReply, random: () => number): Promise<TurnReply> {
  const card = cardsOf(reply).at(-1);
  if (!card) return user.say('resume');
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  if (hasButton(card, 'Next')) {
    if (random() < 0.1) return user.press(card, 'Skip');
    const input = inputsOf(card).find((candidate) => candidate.id === 'answer');
    let answer: string = pick(PHRASES);
    if (input?.type === 'Input.ChoiceSet') {
      const values = (input.choices as Json[]).map((choice) => String(choice.value));
      answer = input.isMultiSelect ? values.filter(() => random() < 0.5).join(',') || values[0] : pick(values);
    }
    return user.press(card, 'Next', { answer });
  }
  if (hasButton(card, 'Add')) {
    if (hasButton(card, 'Done — next question') && random() < 0.4) return user.press(card, 'Done — next question');
    const values: Record<string, string> = {};
    for (const input of inputsOf(card)) {
      const id = String(input.id);
      if (id.endsWith('.own')) continue;
      if (input.type === 'Input.ChoiceSet') {
        const choices = (input.choices as Json[]).map((choice) => String(choice.value)).filter((v) => v !== 'own');
        values[id] = pick(choices);
      } else if (input.type === 'Input.Toggle') values[id] = pick(['true', 'false']);
      else values[id] = pick(PHRASES);
    }
    return user.press(card, 'Add', values);
  }
  return user.say('resume');
}

/** Opens review and edits a random answered question, answering it afresh. */
export async function editRandomly(user: TestUser, random: () => number): Promise<TurnReply> {
  const review = await user.say('review');
  const card = cardsOf(review).at(-1);
  const edits: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Json;
      if (record.type === 'Action.Submit' && (record.data as Json | undefined)?.sg === 'edit')
        edits.push(record.data as Json);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  if (edits.length === 0) return review;
  const opened = await user.submit(edits[Math.floor(random() * edits.length)]);
  return answerRandomly(user, opened, random);
}

/** Deletes all of the user's data through the confirmation card. */
export async function deleteData(user: TestUser): Promise<TurnReply> {
  const ask = await user.say('delete my data');
  const card = cardsOf(ask).at(-1);
  if (!card) throw new Error('no confirmation card');
  const confirm = findConfirm(card);
  return user.submit(confirm);
}

function findConfirm(card: Json): Json {
  const found: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Json;
      const data = record.data as Json | undefined;
      if (record.type === 'Action.Submit' && data?.sg === 'confirmDelete' && data.confirm === true) found.push(data);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error('no confirm button');
  return found[0];
}

/** A message from this user in a thread of a team's channel (with the bot mentioned), as Teams sends it. */
export function inChannel(
  user: TestUser,
  team: { id: string; name: string },
  text: string,
  thread = 1,
): Promise<TurnReply> {
  return user.post({
    type: 'message',
    text: `<at>Strategy Guide</at> ${text}`,
    conversation: {
      id: `${team.id};messageid=${thread}`,
      conversationType: 'channel',
      tenantId: TENANT,
      isGroup: true,
      name: team.name,
    },
    channelData: { tenant: { id: TENANT }, team, channel: { id: team.id } },
    entities: [
      {
        type: 'mention',
        text: '<at>Strategy Guide</at>',
        mentioned: { id: '28:strategy-guide', name: 'Strategy Guide' },
      },
    ],
  });
}

/** A message from this user in a group chat (no team). */
export function inGroupChat(user: TestUser, text: string): Promise<TurnReply> {
  return user.post({
    type: 'message',
    text: `<at>Strategy Guide</at> ${text}`,
    conversation: {
      id: '19:group-chat@thread.v2',
      conversationType: 'groupChat',
      tenantId: TENANT,
      isGroup: true,
      name: 'Group',
    },
  });
}

/** Opens a question through its Edit route (answered or not) and answers it with this value. */
export async function answerQuestion(user: TestUser, questionId: string, answer: string): Promise<TurnReply> {
  const opened = await user.submit({ sg: 'edit', questionId });
  const card = cardsOf(opened).at(-1);
  if (!card) throw new Error(`no card for ${questionId}`);
  return user.submit({ ...submitData(card, 'Next'), answer });
}

/** Opens a statement-rows question (e.g. am-want) through its Edit route, adds one statement, then Done. */
export async function addStatement(user: TestUser, questionId: string, statement: string): Promise<TurnReply> {
  const opened = await user.submit({ sg: 'edit', questionId });
  const added = await user.submit({
    ...submitData(cardsOf(opened).at(-1) as Json, 'Add'),
    'field.statement': statement,
  });
  return user.submit(submitData(cardsOf(added).at(-1) as Json, 'Done — next question'));
}

/** The answers of `people` made-up people (ids `<prefix>-<i>`), each rating every rating question of the pack `rating`. */
export function ratingAnswers(index: ContentIndex, prefix: string, people: number, rating: number): RawAnswer[] {
  const rated = index.allQuestions().filter(({ question }) => question.kind === 'rating');
  return Array.from({ length: people }, (_, i) =>
    rated.map(({ question }) => ({
      userId: `${prefix}-${i}`,
      questionId: question.id,
      role: 'employee' as const,
      value: { kind: 'rating' as const, value: rating },
    })),
  ).flat();
}

/** Adds these answers' counters to the aggregates person by person, as their turns would (so batches get published). */
export async function applyAsTurnsWould(
  store: AggregateStore,
  index: ContentIndex,
  tenantId: string,
  answers: readonly RawAnswer[],
  teamId?: string,
): Promise<void> {
  const byPerson = new Map<string, RawAnswer[]>();
  for (const answer of answers) byPerson.set(answer.userId, [...(byPerson.get(answer.userId) ?? []), answer]);
  for (const [userId, own] of byPerson) {
    const { deltas, quotes } = additionChanges(index, userId, own, teamId);
    for (const change of aggregateChanges(deltas, quotes)) await store.apply(tenantId, userId, change);
  }
}
