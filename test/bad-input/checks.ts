/**
 * Checks shared by the bad-input tests: what was stored (answer documents, aggregates, the person document's
 * answers, roles, teams and path) before and after a turn, whether a reply is a clear message or silence, and where
 * the user stands.
 */
import type { Container } from '@azure/cosmos';
import type { Activity } from 'botbuilder';
import {
  TENANT,
  cardsOf,
  submitData,
  textsOf,
  type TestBot,
  type TestUser,
  type TurnReply,
} from '../support/bot-harness';
import { cardKind, elementsOf, questionIdOf, type Card } from '../cards-sent/drive';
import { type PersonDoc, personId } from '../../src/storage/user-docs';

export type { Card };

/**
 * Everything a bad input must leave alone: the user's answer documents (with ETags, so any rewrite shows), the
 * tenant's counters, and the person document's copy of the answers with the roles and teams they count under and
 * the path they walk (`null` while there is none). Not the person document's ETag or `updatedAt`: every stored turn rewrites those.
 */
export interface StoredState {
  answers: Record<string, unknown>;
  aggregates: Record<string, unknown>;
  person: Pick<PersonDoc, 'answers' | 'answerRoles' | 'teamIds' | 'path'> | null;
}

/**
 * The container holding documents of `type` ('answer', 'session', 'person'): their own container, or the one
 * per-user container they all live in (the store layout is being changed; either works here).
 */
export function containerFor(bot: TestBot, type: 'answer' | 'session' | 'person'): Container {
  const containers = bot.containers as unknown as Record<string, Container | undefined>;
  const container = containers[type === 'answer' ? 'answers' : 'sessions'] ?? containers.users;
  if (!container) throw new Error(`no container for ${type} documents in ${Object.keys(containers).join(', ')}`);
  return container;
}

/** Documents of one type for one user in one tenant. */
export async function userDocs(
  bot: TestBot,
  type: 'answer' | 'session',
  userId: string,
  tenantId = TENANT,
): Promise<Doc[]> {
  const { resources } = await containerFor(bot, type)
    .items.query<Doc>({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.userId = @u AND c.type = @type',
      parameters: [
        { name: '@t', value: tenantId },
        { name: '@u', value: userId },
        { name: '@type', value: type },
      ],
    })
    .fetchAll();
  return resources;
}

/** The stored answer document of one user to one question, if any. */
export async function answerDoc(
  bot: TestBot,
  userId: string,
  questionId: string,
  tenantId = TENANT,
): Promise<Doc | undefined> {
  const { resource } = await containerFor(bot, 'answer')
    .item(`answer|${userId}|${questionId}`, [tenantId, userId])
    .read<Doc>();
  return resource;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

export async function storedState(bot: TestBot, user: TestUser, tenantId = TENANT): Promise<StoredState> {
  const answers = await userDocs(bot, 'answer', user.aadObjectId, tenantId);
  const { resource: person } = await containerFor(bot, 'person')
    .item(personId(user.aadObjectId), [tenantId, user.aadObjectId])
    .read<PersonDoc>();
  const { resources: aggregates } = await bot.containers.aggregates.items
    .query<Doc>({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: tenantId }] })
    .fetchAll();
  return {
    answers: Object.fromEntries(
      answers.map((doc) => [doc.id, { value: doc.value, answeredAt: doc.answeredAt, etag: doc._etag }]),
    ),
    aggregates: Object.fromEntries(aggregates.map((doc) => [doc.id, doc.counters])),
    person: person
      ? { answers: person.answers, answerRoles: person.answerRoles, teamIds: person.teamIds, path: person.path }
      : null,
  };
}

/** Words that must never reach a user: stack traces, error class names, leaked `undefined`, the crash fallback. */
const LEAKS: [string, RegExp][] = [
  ['an error label', /\b\w*Error\b:?/],
  ['a stack frame', /^\s*at\s|\bat\s+[\w$.<>]+\s+\(|\(\/?[\w./-]+\.(?:ts|js):\d+:\d+\)/m],
  ['"undefined"', /\bundefined\b/i],
  ['"null"', /\bnull\b/],
  ['"[object Object]"', /\[object \w+\]/],
  ['"NaN"', /\bNaN\b/],
  ['the crash fallback of onTurnError', /something went wrong on our side/i],
];

/** Problems with the texts of a reply (and the texts inside its cards). */
export function leaksIn(reply: TurnReply): string[] {
  const texts = [
    ...textsOf(reply),
    ...cardsOf(reply).flatMap((card) =>
      elementsOf(card)
        .filter((element) => element.type === 'TextBlock' || element.type === 'TextRun')
        .map((element) => String(element.text)),
    ),
  ];
  return texts.flatMap((text) =>
    LEAKS.filter(([, pattern]) => pattern.test(text)).map(
      ([what]) => `${what} in ${JSON.stringify(text.slice(0, 200))}`,
    ),
  );
}

/** A message that tells the user what to do next. */
const GUIDANCE = /\b(please|type|choose|pick|press|resume|try|send|shorten|remove|here's|here is|here are)\b/i;

/**
 * HTTP 200 and a clear reply: at least one text that says what to do (a card may come with it), and
 * nothing that looks like an error, a stack trace or the crash fallback.
 */
export function expectClearReply(reply: TurnReply): void {
  expect(reply.status).toBe(200);
  expect(leaksIn(reply)).toEqual([]);
  const texts = textsOf(reply);
  const guided = texts.some((text) => GUIDANCE.test(text));
  expect({ texts, guided, cards: cardsOf(reply).map(cardKind) }).toEqual(expect.objectContaining({ guided: true }));
}

/** HTTP 200 and nothing said: no message, no card (an invoke's own response is allowed). */
export function expectSilence(reply: TurnReply): void {
  expect(reply.status).toBe(200);
  const said = reply.activities.filter((activity) => activity.type !== 'invokeResponse');
  expect(said).toEqual([]);
}

/** The re-sent card (if any) asks the same question as `card`. */
export function expectSameQuestionCard(reply: TurnReply, card: Card): void {
  const cards = cardsOf(reply).filter((sent) => ['question', 'rows', 'rows-page-2'].includes(cardKind(sent)));
  for (const sent of cards) expect(questionIdOf(sent)).toBe(questionIdOf(card));
}

/** Starts the full path (every question) and skips until the card for `questionId`; returns that card. */
export async function openQuestion(user: TestUser, questionId: string): Promise<Card> {
  let reply = await user.say('start full');
  for (let turn = 0; turn < 60; turn++) {
    const card = cardsOf(reply).at(-1);
    if (!card || !['question', 'rows'].includes(cardKind(card)))
      throw new Error(`no question card on the way to ${questionId}`);
    if (questionIdOf(card) === questionId) return card;
    reply = await user.submit(submitData(card, 'Skip'));
  }
  throw new Error(`never reached ${questionId}`);
}

/**
 * The user is still on the question of `card`: pressing `button` on that very card with `inputs` is accepted,
 * stores an answer for the question and moves on to another card.
 */
export async function expectStillOn(
  bot: TestBot,
  user: TestUser,
  card: Card,
  inputs: Record<string, unknown>,
  button = 'Next',
): Promise<TurnReply> {
  const questionId = questionIdOf(card);
  const before = await answerDoc(bot, user.aadObjectId, questionId);
  const reply = await user.submit({ ...inputs, ...submitData(card, button) });
  expect(reply.status).toBe(200);
  expect({ texts: textsOf(reply), leaks: leaksIn(reply) }).toEqual({
    texts: expect.not.arrayContaining([
      expect.stringMatching(
        /isn't the current one|earlier conversation|doesn't look right|Please (fill|pick|choose|write)/,
      ),
    ]),
    leaks: [],
  });
  const after = await answerDoc(bot, user.aadObjectId, questionId);
  // The valid submit was stored: the answer document is new or rewritten.
  expect(after?.questionId).toBe(questionId);
  expect(after?._etag).not.toBe(before?._etag);
  return reply;
}

/** Posts any activity as the user (fields override the harness defaults, `undefined` removes one). */
export function postAs(user: TestUser, activity: Record<string, unknown>): Promise<TurnReply> {
  return user.post(activity as Partial<Activity> & Record<string, unknown>);
}

/** POSTs a raw body to /api/messages. */
export async function postRaw(
  bot: TestBot,
  body: string | Uint8Array | undefined,
  contentType: string | undefined = 'application/json',
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${bot.app.url}/api/messages`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** The JSON text of a message activity from `user` whose `value` is the raw JSON text `rawValue` (for values JSON.stringify cannot build). */
export function messageWithRawValue(user: TestUser, rawValue: string): string {
  const activity = user.activity({ type: 'message', id: `raw-${Date.now()}` });
  return `${JSON.stringify(activity).slice(0, -1)},"value":${rawValue}}`;
}

/** Parses an expectReplies response body. */
export function replyOf(status: number, body: string): TurnReply {
  const parsed = body ? (JSON.parse(body) as { activities?: Partial<Activity>[] }) : {};
  return { status, activities: parsed.activities ?? [] };
}
