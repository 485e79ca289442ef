/**
 * Messages that are not answers: empty or blank text, an unknown command, a card value that is not an
 * object, a huge or deeply nested value. Whether a question is open or not, each gets HTTP 200 and a clear
 * reply (never silence, never a stack trace), stores nothing, and leaves the user where they were.
 */
import { cardsOf, submitData, startTestBot, type TestBot, type TestUser, type TurnReply } from '../support/bot-harness';
import { cardKind, questionIdOf } from '../cards-sent/drive';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import {
  expectClearReply,
  expectSameQuestionCard,
  expectStillOn,
  messageWithRawValue,
  openQuestion,
  postAs,
  postRaw,
  replyOf,
  storedState,
  type Card,
} from './checks';

let bot: TestBot;
/** Where "start" takes a new person (an employee): the first question of the short path. */
const FIRST_QUESTION = [...new ContentIndex(loadContentPack()).pathFor(undefined, 'employee').questionIds][0];

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

/** Where the user stands when the odd message arrives, and a valid next step that must still work. */
interface Context {
  name: string;
  /** Puts a new user there; returns the card in front of them (none when no question is open). */
  enter(user: TestUser): Promise<Card | undefined>;
  valid?: { inputs: Record<string, unknown>; button: string };
  /** Typed text there is an answer, so "frobnicate" is not odd there. */
  typedTextIsAnAnswer?: boolean;
}

const CONTEXTS: Context[] = [
  {
    name: 'on a rating question',
    enter: (user) => openQuestion(user, 'bi-industry-impact'),
    valid: { inputs: { answer: '3' }, button: 'Next' },
  },
  {
    name: 'on a text question',
    enter: (user) => openQuestion(user, 'bi-innovation-areas'),
    valid: { inputs: { answer: 'Faster proposals' }, button: 'Next' },
    typedTextIsAnAnswer: true,
  },
  {
    name: 'on a rows card',
    enter: (user) => openQuestion(user, 'uc-use-cases'),
    valid: { inputs: { 'field.title': 'Draft replies' }, button: 'Add' },
  },
  {
    name: 'with no question open',
    enter: async (user) => {
      await user.say('hello'); // welcome card
      await user.say('help');
      return undefined;
    },
  },
];

/** Nested JSON far deeper than any card sends, as raw text (JSON.stringify cannot build it). */
const deeplyNested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const wide = (): Record<string, string> =>
  Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`k${i}`, 'v'.repeat(60)]));

interface OddInput {
  name: string;
  /** Typed text (the odd one only where typed text is not an answer). */
  typed?: boolean;
  send(user: TestUser, card: Card | undefined): Promise<TurnReply>;
}

const INPUTS: OddInput[] = [
  { name: 'an empty message', send: (user) => user.say('') },
  { name: 'a message with neither text nor value', send: (user) => postAs(user, { type: 'message', text: undefined }) },
  { name: 'whitespace only', send: (user) => user.say('  \n\t \u00a0\u3000 ') },
  { name: 'an unknown command', typed: true, send: (user) => user.say('frobnicate') },
  {
    name: 'an unknown command with a mention of the bot',
    typed: true,
    send: (user) => user.say('<at>Strategy Guide</at> frobnicate'),
  },
  { name: 'a value that is a string', send: (user) => user.submit('answer=5') },
  { name: 'a value that is an array', send: (user) => user.submit([{ sg: 'answer', answer: '5' }]) },
  { name: 'a value that is null', send: (user) => user.submit(null) },
  { name: 'a value that is a number', send: (user) => user.submit(42) },
  { name: 'a value that is true', send: (user) => user.submit(true) },
  { name: 'an empty object value', send: (user) => user.submit({}) },
  { name: 'an unknown command button', send: (user) => user.submit({ sg: 'command', command: 'frobnicate' }) },
  {
    name: 'a command button whose command is an object',
    send: (user) => user.submit({ sg: 'command', command: { toString: 'start' } }),
  },
  {
    name: 'a value nested 50,000 objects deep',
    send: async (user) => {
      const response = await postRaw(bot, messageWithRawValue(user, deeplyNested(50_000)));
      return replyOf(response.status, response.body);
    },
  },
  {
    name: 'a value nested 100,000 arrays deep',
    send: async (user) => {
      const response = await postRaw(bot, messageWithRawValue(user, deepArray(100_000)));
      return replyOf(response.status, response.body);
    },
  },
  {
    name: "the current card's own data with an answer nested 50,000 deep",
    send: async (user, card) => {
      const data = card
        ? JSON.stringify(submitData(card, questionIdOf(card) === 'uc-use-cases' ? 'Add' : 'Next'))
        : '{}';
      const field = card && questionIdOf(card) === 'uc-use-cases' ? 'field.title' : 'answer';
      const raw = `${data.slice(0, -1)}${data === '{}' ? '' : ','}"${field}":${deeplyNested(50_000)}}`;
      const response = await postRaw(bot, messageWithRawValue(user, raw));
      return replyOf(response.status, response.body);
    },
  },
  {
    name: 'a 300 KB value with 4,000 unknown keys',
    send: (user, card) => user.submit({ ...(card ? submitData(card, 'Skip') : {}), sg: 'junk', ...wide() }),
  },
];

const CASES = CONTEXTS.flatMap((context) =>
  INPUTS.filter((input) => !(input.typed && context.typedTextIsAnAnswer)).map(
    (input) => [context.name, input.name, context, input] as const,
  ),
);

describe.each(CONTEXTS.map((context) => [context.name, context] as const))('%s', (_contextName, context) => {
  const inputs = CASES.filter(([name]) => name === context.name).map(
    ([, inputName, , input]) => [inputName, input] as const,
  );

  it.each(inputs)('%s: a clear reply, nothing stored, the user where they were', async (_inputName, input) => {
    const user = bot.user();
    const card = await context.enter(user);
    const before = await storedState(bot, user);
    const reply = await input.send(user, card);
    expectClearReply(reply);
    if (card) expectSameQuestionCard(reply, card);
    else
      expect(
        cardsOf(reply)
          .map(cardKind)
          .filter((kind) => ['question', 'rows'].includes(kind)),
      ).toEqual([]);
    expect(await storedState(bot, user)).toEqual(before);

    if (card && context.valid) {
      // The card in front of the user (re-sent, or the one they had) still takes a valid answer.
      const current = cardsOf(reply).find((sent) => ['question', 'rows'].includes(cardKind(sent))) ?? card;
      await expectStillOn(bot, user, current, context.valid.inputs, context.valid.button);
    } else {
      const started = await user.say('start');
      expect(questionIdOf(cardsOf(started).at(-1) as Card)).toBe(FIRST_QUESTION);
    }
  });
});

describe('text that only looks like something', () => {
  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a byte-order mark and a word joiner', '\ufeff\u2060'],
    ['control characters', '\u0001\u0002\u0007'],
  ])('%s typed on a text question are not stored as an answer', async (_name, text) => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-innovation-areas');
    const before = await storedState(bot, user);
    const reply = await user.say(text);
    expectClearReply(reply);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: 'Faster proposals' });
  });
});
