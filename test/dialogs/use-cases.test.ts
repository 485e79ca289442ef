/**
 * Use cases with their business goal and the consent toggle ("Share this idea with leaders (without my name)"),
 * through the real bot (HTTP + CloudAdapter + embedded Cosmos), buttons pressed as Teams presses them: what is stored,
 * counted and quoted, what the person's summary shows, and what their export holds.
 */
import { total } from '../../src/aggregation/contributions';
import type { AnswerValue, RowValue } from '../../src/domain/answers';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { cardKind, Conversation, inputsOf, questionIdOf, type Card } from '../cards-sent/drive';
import { openQuestion } from '../bad-input/checks';
import { cardsOf, cardText, startTestBot, TENANT, textsOf, type TestBot } from '../support/bot-harness';
import { storedAnswer } from '../support/stored';
import { answerId, personId } from '../../src/storage/user-docs';
import { deleteData } from '../leadership/drive';
import { exportThroughOneDrive, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import { validateCard } from '../cards/validate-card';

const DONE = 'Done — next question';
const SHARED = {
  'field.title': 'Draft replies to routine customer emails',
  'field.value': '5',
  'field.feasibility': '4',
  'field.goal': 'customer-satisfaction',
};
const KEPT = {
  'field.title': 'Summarise my own appraisal notes',
  'field.value': '3',
  'field.goal': 'own',
  'field.goal.own': 'Fewer evening hours',
  'field.share': 'false',
};

let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  [bot, oneDrive] = await Promise.all([startTestBot(), startFakeOneDrive()]);
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await oneDrive?.close();
});

async function useCaseRows(userId: string): Promise<RowValue[]> {
  const value = (await storedAnswer(bot.containers, userId, 'uc-use-cases')) as AnswerValue | undefined;
  return value?.kind === 'rows' ? value.rows : [];
}

/** A person who added one use case left shared and one switched off, with its own goal, then pressed Done. */
async function personWithTwoUseCases(shared = SHARED): Promise<{ talk: Conversation; afterDone: Card }> {
  const talk = new Conversation(bot.user());
  const card = await openQuestion(talk.user, 'uc-use-cases');
  await talk.press('Add', shared, card);
  expect(textsOf(talk.lastReply)).toEqual(['Added. 1 so far — add another use case, or press **Done** to move on.']);
  await talk.press(DONE, KEPT);
  expect(textsOf(talk.lastReply)).toEqual(['Saved your use case “Summarise my own appraisal notes” and moved on.']);
  return { talk, afterDone: talk.last };
}

describe('use cases with a business goal and the consent toggle', () => {
  it('offers the toggle switched on, and stores each row with its goal and an explicit yes or no', async () => {
    const user = bot.user();
    const card = await openQuestion(user, 'uc-use-cases');
    expect(validateCard(card)).toEqual([]);
    expect(inputsOf(card).find((input) => input.id === 'field.share')).toMatchObject({
      type: 'Input.Toggle',
      title: 'Share this idea with leaders (without my name)',
      value: 'true',
    });
    expect(
      inputsOf(card)
        .find((input) => input.id === 'field.goal')
        ?.choices?.map((choice) => choice.value),
    ).toEqual([
      'customer-satisfaction',
      'employee-productivity',
      'operational-efficiency',
      'revenue',
      'cost',
      'product-quality',
      'own',
    ]);

    const { talk, afterDone } = await personWithTwoUseCases();
    expect(questionIdOf(afterDone)).not.toBe('uc-use-cases');
    expect(await useCaseRows(talk.user.aadObjectId)).toEqual([
      {
        rowId: expect.any(String),
        title: SHARED['field.title'],
        value: 5,
        feasibility: 4,
        goal: 'customer-satisfaction',
        share: 'yes',
      },
      {
        rowId: expect.any(String),
        title: KEPT['field.title'],
        value: 3,
        goal: 'Fewer evening hours',
        'goal.own': 1,
        share: 'no',
      },
    ]);
  });

  it('lists each row on the card with its goal and whether it is shared, and keeps a switched-off toggle off', async () => {
    const talk = new Conversation(bot.user());
    const card = await openQuestion(talk.user, 'uc-use-cases');
    await talk.press('Add', SHARED, card);
    const list = cardText(talk.last);
    expect(list).toContain('Business goal it serves: Customer satisfaction');
    expect(list).toContain('Shared with leaders, without your name');

    // Switched off but the title forgotten: the card comes back with the toggle still off, so a second press shares nothing.
    await talk.press('Add', { 'field.value': '2', 'field.share': 'false' });
    expect(textsOf(talk.lastReply)).toEqual([
      'Nearly there. Please fill in "Use case" as well, then press **Add** again.',
    ]);
    expect(inputsOf(talk.last).find((input) => input.id === 'field.share')?.value).toBe('false');
    await talk.press('Add', { 'field.title': 'Check contracts for missing clauses' });
    expect(cardText(talk.last)).toContain('Check contracts for missing clauses · Business value: 2 – Low · Not shared');
    expect((await useCaseRows(talk.user.aadObjectId)).map((row) => row.share)).toEqual(['yes', 'no']);
  });

  it('counts goals and consent, and quotes only the shared idea', async () => {
    const aggregates = new CosmosAggregateStore(bot.containers.aggregates);
    const before = (await aggregates.readDoc(TENANT, 'uc-use-cases'))?.counters ?? {};
    await personWithTwoUseCases();
    const doc = await aggregates.readDoc(TENANT, 'uc-use-cases');
    const counters = doc?.counters ?? {};
    const moved = (name: string) => total(counters, name) - total(before, name);
    expect(moved('field:share:yes')).toBe(1);
    expect(moved('field:share:no')).toBe(1);
    expect(moved('field:goal:customer-satisfaction')).toBe(1);
    expect(moved('field:goal:own')).toBe(1);
    expect(Object.keys(counters).some((name) => name.includes('Fewer'))).toBe(false);
    const quoted = Object.values(doc?.quotes ?? {}).map((quote) => quote?.t);
    expect(quoted).toContain(SHARED['field.title']);
    expect(quoted).not.toContain(KEPT['field.title']);
  });

  it('empties the example statement of a use case stored before consent was asked when its author deletes their data', async () => {
    const aggregates = new CosmosAggregateStore(bot.containers.aggregates);
    // Words of a theme no one else in this file writes in, so the statement surely lands in an empty slot.
    const title = 'Forecast weekly demand from our sales history';
    const { talk } = await personWithTwoUseCases({ ...SHARED, 'field.title': title });
    const userId = talk.user.aadObjectId;
    const slotsHolding = async () => {
      const doc = await aggregates.readDoc(TENANT, 'uc-use-cases');
      return Object.values(doc?.quotes ?? {}).filter((quote) => quote?.t === title).length;
    };
    expect(await slotsHolding()).toBe(1);
    // As the row would be had it been stored before the pack asked: the same words, no answer to the toggle.
    const withoutConsent = (value: AnswerValue): AnswerValue =>
      value.kind === 'rows'
        ? {
            ...value,
            rows: value.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([id]) => id !== 'share'))),
          }
        : value;
    const answerDoc = bot.containers.users.item(answerId(userId, 'uc-use-cases'), [TENANT, userId]);
    const { resource: answer } = await answerDoc.read();
    await answerDoc.replace({ ...answer, value: withoutConsent(answer.value) });
    const personDoc = bot.containers.users.item(personId(userId), [TENANT, userId]);
    const { resource: person } = await personDoc.read();
    const answers = { ...person.answers, 'uc-use-cases': withoutConsent(person.answers['uc-use-cases']) };
    await personDoc.replace({ ...person, answers });
    expect((await useCaseRows(userId)).every((row) => row.share === undefined)).toBe(true);

    expect(textsOf(await deleteData(talk.user)).join(' ')).toMatch(/deleted 1 answer/i);
    expect(await slotsHolding()).toBe(0);
  });

  it("shows the person's use cases and the next steps on their summary, and their export holds goal and consent", async () => {
    const { talk } = await personWithTwoUseCases();
    // Asked for in the middle of the questions: the summary comes, then the open question again.
    const summary = cardsOf(await talk.say('summary')).find((card) => cardKind(card) === 'summary');
    expect(validateCard(summary)).toEqual([]);
    const text = cardText(summary);
    expect(text).toContain('Your use cases');
    expect(text).toMatch(
      /Draft replies to routine customer emails\s*Business value: 5 – Very high · Feasibility: 4 – High · Business goal it serves: Customer satisfaction\s*Shared with leaders, without your name/,
    );
    expect(text).toMatch(
      /Summarise my own appraisal notes\s*Business value: 3 – Medium · Business goal it serves: Fewer evening hours\s*Not shared with leaders/,
    );
    expect(JSON.stringify(summary)).toContain(
      '"url":"https://learn.microsoft.com/azure/cloud-adoption-framework/ai/plan"',
    );

    const exported = (await exportThroughOneDrive(talk.user, oneDrive)) as {
      answers: { questionId: string; value: AnswerValue }[];
    };
    const useCases = exported.answers.find((answer) => answer.questionId === 'uc-use-cases')?.value;
    expect(useCases).toEqual({ kind: 'rows', rows: await useCaseRows(talk.user.aadObjectId) });
    expect(useCases?.kind === 'rows' && useCases.rows.map(({ goal, share }) => ({ goal, share }))).toEqual([
      { goal: 'customer-satisfaction', share: 'yes' },
      { goal: 'Fewer evening hours', share: 'no' },
    ]);
  });
});
