/**
 * Rows cards (use cases, ambition statements, metrics, build approaches) when a person types a row and presses
 * "Done — next question" instead of "Add": through the real bot (HTTP + CloudAdapter + embedded Cosmos), with
 * buttons pressed as Teams presses them (scripts/bench/press-button.ts).
 */
import type { AnswerValue, RowValue } from '../../src/domain/answers';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { pressedValue } from '../../scripts/bench/press-button';
import {
  answerInputs,
  cardKind,
  Conversation,
  inputsOf,
  questionIdOf,
  rowInputs,
  type Card,
} from '../cards-sent/drive';
import { openQuestion, storedState } from '../bad-input/checks';
import { cardsOf, cardText, startTestBot, submitData, TENANT, textsOf, type TestBot } from '../support/bot-harness';

const DONE = 'Done — next question';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot.close();
});

async function storedRows(userId: string): Promise<Map<string, RowValue[]>> {
  const answers = await new CosmosAnswerStore(bot.containers.users).listForUser(TENANT, userId);
  return new Map(
    answers.flatMap(({ questionId, value }: { questionId: string; value: AnswerValue }) =>
      value.kind === 'rows' ? [[questionId, value.rows]] : [],
    ),
  );
}

describe('Done on a rows card with a typed row', () => {
  it('keeps every typed row of a whole walk in Cosmos and on the summary, and says so each time', async () => {
    const talk = new Conversation(bot.user());
    await talk.say('start full');
    const typed = new Map<string, string>();
    const said: { text?: string; textFormat?: string }[] = [];
    for (let turn = 0; cardKind(talk.last) !== 'summary'; turn++) {
      if (turn > 120) throw new Error('the walk did not reach the summary');
      const card = talk.last;
      const kind = cardKind(card);
      if (kind === 'question') {
        await talk.press('Next', answerInputs(card, { text: 'A considered answer', rating: '4' }));
        continue;
      }
      if (kind !== 'rows' && kind !== 'rows-page-2') throw new Error(`unexpected ${kind} card`);
      const questionId = questionIdOf(card);
      const text = `Typed for ${questionId}`;
      if (kind === 'rows' && typed.has(questionId)) throw new Error(`${questionId}: the card came back empty`);
      typed.set(questionId, text);
      const reply = await talk.press(DONE, rowInputs(card, { text }));
      said.push(...reply.activities.filter((activity) => activity.text));
    }

    const rows = await storedRows(talk.user.aadObjectId);
    expect([...typed.keys()]).toEqual(['uc-use-cases', 'am-want', 'am-do-not-want', 'sm-metrics', 'dr-build-approach']);
    expect([...rows.keys()].sort()).toEqual([...typed.keys()].sort());
    for (const stored of rows.values()) expect(stored).toHaveLength(1);
    expect(rows.get('uc-use-cases')?.[0]).toMatchObject({
      title: 'Typed for uc-use-cases',
      value: 4,
      feasibility: 4,
      goal: 'customer-satisfaction',
      share: 'yes',
    });
    expect(rows.get('am-want')?.[0]).toMatchObject({ statement: 'Typed for am-want' });
    expect(rows.get('am-do-not-want')?.[0]).toMatchObject({ statement: 'Typed for am-do-not-want' });
    const useCaseId = rows.get('uc-use-cases')?.[0].rowId;
    expect(rows.get('sm-metrics')?.[0]).toMatchObject({
      'use-case': useCaseId,
      baseline: 'Typed for sm-metrics',
      target: 'Typed for sm-metrics',
    });
    // The first option of every guided question: personal productivity on general knowledge, so a ready-made Copilot.
    expect(rows.get('dr-build-approach')?.[0]).toMatchObject({ 'use-case': useCaseId, approach: 'm365-copilot-saas' });

    const summary = cardText(talk.last);
    for (const questionId of ['am-want', 'am-do-not-want', 'sm-metrics'])
      expect(summary).toContain(`Typed for ${questionId}`);
    expect(summary).not.toContain('No metrics yet');
    // Each row is confirmed in the person's own words, as plain text (never rendered as markdown).
    const saved = said.filter(({ text }) => text?.startsWith('Saved your'));
    expect(saved.map(({ text }) => text)).toEqual([
      'Saved your use case “Typed for uc-use-cases” and moved on.',
      'Saved your statement “Typed for am-want” and moved on.',
      'Saved your statement “Typed for am-do-not-want” and moved on.',
      expect.stringMatching(/^Saved your metric “.+” and moved on\.$/),
      'Saved your build approach “Typed for uc-use-cases” and moved on.',
    ]);
    expect(saved.every(({ textFormat }) => textFormat === 'plain')).toBe(true);
    expect(said.map(({ text }) => text)).toContainEqual(expect.stringMatching(/^One more step to save this metric/));
  }, 120_000);

  it('moves on without a word about rows when the form was left untouched, as before', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'am-want');
    const reply = await user.press(card, DONE);
    expect(textsOf(reply)).toEqual([]);
    expect(questionIdOf(cardsOf(reply).at(-1) as Card)).toBe('am-do-not-want');
    expect((await storedRows(user.aadObjectId)).size).toBe(0);
  });

  it('takes a form holding only zero-width characters as untouched: it moves on and stores nothing', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'am-want');
    const reply = await user.press(card, DONE, { 'field.statement': '\u200b\u200d\ufeff' });
    expect(textsOf(reply)).toEqual([]);
    expect(questionIdOf(cardsOf(reply).at(-1) as Card)).toBe('am-do-not-want');
    expect((await storedRows(user.aadObjectId)).size).toBe(0);
  });

  it('shows a row missing a required field again with what was typed, and the card in hand still works', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'uc-use-cases');
    const reply = await user.press(card, DONE, { 'field.value': '5', 'field.feasibility': 'dk' });
    expect(textsOf(reply)).toEqual([
      'Nearly there. Please fill in "Use case" as well, then press **Done** again to save this use case, or press **Skip** to move on without it.',
    ]);
    const again = cardsOf(reply).at(-1) as Card;
    expect(questionIdOf(again)).toBe('uc-use-cases');
    expect(Object.fromEntries(inputsOf(again).map((input) => [input.id, input.value]))).toEqual({
      'field.title': '',
      'field.value': '5',
      'field.feasibility': 'dk',
      'field.goal': '',
      'field.goal.own': '',
      'field.share': 'true',
    });
    expect((await storedRows(user.aadObjectId)).size).toBe(0);

    const saved = await user.press(card, DONE, { 'field.title': 'Triage tickets', 'field.value': '5' });
    expect(textsOf(saved)).toEqual(['Saved your use case “Triage tickets” and moved on.']);
    expect((await storedRows(user.aadObjectId)).get('uc-use-cases')).toEqual([
      { rowId: expect.any(String), title: 'Triage tickets', value: 5, share: 'yes' },
    ]);
  });

  it('takes a two-page row to its second page, keeps asking for it there, and Back keeps page one', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'sm-metrics');
    const partTwo = await user.press(card, DONE, { 'field.goal': 'revenue' });
    expect(textsOf(partTwo).join(' ')).toMatch(/^One more step to save this metric: fill in part 2/);
    const pageTwo = cardsOf(partTwo).at(-1) as Card;
    expect(cardKind(pageTwo)).toBe('rows-page-2');

    const empty = await user.press(pageTwo, DONE);
    expect(textsOf(empty)).toEqual([
      'Nearly there. Please fill in "Metric" and "Target" as well, then press **Done** again to save this metric, or press **Skip** to move on without it.',
    ]);
    expect(cardKind(cardsOf(empty).at(-1) as Card)).toBe('rows-page-2');

    const back = cardsOf(await user.press(pageTwo, 'Back')).at(-1) as Card;
    expect(cardKind(back)).toBe('rows');
    expect(inputsOf(back).find((input) => input.id === 'field.goal')?.value).toBe('revenue');
    const skipped = await user.press(back, 'Skip');
    expect(questionIdOf(cardsOf(skipped).at(-1) as Card)).toBe('sm-metrics-agreed');
    expect((await storedRows(user.aadObjectId)).size).toBe(0);
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    ['text past the limit', 'uc-use-cases', { 'field.title': 'x'.repeat(201) }, /the limit here is 200/],
    ['a rating the scale lacks', 'uc-use-cases', { 'field.title': 'Fine', 'field.value': '9' }, /"Business value"/],
    ['a number for text', 'am-want', { 'field.statement': 42 }, /doesn't look right/],
    ['a goal the pack lacks', 'sm-metrics', { 'field.goal': 'world-domination' }, /"Business goal"/],
    ['a use case that is not theirs', 'sm-metrics', { 'field.goal': 'revenue', 'field.use-case': 'f00' }, /"Use case"/],
  ])('a forged Done with %s is refused exactly as Add refuses it, storing nothing', async (_name, id, forged, said) => {
    const replies: string[] = [];
    for (const button of ['Add', DONE]) {
      const user = bot.user();
      const card = await openQuestion(user, id);
      const before = await storedState(bot, user);
      const reply = await user.submit({ ...submitData(card, button), ...forged });
      replies.push(textsOf(reply).join(' '));
      expect(cardsOf(reply).map((sent) => questionIdOf(sent))).toEqual([id]);
      expect(await storedState(bot, user)).toEqual(before);
    }
    expect(replies[0]).toMatch(said);
    expect(replies[1]).toBe(replies[0]);
  });

  it("refuses Done from another question's card with a row typed into it, storing nothing", async () => {
    const user = bot.user();
    const useCases = await openQuestion(user, 'uc-use-cases');
    await user.press(useCases, 'Skip');
    const before = await storedState(bot, user);
    const reply = await user.submit(pressedValue(useCases, DONE, { 'field.title': 'Late idea' }));
    expect(textsOf(reply).join(' ')).toMatch(/isn't the current one/);
    expect(questionIdOf(cardsOf(reply).at(-1) as Card)).toBe('uc-value-clarity');
    expect(await storedState(bot, user)).toEqual(before);
  });
});
