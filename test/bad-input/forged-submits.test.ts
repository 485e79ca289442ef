/**
 * Card submits are untrusted (SPEC §6): a forged question id, an old card's button pressed again, a missing
 * or made-up token. Each gets HTTP 200 and a clear message, stores nothing, and leaves the user on the
 * question they were on: the current card's own button still works afterwards.
 */
import { cardsOf, submitData, textsOf, startTestBot, type TestBot, type TestUser } from '../support/bot-harness';
import { cardKind, questionIdOf } from '../cards-sent/drive';
import {
  expectClearReply,
  expectSameQuestionCard,
  expectStillOn,
  leaksIn,
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

/** A copy of `data` without `key`. */
function without(data: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([name]) => name !== key));
}

/** A user on the first question (a rating), with its card. */
async function onFirstQuestion(): Promise<{ user: TestUser; card: Card }> {
  const user = bot.user();
  const card = await openQuestion(user, 'bi-industry-impact');
  return { user, card };
}

/** Sends `forged`, then checks: clear reply, nothing stored, same question, and `card`'s Next with `valid` still works. */
async function expectRejected(
  user: TestUser,
  card: Card,
  forged: unknown,
  valid: Record<string, unknown> = { answer: '4' },
  button = 'Next',
) {
  const before = await storedState(bot, user);
  const reply = await user.submit(forged);
  expectClearReply(reply);
  expectSameQuestionCard(reply, card);
  expect(await storedState(bot, user)).toEqual(before);
  await expectStillOn(bot, user, card, valid, button);
}

describe('a forged question id', () => {
  it.each<[string, (data: Record<string, unknown>) => Record<string, unknown>]>([
    ['another question of the pack', (data) => ({ ...data, questionId: 'lb-commitment', answer: '5' })],
    ['a later text question, with text', (data) => ({ ...data, questionId: 'bi-innovation-areas', answer: 'forged' })],
    ['a question that does not exist', (data) => ({ ...data, questionId: 'no-such-question', answer: '5' })],
    ['no question id at all', (data) => ({ ...without(data, 'questionId'), answer: '5' })],
    ['a question id that is an array', (data) => ({ ...data, questionId: [data.questionId], answer: '5' })],
    ['a question id that is an object', (data) => ({ ...data, questionId: { $ne: null }, answer: '5' })],
    [
      'a rows question, with a row',
      (data) => ({
        ...data,
        sg: 'rows',
        rowAction: 'add',
        page: 1,
        questionId: 'uc-use-cases',
        'field.title': 'forged',
      }),
    ],
  ])('%s: rejected, nothing stored, still on the question', async (_name, forge) => {
    const { user, card } = await onFirstQuestion();
    await expectRejected(user, card, forge(submitData(card, 'Next')));
  });

  it('an Edit button for a question that does not exist: explained, nothing stored, still on the question', async () => {
    const { user, card } = await onFirstQuestion();
    const before = await storedState(bot, user);
    const reply = await user.submit({ sg: 'edit', questionId: '../../etc/passwd' });
    expectClearReply(reply);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: '2' });
  });
});

describe('identity in card data', () => {
  it("user and tenant ids in the submit are ignored: the answer is the sender's, in the sender's tenant", async () => {
    const { user, card } = await onFirstQuestion();
    const victim = bot.user();
    await openQuestion(victim, 'bi-industry-impact');
    const victimBefore = await storedState(bot, victim);
    const forged = {
      answer: '1',
      userId: victim.aadObjectId,
      aadObjectId: victim.aadObjectId,
      tenantId: 'other-tenant',
      from: { aadObjectId: victim.aadObjectId },
    };
    await expectStillOn(bot, user, card, forged);
    expect(await storedState(bot, victim)).toEqual({ ...victimBefore, aggregates: expect.anything() });
    expect(await storedState(bot, user, 'other-tenant')).toEqual({ answers: {}, aggregates: {}, person: null });
  });
});

describe('a stale token (an old card pressed again after moving on)', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['Next, with another answer', 'Next', { answer: '5' }],
    ['Next, with "don\'t know"', 'Next', { answer: 'dk' }],
    ['Skip', 'Skip', {}],
    ['Save & exit, with an answer typed', 'Save & exit', { answer: '5' }],
  ])(
    "the previous question's %s: rejected, its answer unchanged, still on the current question",
    async (_name, button, inputs) => {
      const { user, card: first } = await onFirstQuestion();
      const next = await user.submit({ ...submitData(first, 'Next'), answer: '3' });
      const second = cardsOf(next).at(-1) as Card;
      expect(questionIdOf(second)).toBe('bi-innovation-areas');
      await expectRejected(user, second, { ...inputs, ...submitData(first, button) }, { answer: 'Faster proposals' });
    },
  );

  it("the same question's older card after going Back to it: rejected, the newer card works", async () => {
    const { user, card: older } = await onFirstQuestion();
    const second = cardsOf(await user.submit({ ...submitData(older, 'Next'), answer: '3' })).at(-1) as Card;
    const newer = cardsOf(await user.submit(submitData(second, 'Back'))).at(-1) as Card;
    expect(questionIdOf(newer)).toBe('bi-industry-impact');
    expect(submitData(newer, 'Next').token).not.toBe(submitData(older, 'Next').token);
    await expectRejected(user, newer, { ...submitData(older, 'Next'), answer: '1' }, { answer: '5' });
  });

  it("an old rows card's Add pressed again after adding a row: no duplicate row", async () => {
    const user = bot.user();
    const rows = await openQuestion(user, 'uc-use-cases');
    const added = cardsOf(await user.submit({ ...submitData(rows, 'Add'), 'field.title': 'Summarise case files' })).at(
      -1,
    ) as Card;
    expect(cardKind(added)).toBe('rows');
    await expectRejected(
      user,
      added,
      { ...submitData(rows, 'Add'), 'field.title': 'Summarise case files' },
      { 'field.title': 'Draft replies' },
      'Add',
    );
  });

  it("an old rows card's Remove pressed again after the rows changed: nothing removed", async () => {
    const user = bot.user();
    const rows = await openQuestion(user, 'am-want');
    const one = cardsOf(await user.submit({ ...submitData(rows, 'Add'), 'field.statement': 'first' })).at(-1) as Card;
    const two = cardsOf(await user.submit({ ...submitData(one, 'Add'), 'field.statement': 'second' })).at(-1) as Card;
    await expectRejected(user, two, submitData(one, 'Remove'), { 'field.statement': 'third' }, 'Add');
  });

  it('an old delete confirmation pressed mid-question: nothing deleted, and still on the question', async () => {
    const { user, card } = await onFirstQuestion();
    const firstAsk = cardsOf(await user.say('delete my data')).at(-1) as Card;
    expect(cardKind(firstAsk)).toBe('confirm-delete');
    await user.say('delete my data'); // a second confirmation card replaces the first one's token
    await user.say('resume');
    await expectRejected(user, card, submitData(firstAsk, 'Yes, delete everything'), { answer: '4' });
  });
});

describe('the delete confirmation, answered mid-question without deleting', () => {
  it('"Keep my data": nothing deleted, and still on the question', async () => {
    const { user, card } = await onFirstQuestion();
    const ask = cardsOf(await user.say('delete my data')).at(-1) as Card;
    const before = await storedState(bot, user);
    const reply = await user.submit(submitData(ask, 'Keep my data'));
    expect(reply.status).toBe(200);
    expect(textsOf(reply).join(' ')).toMatch(/Nothing was deleted/);
    expect(await storedState(bot, user)).toEqual(before);
    await expectStillOn(bot, user, card, { answer: '4' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a forged token', { sg: 'confirmDelete', confirm: true, token: 'forged' }],
    ['no token', { sg: 'confirmDelete', confirm: true }],
    ['confirm given as the string "true"', { sg: 'confirmDelete', confirm: 'true', token: 'forged' }],
  ])('a confirmation with %s: nothing deleted, and still on the question', async (_name, forged) => {
    const { user, card } = await onFirstQuestion();
    await user.submit({ ...submitData(card, 'Next'), answer: '3' });
    const second = cardsOf(await user.say('resume')).at(-1) as Card;
    await expectRejected(user, second, forged, { answer: 'Proposals' });
  });
});

describe('a missing or made-up token', () => {
  it.each<[string, (data: Record<string, unknown>) => Record<string, unknown>]>([
    ['no token', (data) => without(data, 'token')],
    ['an empty token', (data) => ({ ...data, token: '' })],
    ['a null token', (data) => ({ ...data, token: null })],
    ['a numeric token', () => ({ sg: 'answer', questionId: 'bi-industry-impact', token: 0 })],
    ['a made-up token', (data) => ({ ...data, token: 'AAAAAAAAAAAA' })],
    ['a token in an array', (data) => ({ ...data, token: [data.token] })],
  ])('Next with %s: rejected, nothing stored, still on the question', async (_name, forge) => {
    const { user, card } = await onFirstQuestion();
    await expectRejected(user, card, { ...forge(submitData(card, 'Next')), answer: '5' });
  });

  it.each(['Skip', 'Back', 'Save & exit'])('%s without its token does not navigate', async (button) => {
    const { user, card: first } = await onFirstQuestion();
    const second = cardsOf(await user.submit({ ...submitData(first, 'Next'), answer: '3' })).at(-1) as Card;
    const data = without(submitData(second, button), 'token');
    await expectRejected(user, second, data, { answer: 'Self-service support' });
  });
});

describe('rows submits that claim a page the card is not on', () => {
  it('Add claiming page 2 of a one-page row (use cases): no row without its required title', async () => {
    const user = bot.user();
    const rows = await openQuestion(user, 'uc-use-cases');
    await expectRejected(
      user,
      rows,
      { ...submitData(rows, 'Add'), page: 2 },
      { 'field.title': 'Draft replies' },
      'Add',
    );
  });

  it('Add claiming page 2 while page 1 of a metrics row shows: no metric row without its required business goal', async () => {
    const user = bot.user();
    const rows = await openQuestion(user, 'sm-metrics');
    const forged = {
      ...submitData(rows, 'Add'),
      page: 2,
      'field.metric': 'own',
      'field.metric.own': 'Made-up metric',
      'field.target': '100%',
      'field.time-frame': '3-months',
    };
    const before = await storedState(bot, user);
    const reply = await user.submit(forged);
    expectClearReply(reply);
    expectSameQuestionCard(reply, rows);
    expect(await storedState(bot, user)).toEqual(before);
    // Still on page one of a new row: the card's Add with a goal leads to page two, which then stores the row.
    const pageTwo = cardsOf(await user.submit({ ...submitData(rows, 'Add'), 'field.goal': 'revenue' })).at(-1) as Card;
    expect(cardKind(pageTwo)).toBe('rows-page-2');
    await expectStillOn(
      bot,
      user,
      pageTwo,
      { 'field.metric': 'revenue-growth-rate', 'field.target': '+5%', 'field.time-frame': '12-months' },
      'Add',
    );
  });
});

describe('a build approach set on the card instead of worked out from the answers', () => {
  const answers = {
    'field.users': 'individual',
    'field.own-data': 'none',
    'field.custom-model': 'no',
    'field.skills': 'business',
    'field.time-to-value': 'weeks',
  };

  it.each<[string, string, Record<string, unknown>]>([
    ['Add', 'an approach of the decision', { 'field.approach': 'custom-model-iaas' }],
    ['Add', 'a build approach of the earlier pack', { 'field.approach': 'buy-saas' }],
    ['Add', 'an approach in the "own" input', { 'field.approach.own': 'Outsource it' }],
    ['Add', 'an approach that is not text', { 'field.approach': { id: 'custom-model-iaas' } }],
    ['Done — next question', 'an approach alone on an untouched form', { 'field.approach': 'ai-foundry-paas' }],
  ])('%s with %s: refused, nothing stored, the card still works', async (button, _name, forged) => {
    const user = bot.user();
    const rows = await openQuestion(user, 'dr-build-approach');
    const typed = button === 'Add' ? answers : {};
    await expectRejected(user, rows, { ...submitData(rows, button), ...typed, ...forged }, answers, 'Add');
  });

  it('Save & exit with one: the row is not kept, and the reply says why', async () => {
    const user = bot.user();
    const rows = await openQuestion(user, 'dr-build-approach');
    const before = await storedState(bot, user);
    const reply = await user.submit({ ...submitData(rows, 'Save & exit'), ...answers, 'field.approach': 'buy-saas' });
    expectClearReply(reply);
    expect(textsOf(reply)[0]).toBe(
      `The build approach you started wasn't saved. "Recommended approach" is worked out from your answers and can't be set on the card. Please answer the questions on the card instead.`,
    );
    expect(await storedState(bot, user)).toEqual(before);
  });
});

describe('forged Remove buttons on a rows card', () => {
  it.each<[string, unknown]>([
    ['an index past the end', 5],
    ['a negative index', -1],
    ['a fractional index', 0.5],
    ['an index as text', '0'],
    ['an index as an object', { valueOf: 0 }],
  ])('%s removes nothing and keeps the user on the question', async (_name, rowIndex) => {
    const user = bot.user();
    const rows = await openQuestion(user, 'am-do-not-want');
    const one = cardsOf(await user.submit({ ...submitData(rows, 'Add'), 'field.statement': 'decide about people' })).at(
      -1,
    ) as Card;
    const before = await storedState(bot, user);
    const reply = await user.submit({ ...submitData(one, 'Remove'), rowIndex });
    expect(reply.status).toBe(200);
    expect(leaksIn(reply)).toEqual([]);
    // An answer: a message, or at least the same rows card again.
    expect(textsOf(reply).length + cardsOf(reply).length).toBeGreaterThan(0);
    expectSameQuestionCard(reply, one);
    expect(await storedState(bot, user)).toEqual(before);
    // Still on the question: the card in front of the user (re-sent, or the one they had) adds a row.
    const current = cardsOf(reply).at(-1) ?? one;
    await expectStillOn(bot, user, current, { 'field.statement': 'replace people' }, 'Add');
  });
});
