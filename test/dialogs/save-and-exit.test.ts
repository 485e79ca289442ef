/**
 * Leaving a question or rows card with something typed on it: "Save & exit" and "Back" carry the card's inputs
 * (as Next and Done do) and keep what was typed, or say plainly what was not kept; neither is ever blocked, even
 * with an empty form. Through the real bot (HTTP + CloudAdapter + embedded Cosmos), buttons pressed as Teams
 * presses them (scripts/bench/press-button.ts).
 */
import type { AnswerValue } from '../../src/domain/answers';
import { answerId } from '../../src/storage/user-docs';
import { pressButton, pressedValue } from '../../scripts/bench/press-button';
import { cardKind, inputsOf, questionIdOf, type Card } from '../cards-sent/drive';
import { openQuestion, storedState } from '../bad-input/checks';
import {
  cardsOf,
  startTestBot,
  TENANT,
  textsOf,
  type TestBot,
  type TestUser,
  type TurnReply,
} from '../support/bot-harness';

const SAVED = 'Saved. Your answers are stored — type **resume** whenever you want to carry on.';
const PAUSED = "Paused. Everything else you've answered is stored — type **resume** whenever you want to carry on.";
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot.close();
});

async function storedAnswer(user: TestUser, questionId: string): Promise<AnswerValue | undefined> {
  const { resource } = await bot.containers.users
    .item(answerId(user.aadObjectId, questionId), [TENANT, user.aadObjectId])
    .read<{ value: AnswerValue }>();
  return resource?.value;
}

function newestCard(reply: TurnReply): Card {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error('the reply had no card');
  return card;
}

function valueOf(card: Card, inputId: string): unknown {
  return inputsOf(card).find((input) => input.id === inputId)?.value;
}

describe('Save & exit on a question card', () => {
  it('stores a typed answer, says it is saved, and resume shows it', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-innovation-areas');
    const reply = await user.press(card, 'Save & exit', { answer: 'Faster proposals' });
    expect(textsOf(reply)).toEqual([SAVED]);
    expect(cardsOf(reply)).toEqual([]);
    expect(await storedAnswer(user, 'bi-innovation-areas')).toEqual({ kind: 'text', text: 'Faster proposals' });

    const resumed = newestCard(await user.say('resume'));
    expect(questionIdOf(resumed)).toBe('bi-innovation-areas');
    expect(valueOf(resumed, 'answer')).toBe('Faster proposals');
  });

  it('is never blocked by an empty form, and then stores nothing', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-innovation-areas');
    expect(pressButton(card, 'Save & exit')).toMatchObject({ sent: true });
    const before = await storedState(bot, user);
    expect(textsOf(await user.press(card, 'Save & exit'))).toEqual([SAVED]);
    expect(await storedState(bot, user)).toEqual(before);
  });

  it('an empty Next reaches the bot too, which asks for an answer and keeps the card', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-innovation-areas');
    const reply = await user.press(card, 'Next');
    expect(textsOf(reply)).toEqual(['Please choose or write an answer first, or press **Skip**.']);
    expect(questionIdOf(newestCard(reply))).toBe('bi-innovation-areas');
  });

  it('does not store a forged answer, says so plainly, and still pauses', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-feedback-loops');
    const before = await storedState(bot, user);
    const reply = await user.submit({ ...pressedValue(card, 'Save & exit'), answer: '9' });
    expect(textsOf(reply)).toEqual([
      "Your answer to this question wasn't saved. That choice isn't one of the options on the card. Please pick one of them.",
      PAUSED,
    ]);
    expect(cardsOf(reply)).toEqual([]);
    expect(await storedState(bot, user)).toEqual(before);
    expect(questionIdOf(newestCard(await user.say('resume')))).toBe('bi-feedback-loops');
  });
});

describe('Back on a question card', () => {
  it('keeps a changed answer: the question shows it when you come forward again', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-feedback-loops');
    const back = await user.press(card, 'Back', { answer: '4' });
    expect(textsOf(back)).toEqual([]);
    expect(questionIdOf(newestCard(back))).toBe('bi-innovation-areas');
    expect(await storedAnswer(user, 'bi-feedback-loops')).toEqual({ kind: 'rating', value: 4 });
    const forward = newestCard(await user.press(newestCard(back), 'Skip'));
    expect(questionIdOf(forward)).toBe('bi-feedback-loops');
    expect(valueOf(forward, 'answer')).toBe('4');
  });
});

describe('Save & exit on a rows card', () => {
  it('stores a typed row, says so in the person’s own words, then pauses', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'am-want');
    const reply = await user.press(card, 'Save & exit', { 'field.statement': 'Fewer status reports' });
    expect(
      reply.activities.filter((activity) => activity.text).map(({ text, textFormat }) => [text, textFormat]),
    ).toEqual([
      ['Saved your statement “Fewer status reports”.', 'plain'],
      [SAVED, undefined],
    ]);
    expect(await storedAnswer(user, 'am-want')).toEqual({
      kind: 'rows',
      rows: [{ rowId: expect.any(String), statement: 'Fewer status reports' }],
    });
  });

  it('does not store a row missing a required field, and says what it still needed', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'uc-use-cases');
    const before = await storedState(bot, user);
    const reply = await user.press(card, 'Save & exit', { 'field.value': '5' });
    expect(textsOf(reply)).toEqual([`The use case you started wasn't saved. It still needed "Use case".`, PAUSED]);
    expect(await storedState(bot, user)).toEqual(before);
  });

  it('an untouched form pauses as before, storing nothing', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'uc-use-cases');
    const before = await storedState(bot, user);
    expect(textsOf(await user.press(card, 'Save & exit'))).toEqual([SAVED]);
    expect(await storedState(bot, user)).toEqual(before);
  });

  it('a two-page row: part 1 alone is not a row (said so), both parts are stored', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'sm-metrics');
    const before = await storedState(bot, user);
    const partOne = await user.press(card, 'Save & exit', { 'field.goal': 'revenue' });
    expect(textsOf(partOne)).toEqual([
      `The metric you started wasn't saved. It still needed "Metric" and "Target".`,
      PAUSED,
    ]);
    expect(await storedState(bot, user)).toEqual(before);

    const resumed = newestCard(await user.say('resume'));
    const pageTwo = newestCard(await user.press(resumed, 'Done — next question', { 'field.goal': 'revenue' }));
    expect(cardKind(pageTwo)).toBe('rows-page-2');
    const empty = await user.press(pageTwo, 'Save & exit');
    expect(textsOf(empty)).toEqual([
      `The metric you started wasn't saved. It still needed "Metric" and "Target".`,
      PAUSED,
    ]);

    const again = newestCard(
      await user.press(newestCard(await user.say('resume')), 'Add', { 'field.goal': 'revenue' }),
    );
    const saved = await user.press(again, 'Save & exit', { 'field.metric': 'conversion-rate', 'field.target': '4%' });
    expect(textsOf(saved)).toEqual(['Saved your metric “Revenue”.', SAVED]);
    expect(await storedAnswer(user, 'sm-metrics')).toEqual({
      kind: 'rows',
      rows: [{ rowId: expect.any(String), goal: 'revenue', metric: 'conversion-rate', target: '4%' }],
    });
  });
});

describe('Back on a rows card', () => {
  it('stores a typed row before going back, and says so', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'am-do-not-want');
    const reply = await user.press(card, 'Back', { 'field.statement': 'Decide who gets promoted' });
    expect(textsOf(reply)).toEqual(['Saved your statement “Decide who gets promoted”.']);
    expect(questionIdOf(newestCard(reply))).toBe('am-want');
    expect(await storedAnswer(user, 'am-do-not-want')).toMatchObject({
      rows: [{ statement: 'Decide who gets promoted' }],
    });
  });

  it('on part 2 returns to part 1 with it kept, and says that part 2 must be filled in again', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'sm-metrics');
    const pageTwo = newestCard(await user.press(card, 'Add', { 'field.goal': 'revenue' }));
    const back = await user.press(pageTwo, 'Back', { 'field.target': '4%' });
    expect(textsOf(back)).toEqual([
      'Going back to part 1 clears part 2 of this metric (what it offers depends on part 1): please fill it in again.',
    ]);
    expect(cardKind(newestCard(back))).toBe('rows');
    expect(valueOf(newestCard(back), 'field.goal')).toBe('revenue');
  });
});
