/**
 * Every Adaptive Card the bot sends in a whole conversation, over real HTTP, must pass the adaptivecards
 * library's 1.5 validation, declare version 1.5 or lower and stay under 80 KB — including the worst case
 * (ten rows of the longest, widest text in every rows question, every text answer at its limit).
 */
import { MAX_CARD_BYTES } from '../../src/cards/card-renderer';
import { submitData, textsOf, startTestBot, type TestBot } from '../support/bot-harness';
import { answerDoc, userDocs } from '../bad-input/checks';
import { unboundPlaceholders, validateCard } from '../cards/validate-card';
import {
  Conversation,
  answerInputs,
  cardKind,
  elementsOf,
  inputsOf,
  questionIdOf,
  rowInputs,
  type Card,
  type CardKind,
  type SentCard,
} from './drive';

jest.setTimeout(120_000);

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

const bytesOf = (card: Card): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The problems of one sent card: library validation, version, size, unbound `${...}`. */
function problemsOf(card: Card, allowDollarBrace = false): string[] {
  const problems = validateCard(card);
  const version = Number(card.version);
  if (!(version <= 1.5)) problems.push(`version ${String(card.version)} above 1.5`);
  const bytes = bytesOf(card);
  if (bytes >= MAX_CARD_BYTES) problems.push(`${bytes} bytes`);
  if (!allowDollarBrace) problems.push(...unboundPlaceholders(card).map((where) => `unbound placeholder ${where}`));
  return problems;
}

/** Problems keyed by "step → card kind", empty when every card is fine. */
function problemsOfAll(sent: SentCard[], allowDollarBrace = false): Record<string, string[]> {
  const all: Record<string, string[]> = {};
  sent.forEach(({ step, card }, index) => {
    const problems = problemsOf(card, allowDollarBrace);
    if (problems.length > 0) all[`#${index} ${step} → ${cardKind(card)}`] = problems;
  });
  return all;
}

/** Rows to add per rows question in the ordinary walk. */
const ORDINARY_ROWS: Record<string, number> = {
  'uc-use-cases': 2,
  'am-want': 2,
  'am-do-not-want': 1,
  'sm-metrics': 2,
  'dr-build-approach': 1,
};

/**
 * Answers every question from the current card on: question cards with the next rating (cycling through
 * "dk") or the first option(s) or `text`; rows cards with `rowsPer(questionId)` rows (the metrics rows on
 * both pages; every other metrics row with the user's own goal and metric), then Done.
 * Stops at the first card that is neither; returns how many questions it answered.
 */
async function answerEverything(
  talk: Conversation,
  options: { text: string; rowsPer: (questionId: string) => number; onRowsCard?: (card: Card) => Promise<void> },
): Promise<string[]> {
  const ratings = ['4', '2', '5', 'dk', '3', '1'];
  const answered: string[] = [];
  for (let turn = 0; turn < 400; turn++) {
    const card = talk.last;
    const kind = cardKind(card);
    if (kind === 'question') {
      answered.push(questionIdOf(card));
      await talk.press('Next', answerInputs(card, { text: options.text, rating: ratings[turn % ratings.length] }));
      continue;
    }
    if (kind === 'rows') {
      const questionId = questionIdOf(card);
      if (!answered.includes(questionId)) answered.push(questionId);
      await options.onRowsCard?.(card);
      const stored = (await storedRows(talk, questionId)).length;
      if (stored >= options.rowsPer(questionId)) {
        await talk.press('Done — next question');
        continue;
      }
      await talk.press('Add', rowInputs(card, { text: options.text, own: stored % 2 === 1, pick: stored }));
      continue;
    }
    if (kind === 'rows-page-2') {
      const stored = (await storedRows(talk, questionIdOf(card))).length;
      await talk.press('Add', rowInputs(card, { text: options.text, own: stored % 2 === 1, pick: stored }));
      continue;
    }
    return answered;
  }
  throw new Error('the questions never ended');
}

/** The rows stored in Cosmos for one of the conversation's rows questions. */
async function storedRows(talk: Conversation, questionId: string): Promise<unknown[]> {
  const resource = await answerDoc(bot, talk.user.aadObjectId, questionId);
  return resource?.value?.kind === 'rows' ? resource.value.rows : [];
}

const kindsOf = (sent: SentCard[]): Set<CardKind> => new Set(sent.map(({ card }) => cardKind(card)));

describe('every card of a whole conversation', () => {
  let talk: Conversation;
  let questionIds: string[];

  beforeAll(async () => {
    talk = new Conversation(bot.user());
    // Teams installs the app: the bot is added to the personal chat.
    await talk.post(
      { type: 'conversationUpdate', membersAdded: [{ id: '28:strategy-guide', name: 'Strategy Guide' }] },
      'installed',
    );
    expect(cardKind(talk.last)).toBe('welcome');
    // The welcome card's button for the full path: every question of the pack, so every card.
    await talk.press('Full path · 25 min');
    expect(textsOf(talk.lastReply).join(' ')).toMatch(/Full path\*\* now: 36 questions, about 25 minutes/);
    expect(cardKind(talk.last)).toBe('question');

    // Back once, then on: question 2 → Back → question 1 again.
    await talk.press('Next', answerInputs(talk.last, { text: 'x', rating: '3' }));
    await talk.press('Back');
    expect(questionIdOf(talk.last)).toBe('bi-industry-impact');

    // A use case added and removed again with the card's own Remove button.
    let removed = false;
    questionIds = await answerEverything(talk, {
      text: 'Draft first replies to customer emails',
      rowsPer: (questionId) => ORDINARY_ROWS[questionId] ?? 1,
      onRowsCard: async (card) => {
        if (questionIdOf(card) !== 'uc-use-cases' || removed) return;
        const before = (await storedRows(talk, 'uc-use-cases')).length;
        if (before !== 1) return;
        removed = true;
        await talk.press('Remove');
        expect(await storedRows(talk, 'uc-use-cases')).toHaveLength(0);
        await talk.press('Add', rowInputs(talk.last, { text: 'Summarise long case files' }));
        expect(await storedRows(talk, 'uc-use-cases')).toHaveLength(1);
      },
    });
    expect(cardKind(talk.last)).toBe('summary');

    await talk.submit({ sg: 'command', command: 'review' }, 'review button');
    expect(cardKind(talk.last)).toBe('review');
    await talk.say('my data');
    expect(cardKind(talk.last)).toBe('my-data');
    await talk.press('Delete my data');
    expect(cardKind(talk.last)).toBe('confirm-delete');
    await talk.press('Keep my data');
    expect(textsOf(talk.lastReply).join(' ')).toMatch(/Nothing was deleted/);
    await talk.say('help');
    expect(cardKind(talk.last)).toBe('help');
    await talk.say('summary');
    expect(cardKind(talk.last)).toBe('summary');

    // A forged submit (no card offers it): edit a rating from the review card, then send a rating the scale lacks.
    await talk.say('review');
    const review = talk.last;
    await talk.submit(submitData(review, 'Edit'), 'press Edit (review)');
    const question = talk.last;
    expect(cardKind(question)).toBe('question');
    await talk.submit({ ...submitData(question, 'Next'), answer: '9' }, 'forged Next (rating 9)');
    expect(textsOf(talk.lastReply).join(' ')).toMatch(/isn't one of the options/);
    expect(cardKind(talk.last)).toBe('question');
  });

  it('reached every question of the pack, and both pages of a metrics row', async () => {
    expect(questionIds).toEqual(
      expect.arrayContaining([
        'bi-industry-impact',
        'bi-change-channels',
        'ba-awareness-initiatives',
        'sm-metrics',
        'dr-infrastructure',
      ]),
    );
    const resources = await userDocs(bot, 'answer', talk.user.aadObjectId);
    expect(resources.map((doc) => doc.questionId).sort()).toEqual([...questionIds].sort());
    const metrics = resources.find((doc) => doc.questionId === 'sm-metrics')?.value;
    expect(metrics?.rows).toHaveLength(2);
    expect(metrics?.rows[0]).toEqual(
      expect.objectContaining({ goal: expect.any(String), metric: expect.any(String), target: expect.any(String) }),
    );
    expect(metrics?.rows[1]).toEqual(expect.objectContaining({ 'goal.own': 1, 'metric.own': 1 }));
  });

  it('sent every kind of card', () => {
    const kinds = kindsOf(talk.sent);
    for (const kind of [
      'welcome',
      'question',
      'rows',
      'rows-page-2',
      'summary',
      'review',
      'my-data',
      'confirm-delete',
      'help',
    ] as const) {
      expect(kinds).toContain(kind);
    }
    const inputs = talk.sent.flatMap(({ card }) => inputsOf(card));
    const answerInput = inputs.filter((input) => input.id === 'answer');
    expect(answerInput.some((input) => input.type === 'Input.ChoiceSet' && input.isMultiSelect)).toBe(true);
    expect(answerInput.some((input) => input.type === 'Input.ChoiceSet' && input.style === 'compact')).toBe(true);
    expect(answerInput.some((input) => input.type === 'Input.Text')).toBe(true);
    expect(talk.sent.length).toBeGreaterThan(50);
  });

  it('every card passes adaptivecards 1.5 validation, is version 1.5 or lower, under 80 KB, with no unbound ${...}', () => {
    expect(problemsOfAll(talk.sent)).toEqual({});
  });

  it('row indexes and pages in button data are numbers, as the bot reads them back', () => {
    const data = talk.sent.flatMap(({ card }) =>
      elementsOf(card).flatMap((element) =>
        element.type === 'Action.Submit' ? [element.data as Record<string, unknown>] : [],
      ),
    );
    const removes = data.filter((entry) => entry.rowAction === 'remove');
    const adds = data.filter((entry) => entry.rowAction === 'add');
    expect(removes.length).toBeGreaterThan(0);
    expect(adds.length).toBeGreaterThan(0);
    for (const entry of removes) expect(typeof entry.rowIndex).toBe('number');
    for (const entry of adds) expect([1, 2]).toContain(entry.page);
  });
});

describe('worst case: every text at its limit, ten rows in every rows question', () => {
  // Characters that cost 3 bytes each in UTF-8 and are not shortened by the cards' neutralising
  // ("<" becomes a 3-byte "‹"), with a quote and a backslash that JSON escapes.
  const WIDE = '漢<字>"\\ü€'.repeat(400);
  let talk: Conversation;
  const cards: Partial<Record<'summary' | 'review' | 'my-data', Card>> = {};

  beforeAll(async () => {
    talk = new Conversation(bot.user(undefined, 'Grace Hopper'));
    await talk.say('start full');
    await answerEverything(talk, { text: WIDE, rowsPer: () => 10 });
    expect(cardKind(talk.last)).toBe('summary');
    cards.summary = talk.last;
    await talk.say('review');
    cards.review = talk.last;
    await talk.say('my data');
    cards['my-data'] = talk.last;
  }, 120_000);

  it('the answers really are at their limits (2,000 for long text, 200 for short text and row fields)', async () => {
    const read = async (questionId: string) => (await answerDoc(bot, talk.user.aadObjectId, questionId))?.value;
    expect((await read('bi-employee-changes')).text).toHaveLength(2000);
    expect((await read('bi-innovation-areas')).text).toHaveLength(200);
    expect((await read('am-want')).rows[9].statement).toHaveLength(200);
  });

  it.each(['uc-use-cases', 'am-want', 'am-do-not-want', 'sm-metrics', 'dr-build-approach'])(
    '%s holds ten rows',
    async (questionId) => {
      expect(await storedRows(talk, questionId)).toHaveLength(10);
    },
  );

  it('an eleventh row is refused with a clear message once a rows question is full', async () => {
    await talk.submit({ sg: 'edit', questionId: 'am-want' }, 'edit am-want');
    const full = talk.last;
    expect(cardKind(full)).toBe('rows');
    expect(inputsOf(full)).toHaveLength(0);
    const reply = await talk.submit({
      ...submitData(full, 'Done — next question'),
      rowAction: 'add',
      'field.statement': 'one more',
    });
    expect(textsOf(reply).join(' ')).toMatch(/limit of 10/);
    expect(await storedRows(talk, 'am-want')).toHaveLength(10);
    await talk.press('Done — next question');
  });

  it.each(['summary', 'review', 'my-data'] as const)('the %s card is valid and under 80 KB', (kind) => {
    const card = cards[kind];
    expect(card).toBeDefined();
    expect(cardKind(card as Card)).toBe(kind);
    expect(problemsOf(card as Card)).toEqual([]);
    expect(bytesOf(card as Card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('every card sent on the way (full rows cards, page two with long context, long prefills) is valid and under 80 KB', () => {
    expect(problemsOfAll(talk.sent)).toEqual({});
    const biggest = Math.max(...talk.sent.map(({ card }) => bytesOf(card)));
    expect(biggest).toBeLessThan(MAX_CARD_BYTES);
  });

  it('the summary still shows the ambition and the metrics table', () => {
    const summary = JSON.stringify(cards.summary);
    expect(summary).toContain('漢');
    expect(summary).toContain('"type":"Table"');
  });
});
