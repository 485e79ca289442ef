/**
 * Choosing a path ("start full", "start short", or the welcome card's button) from words or data that name no path
 * of the content pack: a kind reply that lists the paths, and nothing stored changes. Words that only look like a
 * path choice, typed on an open free-text question, are that question's answer.
 */
import { cardsOf, textsOf, startTestBot, type TestBot } from '../support/bot-harness';
import { cardKind, questionIdOf } from '../cards-sent/drive';
import {
  answerDoc,
  expectClearReply,
  expectSameQuestionCard,
  expectStillOn,
  openQuestion,
  storedState,
} from './checks';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

const LISTS_THE_PATHS =
  /I don't know that path\. Type \*\*start short\*\* for the Short path \(14 questions, about 10 minutes\), or \*\*start full\*\* for the Full path \(36 questions, about 25 minutes\)/;

describe('a path the content pack does not have', () => {
  it.each([
    'start fulll',
    'start the long path',
    'Start quick!',
    'start 3',
    '<at>Strategy Guide</at> start everything',
  ])('typed with no question open (%s): the paths are listed, nothing changes', async (typed) => {
    const user = bot.user();
    await user.say('help');
    const before = await storedState(bot, user);
    const reply = await user.say(typed);
    expectClearReply(reply);
    expect(textsOf(reply).join(' ')).toMatch(LISTS_THE_PATHS);
    expect(cardsOf(reply)).toEqual([]);
    expect(await storedState(bot, user)).toEqual(before);
  });

  it.each<[string, unknown]>([
    ['an unknown id', 'everything'],
    ['an id in capitals', 'FULL'],
    ['a path-like string', '../../full'],
    ['a number', 42],
    ['an object', { id: 'full' }],
    ['null', null],
    ['a very long string', 'f'.repeat(5000)],
  ])('on a forged Start button (%s): the paths are listed, nothing changes', async (_name, path) => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-industry-impact');
    const before = await storedState(bot, user);
    const reply = await user.submit({ sg: 'command', command: 'start', path });
    expectClearReply(reply);
    expect(textsOf(reply).join(' ')).toMatch(LISTS_THE_PATHS);
    expectSameQuestionCard(reply, card);
    expect(await storedState(bot, user)).toEqual(before);
    // The question the person was on is still theirs to answer.
    await expectStillOn(bot, user, card, { answer: '4' });
  });
});

describe('words that look like a path choice on an open question', () => {
  it('"start small" on a free-text question is its answer, not a command', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-innovation-areas');
    const reply = await user.say('start small');
    expect(textsOf(reply).join(' ')).not.toMatch(/path/);
    expect((await answerDoc(bot, user.aadObjectId, 'bi-innovation-areas'))?.value).toEqual({
      kind: 'text',
      text: 'start small',
    });
    expect(questionIdOf(cardsOf(reply).at(-1)!)).not.toBe(questionIdOf(card));
  });

  it('"start short" on a free-text question switches path and stores no answer', async () => {
    const user = bot.user();
    await openQuestion(user, 'bi-innovation-areas');
    const reply = await user.say('start short');
    expect(textsOf(reply).join(' ')).toContain("You're on the **Short path** now");
    expect(await answerDoc(bot, user.aadObjectId, 'bi-innovation-areas')).toBeUndefined();
    expect(cardKind(cardsOf(reply).at(-1)!)).toBe('question');
    expect(questionIdOf(cardsOf(reply).at(-1)!)).toBe('bi-process-openness');
  });

  it('"start fast" on a rating question gets the rating question\'s own kind reply, storing nothing', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-industry-impact');
    const before = await storedState(bot, user);
    const reply = await user.say('start fast');
    expectClearReply(reply);
    expectSameQuestionCard(reply, card);
    expect(await storedState(bot, user)).toEqual(before);
  });
});
