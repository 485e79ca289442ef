import { jsonLogger } from '../../src/logging/logger';
import { cardsOf, startTestBot, submitData, type TestBot } from '../support/bot-harness';

const lines: string[] = [];
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ logger: jsonLogger((line) => lines.push(line)) });
}, 60_000);
afterAll(async () => {
  await bot.close();
});

describe('logs', () => {
  it('are one JSON object per line with the activity id, and never hold answer text or card tokens', async () => {
    const secret = 'Confidential-merger-plan-7f3a';
    const user = bot.user();
    const first = await user.say('start');
    const card = cardsOf(first).at(-1)!;
    const second = await user.submit({ ...submitData(card, 'Next'), answer: '4' });
    const textCard = cardsOf(second).at(-1)!;
    const token = String(submitData(textCard, 'Next').token);
    await user.submit({ ...submitData(textCard, 'Next'), answer: secret });
    await user.say('export');
    await user.submit({ sg: 'answer', questionId: 'forged', token: 'x', answer: secret });
    await user.post({ type: 'message', text: secret.repeat(3) });

    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.some((entry) => entry.event === 'turn.done' && typeof entry.activityId === 'string')).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(token);
  });
});
