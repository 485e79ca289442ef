/**
 * Answered cards become records: in Teams' normal mode (replies and updates go to the fake connector), a question or
 * rows card pressed and accepted is updated in place — the message the submit's `replyToId` names — into one line
 * with an Edit button, once the answer is stored; a refused submit updates nothing; a refused update is logged
 * without answer text and the person carries on.
 */
import { pressedValue } from '../../scripts/bench/press-button';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { RowsQuestion } from '../../src/content/types';
import { jsonLogger } from '../../src/logging/logger';
import { plural } from '../../src/strategy/answered-view';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  textsOf,
  type TestBot,
  type TestUser,
} from '../support/bot-harness';
import { inputsOf, progressOf } from '../support/card-driver';
import { startCosmosFaultProxy, type CosmosFaultProxy } from '../support/cosmos-fault-proxy';
import { startFakeConnector, type FakeConnector, type SentActivity } from '../support/fake-connector';
import { inNormalMode, type NormalModeTurn } from '../support/normal-mode';
import { storedAnswer } from '../support/stored';
import { until } from '../support/wait';
import { validateCard } from '../cards/validate-card';
import { cardKind, questionIdOf, rowInputs, type Card } from '../cards-sent/drive';

type Json = Record<string, unknown>;

const index = new ContentIndex(loadContentPack());
const FIRST = index.allQuestions()[0];
const ROWS = index.allQuestions().find((ref) => ref.question.kind === 'rows')!;
const logLines: string[] = [];
let connector: FakeConnector;
let proxy: CosmosFaultProxy;
let bot: TestBot;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({
    routeCosmos: async (endpoint) => {
      proxy = await startCosmosFaultProxy(endpoint);
      return proxy.endpoint;
    },
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);
afterEach(() => proxy.clear());
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await connector?.close();
});

const cardIn = (activity: Json): Card | undefined => cardsOf({ status: 200, activities: [activity] }).at(-1);

/** Every object in a card, depth first. */
function nodes(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Json, ...Object.values(value).flatMap(nodes)];
}

const actionsOf = (card: Card): Json[] => nodes(card).filter((node) => String(node.type).startsWith('Action.'));

/** The newest card message the connector delivered in the turn. */
function newestCard(turn: NormalModeTurn): SentActivity & { card: Card } {
  const message = turn.delivered.filter(({ activity }) => cardIn(activity)).at(-1);
  if (!message)
    throw new Error(`no card delivered: ${turn.delivered.map(({ activity }) => activity.text).join(' | ')}`);
  return { ...message, card: cardIn(message.activity)! };
}

/** Presses `title` on the card of `message` as Teams would: the submit names that message in `replyToId`. */
function press(user: TestUser, message: SentActivity, title: string, typed: Record<string, string> = {}) {
  return inNormalMode(connector, user, {
    value: pressedValue(cardIn(message.activity), title, typed),
    replyToId: message.id,
  });
}

/** The card the turn updated its message to, checked to be a valid read-only record: no inputs, only Edit. */
function recordOf(turn: NormalModeTurn, message: SentActivity): Card {
  expect(turn.updates.map(({ activityId, outcome }) => ({ activityId, outcome }))).toEqual([
    { activityId: message.id, outcome: 200 },
  ]);
  const record = cardIn(turn.updates[0].activity)!;
  expect(validateCard(record)).toEqual([]);
  expect(inputsOf(record)).toEqual([]);
  expect(actionsOf(record).map(({ type, title }) => ({ type, title }))).toEqual([
    { type: 'Action.Submit', title: 'Edit' },
  ]);
  return record;
}

async function firstQuestion(user: TestUser): Promise<SentActivity & { card: Card }> {
  const started = newestCard(await inNormalMode(connector, user, { text: 'start full' }));
  expect(questionIdOf(started.card)).toBe(FIRST.question.id);
  return started;
}

/** The chat as the person sees it now: the cards in it with a live input or a button other than Edit. */
function liveCards(user: TestUser): Card[] {
  return connector
    .chat(user.conversationId)
    .flatMap(({ activity }): Card[] => {
      const card = cardIn(activity);
      return card ? [card] : [];
    })
    .filter((card) => inputsOf(card).length > 0 || actionsOf(card).some((action) => action.title !== 'Edit'));
}

describe('an answered card becomes its record (Teams normal mode, fake connector)', () => {
  it('numbers the record as the card was numbered: within the short path an employee walks', async () => {
    const user = bot.user();
    const started = newestCard(await inNormalMode(connector, user, { text: 'start' }));
    const progress = String(progressOf(started.card));
    expect(progress).toMatch(/ · 1 of \d+$/);
    const turn = await press(user, started, 'Next', { answer: '4' });
    expect(cardText(recordOf(turn, started)).replace(/\n/g, '')).toMatch(new RegExp(`^${progress} — `));
  });

  it('Next: the card pressed turns into "Section · n of N — answer" with Edit, after the next question is sent', async () => {
    const user = bot.user();
    const first = await firstQuestion(user);
    const four = nodes(first.card).find((node) => node.value === '4' && typeof node.title === 'string')!;
    const turn = await press(user, first, 'Next', { answer: '4' });
    expect(turn.status).toBe(200);
    const record = recordOf(turn, first);
    expect(cardText(record).replace(/\n/g, '')).toBe(
      `${FIRST.section.title} · 1 of ${FIRST.sectionTotal} — ${String(four.title)}`,
    );
    expect(actionsOf(record)[0].data).toEqual({ sg: 'edit', questionId: FIRST.question.id });
    expect(await storedAnswer(bot.containers, user.aadObjectId, FIRST.question.id)).toEqual({
      kind: 'rating',
      value: 4,
    });
    // The next question goes first (it is what the person waits for), the record after it.
    const nextCard = newestCard(turn);
    expect(turn.updates[0].at).toBeGreaterThanOrEqual(nextCard.at);
    // In the chat only the current card can still be answered.
    const live = liveCards(user);
    expect(live.map(questionIdOf)).toEqual([questionIdOf(nextCard.card)]);
    expect(questionIdOf(nextCard.card)).not.toBe(FIRST.question.id);
  });

  it('a typed answer is quoted as text: one line, Teams markup neutralised, only in a text run', async () => {
    const user = bot.user();
    let card = await firstQuestion(user);
    card = newestCard(await press(user, card, 'Next', { answer: '3' }));
    expect(inputsOf(card.card).find((input) => input.id === 'answer')?.type).toBe('Input.Text');
    const typed = '<at>Boss</at> wants **bold** [a link](http://evil.example)\nand a second line';
    const turn = await press(user, card, 'Next', { answer: typed });
    const record = recordOf(turn, card);
    const runs = nodes(record)
      .filter((node) => node.type === 'TextRun')
      .map((node) => String(node.text));
    expect(runs.at(-1)).toBe('Boss wants **bold** [a link](http://evil.example) and a second line');
    expect(JSON.stringify(record)).not.toMatch(/<at>|[<>]/);
    expect(nodes(record).filter((node) => node.type === 'TextBlock')).toEqual([]);
  });

  it('Skip: the record says "skipped"; Edit on it reopens that question, and answering it records that card too', async () => {
    const user = bot.user();
    const first = await firstQuestion(user);
    const skipped = await press(user, first, 'Skip');
    const record = recordOf(skipped, first);
    expect(cardText(record).replace(/\n/g, '')).toBe(`${FIRST.section.title} · 1 of ${FIRST.sectionTotal} — skipped`);

    const recordMessage = { ...first, activity: skipped.updates[0].activity };
    const reopened = newestCard(await press(user, recordMessage, 'Edit'));
    expect(questionIdOf(reopened.card)).toBe(FIRST.question.id);
    expect(inputsOf(reopened.card).length).toBeGreaterThan(0);
    const edited = await press(user, reopened, 'Next', { answer: '2' });
    expect(cardText(recordOf(edited, reopened))).toContain(`${FIRST.section.title} · 1 of ${FIRST.sectionTotal}`);
    expect(cardKind(newestCard(edited).card)).toBe('review');
    expect(await storedAnswer(bot.containers, user.aadObjectId, FIRST.question.id)).toEqual({
      kind: 'rating',
      value: 2,
    });
  });

  it('a rows card: each Add leaves "n so far" on the card pressed, Done leaves the count', async () => {
    const question = ROWS.question as RowsQuestion;
    const user = bot.user();
    let rows = newestCard(await inNormalMode(connector, user, { value: { sg: 'edit', questionId: question.id } }));
    expect(questionIdOf(rows.card)).toBe(question.id);
    for (const count of [1, 2]) {
      const added = await press(user, rows, 'Add', rowInputs(rows.card, { text: `Row ${count}` }));
      expect(cardText(recordOf(added, rows))).toContain(
        `${count} ${count === 1 ? question.rowLabel : plural(question.rowLabel)} so far`,
      );
      rows = newestCard(added);
    }
    const done = await press(user, rows, 'Done — next question');
    const record = cardText(recordOf(done, rows)).replace(/\n/g, '');
    expect(record).toBe(
      `${ROWS.section.title} · ${ROWS.indexInSection} of ${ROWS.sectionTotal} — 2 ${plural(question.rowLabel)}`,
    );
  });
});

describe('no record for a submit that is refused', () => {
  it('an old card pressed again (stale), a made-up token and an empty answer: the kind message, no update', async () => {
    const user = bot.user();
    const first = await firstQuestion(user);
    await press(user, first, 'Next', { answer: '4' });
    const oldCard = { ...first }; // the card as posted: its buttons as Teams would still send them
    const stale = await press(user, oldCard, 'Next', { answer: '1' });
    expect(stale.updates).toEqual([]);
    expect(textsOf({ status: 200, activities: stale.delivered.map(({ activity }) => activity) }).join(' ')).toMatch(
      /isn't the current one/,
    );
    const current = newestCard(stale);
    const forged = await inNormalMode(connector, user, {
      value: { ...pressedValue(current.card, 'Skip'), token: 'made-up' },
      replyToId: current.id,
    });
    expect(forged.updates).toEqual([]);
    const empty = await inNormalMode(connector, user, {
      value: { ...submitData(current.card, 'Next'), answer: '   ' },
      replyToId: current.id,
    });
    expect(empty.updates).toEqual([]);
    expect(newestCard(empty).card).toEqual(current.card);
    expect(await storedAnswer(bot.containers, user.aadObjectId, FIRST.question.id)).toEqual({
      kind: 'rating',
      value: 4,
    });
  });

  it('nothing is updated while the answer is being stored, nor when it cannot be stored', async () => {
    const user = bot.user();
    const first = await firstQuestion(user);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const userWrites = (request: { target: string; operation: string }) =>
      request.target === 'users' && request.operation === 'batch';
    proxy.inject({ match: userWrites, fault: { heldUntil: held }, times: 1 });
    const before = proxy.faulted;
    const updatesBefore = connector.updates.length;
    const turn = press(user, first, 'Next', { answer: '4' });
    await until(() => proxy.faulted > before, 'the answer to be on its way to Cosmos DB');
    expect(connector.updates.length).toBe(updatesBefore);
    release();
    recordOf(await turn, first);

    const second = newestCard(await turn);
    proxy.inject({ match: userWrites, fault: { status: 503 } });
    const failed = await press(user, second, 'Next', { answer: 'Never stored' });
    expect(failed.updates).toEqual([]);
    expect(failed.delivered.map(({ activity }) => activity.text).join(' ')).toMatch(/try again/i);
  });

  it('expectReplies (tests, benchmarks): nothing was posted, so nothing is updated', async () => {
    const user = bot.user();
    const card = cardsOf(await user.say('start')).at(-1)!;
    const before = connector.updates.length;
    const reply = await user.post({
      type: 'message',
      value: pressedValue(card, 'Next', { answer: '4' }),
      replyToId: 'activity-1',
      serviceUrl: connector.serviceUrl,
    });
    expect(cardsOf(reply).length).toBeGreaterThan(0);
    expect(connector.updates.length).toBe(before);
  });
});

describe('an update the connector refuses', () => {
  it.each([403, 404, 502])('%i: logged without the answer, the turn goes on, the answer is stored', async (status) => {
    const secret = `Merger-codename-${status}-Falcon`;
    const user = bot.user();
    const first = await firstQuestion(user);
    const textCard = newestCard(await press(user, first, 'Next', { answer: '3' }));
    connector.refuseUpdates(status);
    const logged = logLines.length;
    const turn = await press(user, textCard, 'Next', { answer: secret });
    expect(turn.status).toBe(200);
    expect(turn.updates.map(({ outcome }) => outcome)).toEqual([status]);
    expect(questionIdOf(newestCard(turn).card)).not.toBe(questionIdOf(textCard.card));
    expect(await storedAnswer(bot.containers, user.aadObjectId, questionIdOf(textCard.card))).toEqual({
      kind: 'text',
      text: secret,
    });
    const lines = logLines.slice(logged).map((line) => JSON.parse(line) as Json);
    expect(lines.filter((line) => line.event === 'reply.update-failed')).toEqual([
      expect.objectContaining({ status, attempts: 1, activityId: expect.any(String) }),
    ]);
    expect(lines.some((line) => line.event === 'turn.done')).toBe(true);
    expect(logLines.join('\n')).not.toContain(secret);
  });
});
