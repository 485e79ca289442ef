/**
 * Answers checked against the content pack (SPEC §6): ratings outside 1–5, options a question does not
 * have, "none" mixed with other choices, text far over the limit. Each gets HTTP 200 and a clear message,
 * stores nothing, and the same card's button with a valid answer still works.
 */
import { cardsOf, submitData, textsOf, startTestBot, type TestBot, type TestUser } from '../support/bot-harness';
import { cardKind } from '../cards-sent/drive';
import {
  answerDoc,
  expectClearReply,
  expectSameQuestionCard,
  expectStillOn,
  openQuestion,
  storedState,
  type Card,
} from './checks';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

const HUNDRED_KB = 'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(102_400 / 28)).slice(0, 102_400);

/** Opens `questionId`, sends `inputs` with `button`, expects a clear rejection naming `reason`, nothing stored, and `valid` accepted afterwards. */
async function expectInvalid(
  questionId: string,
  inputs: Record<string, unknown>,
  valid: Record<string, unknown>,
  reason: RegExp,
  button = 'Next',
  prepare?: (user: TestUser, card: Card) => Promise<Card>,
): Promise<void> {
  const user = bot.user();
  let card = await openQuestion(user, questionId);
  if (prepare) card = await prepare(user, card);
  const before = await storedState(bot, user);
  const reply = await user.submit({ ...inputs, ...submitData(card, button) });
  expectClearReply(reply);
  expect(textsOf(reply).join('\n')).toMatch(reason);
  expectSameQuestionCard(reply, card);
  expect(await storedState(bot, user)).toEqual(before);
  await expectStillOn(bot, user, card, valid, button);
}

describe('a rating outside the scale', () => {
  it.each<[string, unknown]>([
    ['"7"', '7'],
    ['"0"', '0'],
    ['"-1"', '-1'],
    ['"3.5"', '3.5'],
    ['"6"', '6'],
    ['" 3" (padded)', ' 3'],
    ['"03"', '03'],
    ['"1e0"', '1e0'],
    ['"3,4" (two ratings)', '3,4'],
    ['"DK" (wrong case)', 'DK'],
    ['the number 3 instead of a string', 3],
    ['an array', ['3']],
  ])('%s is refused', async (_name, answer) => {
    await expectInvalid(
      'bi-industry-impact',
      { answer },
      { answer: '3' },
      /options on the card|choose or write an answer/,
    );
  });

  it.each(['7', '0', '-1', '3.5'])('a rating field of a use-case row set to "%s" is refused', async (rating) => {
    await expectInvalid(
      'uc-use-cases',
      { 'field.title': 'Draft replies', 'field.value': rating, 'field.feasibility': '4' },
      { 'field.title': 'Draft replies', 'field.value': '5' },
      /Please pick one of the listed options for "Business value"/,
      'Add',
    );
  });
});

describe('an option the question does not have', () => {
  it.each<[string, string]>([
    ['an unknown option', 'teleport'],
    ['two options at once', 'not-yet,ad-hoc'],
    ['an option of another question', 'training'],
    ['a label instead of a value', 'Not yet'],
  ])('single choice: %s is refused', async (_name, answer) => {
    await expectInvalid('bi-change-channels', { answer }, { answer: 'two-way' }, /isn't one of the options/);
  });

  it.each<[string, string]>([
    ['an unknown option', 'teleport'],
    ['a known option with an unknown one', 'training,teleport'],
    ['commas only', ',,,'],
    ['an option of another question', 'two-way'],
  ])('multiple choice: %s is refused', async (_name, answer) => {
    await expectInvalid(
      'ba-awareness-initiatives',
      { answer },
      { answer: 'training,workshops' },
      /isn't one of the options|choose or write/,
    );
  });

  it.each(['none,training', 'training,none', 'workshops,none,hackathons'])(
    'multiple choice: the exclusive "none" mixed with others (%s) is refused',
    async (answer) => {
      await expectInvalid('ba-awareness-initiatives', { answer }, { answer: 'none' }, /can't be combined/);
    },
  );

  const buildAnswers = {
    'field.users': 'process',
    'field.own-data': 'systems',
    'field.custom-model': 'no',
    'field.skills': 'makers',
    'field.time-to-value': 'weeks',
  };

  it.each<[string, Record<string, string>, string]>([
    ['who will use it: an unknown option', { 'field.users': 'robots' }, 'Who will use it'],
    ['own data: an option of another field', { 'field.own-data': 'makers' }, 'Needs our own data'],
    ['a model of its own: a label instead of a value', { 'field.custom-model': 'No' }, 'Needs a model of its own'],
    ["the team's skills: two options at once", { 'field.skills': 'makers,developers' }, "The team's skills"],
    ['value needed: a former build approach', { 'field.time-to-value': 'buy-saas' }, 'Value needed'],
    ['a use case that does not exist', { 'field.use-case': 'deadbeef' }, 'Use case'],
  ])('rows: a build approach with %s is refused', async (_name, inputs, label) => {
    await expectInvalid(
      'dr-build-approach',
      { ...buildAnswers, ...inputs },
      buildAnswers,
      new RegExp(`Please pick one of the listed options for "${label}"`),
      'Add',
    );
  });

  it('rows: a metric of another goal is refused on page two', async () => {
    await expectInvalid(
      'sm-metrics',
      { 'field.metric': 'defect-rate', 'field.target': '90%', 'field.time-frame': '6-months' },
      { 'field.metric': 'csat', 'field.target': '90%', 'field.time-frame': '6-months' },
      /Please pick one of the listed options for "Metric"/,
      'Add',
      async (user, card) => {
        const reply = await user.submit({ ...submitData(card, 'Add'), 'field.goal': 'customer-satisfaction' });
        const pageTwo = cardsOf(reply).at(-1) as Card;
        expect(cardKind(pageTwo)).toBe('rows-page-2');
        return pageTwo;
      },
    );
  });
});

describe("a use case's goal and consent toggle", () => {
  const title = { 'field.title': 'Draft replies' };

  it.each<[string, unknown]>([
    ['"yes"', 'yes'],
    ['"TRUE" (wrong case)', 'TRUE'],
    ['"on"', 'on'],
    ['"1"', '1'],
    ['" true" (padded)', ' true'],
    ['"true,false" (both)', 'true,false'],
    ['the boolean true instead of a string', true],
    ['an array', ['true']],
    ['an object', { on: true }],
    ['null', null],
  ])('a toggle value of %s is refused, never taken for a yes', async (_name, share) => {
    await expectInvalid(
      'uc-use-cases',
      { ...title, 'field.share': share },
      { ...title, 'field.share': 'true' },
      /"Share this idea with leaders \(without my name\)" doesn't look right\. Please switch it on or off again\./,
      'Add',
    );
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'an unknown goal',
      { 'field.goal': 'world-peace' },
      /Please pick one of the listed options for "Business goal it serves"/,
    ],
    [
      'a metric instead of a goal',
      { 'field.goal': 'csat' },
      /Please pick one of the listed options for "Business goal/,
    ],
    ['a goal label instead of its value', { 'field.goal': 'Revenue' }, /Please pick one of the listed options/],
    ['"own" with nothing typed', { 'field.goal': 'own' }, /Please write your own business goal it serves/],
    ['an own goal of 100 KB', { 'field.goal': 'own', 'field.goal.own': HUNDRED_KB }, /the limit here is 200/],
  ])('%s is refused, no row added', async (_name, goal, reason) => {
    await expectInvalid('uc-use-cases', { ...title, ...goal }, { ...title, 'field.goal': 'revenue' }, reason, 'Add');
  });

  it('a row without its title is refused whatever the toggle and goal say', async () => {
    await expectInvalid(
      'uc-use-cases',
      { 'field.goal': 'revenue', 'field.share': 'true' },
      { ...title, 'field.share': 'true' },
      /Please fill in "Use case"/,
      'Add',
    );
  });

  it('a submit without the toggle (forged, or a card from before it was asked) stores the row as not shared', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'uc-use-cases');
    await expectStillOn(bot, user, card, { ...title, 'field.goal': 'revenue' }, 'Add');
    const value = (await answerDoc(bot, user.aadObjectId, 'uc-use-cases'))?.value;
    expect(value).toEqual({
      kind: 'rows',
      rows: [{ rowId: expect.any(String), title: 'Draft replies', goal: 'revenue', share: 'no' }],
    });
  });
});

describe('100 KB of text', () => {
  it.each<[string, string]>([
    ['a short text question', 'bi-innovation-areas'],
    ['a long text question', 'bi-employee-changes'],
  ])('on %s (card submit): refused with the limit named', async (_name, questionId) => {
    await expectInvalid(
      questionId,
      { answer: HUNDRED_KB },
      { answer: 'Self-service support' },
      /102,400 characters; the limit here is/,
    );
  });

  it('typed as a message while a text question is open: refused with the limit named', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'bi-employee-changes');
    const before = await storedState(bot, user);
    const reply = await user.say(HUNDRED_KB);
    expectClearReply(reply);
    expect(textsOf(reply).join('\n')).toMatch(/the limit here is 2,000/);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: 'Less copy-pasting' });
  });

  it.each<[string, string, Record<string, string>]>([
    ['the use-case title', 'uc-use-cases', { 'field.title': HUNDRED_KB }],
    ['an ambition statement', 'am-want', { 'field.statement': HUNDRED_KB }],
    ['the "do not want" statement', 'am-do-not-want', { 'field.statement': HUNDRED_KB }],
    ['an own business goal', 'sm-metrics', { 'field.goal': 'own', 'field.goal.own': HUNDRED_KB }],
  ])('in a rows text field (%s): refused, no row added', async (_name, questionId, inputs) => {
    const validField = Object.keys(inputs)[0];
    const valid = questionId === 'sm-metrics' ? null : { [validField]: 'A short one' };
    if (valid) {
      await expectInvalid(questionId, inputs, valid, /102,400 characters; the limit here is 200/, 'Add');
      return;
    }
    const user = bot.user();
    const card = await openQuestion(user, questionId);
    const before = await storedState(bot, user);
    const reply = await user.submit({ ...inputs, ...submitData(card, 'Add') });
    expectClearReply(reply);
    expect(textsOf(reply).join('\n')).toMatch(/102,400 characters; the limit here is 200/);
    expect(await storedState(bot, user)).toEqual(before);
  });

  it('in a page-two text field of a metrics row (the target): refused, no row added, page two still works', async () => {
    await expectInvalid(
      'sm-metrics',
      { 'field.metric': 'nps', 'field.target': HUNDRED_KB, 'field.time-frame': '6-months' },
      { 'field.metric': 'nps', 'field.target': '+10', 'field.time-frame': '6-months' },
      /102,400 characters; the limit here is 200/,
      'Add',
      async (user, card) =>
        cardsOf(await user.submit({ ...submitData(card, 'Add'), 'field.goal': 'customer-satisfaction' })).at(
          -1,
        ) as Card,
    );
  });
});

describe('empty or missing required values', () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['a rating question with no answer', 'bi-industry-impact', {}, { answer: '2' }, 'Next'],
    [
      'a text question with only spaces and control characters',
      'bi-innovation-areas',
      { answer: ' \u0007\t \u0000 ' },
      { answer: 'Proposals' },
      'Next',
    ],
    ['a use case without its title', 'uc-use-cases', { 'field.value': '4' }, { 'field.title': 'Proposals' }, 'Add'],
    [
      'a use case whose title is an object',
      'uc-use-cases',
      { 'field.title': { text: 'x' } },
      { 'field.title': 'Proposals' },
      'Add',
    ],
  ])('%s: refused', async (_name, questionId, inputs, valid, button) => {
    await expectInvalid(questionId, inputs, valid, /Please|doesn't look right/, button);
  });
});
