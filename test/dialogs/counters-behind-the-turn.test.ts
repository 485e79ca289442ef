import { randomUUID } from 'node:crypto';
import { startTestBot, TestUser, type TestBot } from '../support/bot-harness';
import { answerCurrentCard } from '../support/card-driver';
import { answersCounted } from '../support/stored';
import { until } from '../support/wait';

/**
 * The counters move behind the turn, on the queue's own timer: a user talking to the bot without the harness's
 * settling after each turn (as in Teams) sees their answers counted a moment later.
 */
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

describe('counters behind the turn (real HTTP, CloudAdapter, embedded Cosmos; no settling)', () => {
  it("counts each answer shortly after the turn that stored it, on the queue's timer alone", async () => {
    const user = new TestUser(() => bot.app.url, randomUUID(), 'Una Settled');
    const first = 'bi-industry-impact';
    const before = await answersCounted(bot.containers, first);
    let reply = await user.say('start full');
    reply = await answerCurrentCard(user, reply);
    await until(
      async () => (await answersCounted(bot.containers, first)) === before + 1,
      'the first answer counted',
      5_000,
    );
    for (let answer = 0; answer < 3; answer++) reply = await answerCurrentCard(user, reply);
    await until(() => bot.app.counters.backlog === 0, 'every change written', 5_000);
    expect(await answersCounted(bot.containers, first)).toBe(before + 1);
  });
});
