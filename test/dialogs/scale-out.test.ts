import { answerId } from '../../src/storage/user-docs';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  textsOf,
  type TestBot,
  TENANT,
  type TurnReply,
} from '../support/bot-harness';
import { progressOf } from '../support/card-driver';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

function next(reply: TurnReply, answer: string): Record<string, unknown> {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`no card: ${textsOf(reply).join(' | ')}`);
  return { ...submitData(card, 'Next'), answer };
}

describe('two bot instances sharing Cosmos', () => {
  it('keeps one conversation consistent when turns alternate between instances with stale caches', async () => {
    const other = await bot.secondInstance();
    const onA = bot.user();
    const onB = bot.user(onA.aadObjectId, onA.name, other);

    let reply = await onA.say('start full');
    reply = await onA.submit(next(reply, '2'));
    reply = await onB.submit(next(reply, 'Faster claims'));
    expect(progressOf(cardsOf(reply).at(-1))).toBe('Business impact · 3 of 12');
    // Instance A still caches the session at question 2; the card from B must be accepted, not called stale.
    reply = await onA.submit(next(reply, '5'));
    expect(textsOf(reply).join(' ')).not.toMatch(/isn't the current one/);
    expect(progressOf(cardsOf(reply).at(-1))).toBe('Business impact · 4 of 12');
    reply = await onB.submit(next(reply, '3'));
    expect(progressOf(cardsOf(reply).at(-1))).toBe('Business impact · 5 of 12');

    for (const [questionId, value] of [
      ['bi-industry-impact', 2],
      ['bi-feedback-loops', 5],
    ] as const) {
      const { resource } = await bot.containers.users
        .item(answerId(onA.aadObjectId, questionId), [TENANT, onA.aadObjectId])
        .read();
      expect(resource?.value).toEqual({ kind: 'rating', value });
    }
  });

  it('shows the latest answers on an instance whose cached session is behind', async () => {
    const other = await bot.secondInstance();
    const onA = bot.user();
    const onB = bot.user(onA.aadObjectId, onA.name, other);
    await onA.submit(next(await onA.say('start full'), '2'));
    await onA.say('review');
    const onBCard = await onB.say('resume');
    await onB.submit(next(onBCard, 'Answered on the other instance'));
    const review = await onA.say('review');
    expect(cardText(cardsOf(review).at(-1))).toContain('Answered on the other instance');
  });

  it('stores a submit delivered twice only once', async () => {
    const user = bot.user();
    const first = await user.say('start full');
    const activity = { type: 'message', id: 'redelivered-1', value: next(first, '4') };
    const replies = [await user.post(activity), await user.post(activity)];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    const { resources } = await bot.containers.users.items
      .query({
        query: 'SELECT * FROM c WHERE c.userId = @u AND c.type = "answer"',
        parameters: [{ name: '@u', value: user.aadObjectId }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
  });

  it('loses no answer when one user sends two answers at the same moment', async () => {
    const user = bot.user();
    let reply = await user.say('start full');
    reply = await user.submit(next(reply, '4'));
    const card = next(reply, 'Answer A');
    const [a, b] = await Promise.all([user.submit(card), user.submit({ ...card, answer: 'Answer B' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const { resource } = await bot.containers.users
      .item(answerId(user.aadObjectId, 'bi-innovation-areas'), [TENANT, user.aadObjectId])
      .read();
    expect(['Answer A', 'Answer B']).toContain(resource?.value.text);
    const after = await user.say('resume');
    expect(progressOf(cardsOf(after).at(-1))).toBe('Business impact · 3 of 12');
  });
});
