import { total } from '../../src/aggregation/contributions';
import { answerId } from '../../src/storage/user-docs';
import { loadContentPack } from '../../src/content/load-content-pack';
import { ContentIndex } from '../../src/content/content-index';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  textsOf,
  type TestBot,
  type TestUser,
  type TurnReply,
  TENANT,
} from '../support/bot-harness';
import { answerCurrentCard, hasButton, inputsOf, progressOf } from '../support/card-driver';
import { exportThroughOneDrive, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';

const index = new ContentIndex(loadContentPack());
const totalQuestions = index.allQuestions().length;
let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  [bot, oneDrive] = await Promise.all([startTestBot(), startFakeOneDrive()]);
});
afterAll(async () => {
  await bot.close();
  await oneDrive.close();
});

async function storedAnswer(user: TestUser, questionId: string): Promise<unknown> {
  const { resource } = await bot.containers.users
    .item(answerId(user.aadObjectId, questionId), [TENANT, user.aadObjectId])
    .read();
  return resource?.value;
}

function newestCard(reply: TurnReply): Record<string, unknown> {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`expected a card, got texts: ${textsOf(reply).join(' | ')}`);
  return card;
}

function submitAnswer(user: TestUser, reply: TurnReply, answer: string): Promise<TurnReply> {
  return user.submit({ ...submitData(newestCard(reply), 'Next'), answer });
}

function press(user: TestUser, reply: TurnReply, title: string): Promise<TurnReply> {
  return user.submit(submitData(newestCard(reply), title));
}

describe('the strategy conversation over HTTP (restify + CloudAdapter + Cosmos)', () => {
  it('walks from the welcome card through every question to the summary, storing each answer as it is given', async () => {
    const user = bot.user();
    const welcome = await user.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:strategy-guide', name: 'Strategy Guide' }],
    });
    expect(cardText(newestCard(welcome))).toMatch(/Strategy Guide/);
    expect(hasButton(newestCard(welcome), 'Start')).toBe(true);

    let reply = await press(user, welcome, 'Start');
    const seen = new Set<string>();
    for (let turn = 0; turn < 200 && progressOf(cardsOf(reply).at(-1)) !== undefined; turn++) {
      expect(reply.status).toBe(200);
      const card = newestCard(reply);
      const isRows = hasButton(card, 'Add');
      const questionId = String(submitData(card, isRows ? 'Add' : 'Next').questionId);
      seen.add(questionId);
      reply = await answerCurrentCard(user, reply);
      const rowAdded = textsOf(reply).some((text) => text.startsWith('Added.'));
      if (isRows && !rowAdded) continue; // page one of a two-page row
      expect(await storedAnswer(user, questionId)).toBeDefined();
      if (isRows) reply = await press(user, reply, 'Done — next question');
    }
    expect(seen.size).toBe(totalQuestions);
    const summary = cardText(newestCard(reply));
    expect(summary).toMatch(/ambition/i);
    expect(summary).toContain('A considered answer');
    const { resources } = await bot.containers.users.items
      .query({
        query: 'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t AND c.userId = @u AND c.type = "answer"',
        parameters: [
          { name: '@t', value: TENANT },
          { name: '@u', value: user.aadObjectId },
        ],
      })
      .fetchAll();
    expect(resources[0]).toBe(totalQuestions);
  });

  it('goes back with the earlier answer filled in, skips, pauses and resumes at the same question', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 1 of 12');
    expect(hasButton(newestCard(reply), 'Back')).toBe(false);

    reply = await submitAnswer(user, reply, '2');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');
    expect(await storedAnswer(user, 'bi-industry-impact')).toEqual({ kind: 'rating', value: 2 });

    reply = await press(user, reply, 'Back');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 1 of 12');
    expect(inputsOf(newestCard(reply)).find((input) => input.id === 'answer')?.value).toBe('2');

    reply = await press(user, reply, 'Skip');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');
    // Typed on a free-text question: punctuation or a mention still make it a command, not an answer.
    for (const typed of ['skip', 'Skip.', '<at>Strategy Guide</at> skip']) {
      reply = await user.say(typed);
      expect(progressOf(newestCard(reply))).toBe('Business impact · 3 of 12');
      expect(await storedAnswer(user, 'bi-innovation-areas')).toBeUndefined();
      reply = await user.say('back');
      expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');
    }

    reply = await user.say('cancel');
    expect(textsOf(reply).join(' ')).toMatch(/paused/i);
    expect(cardsOf(reply)).toHaveLength(0);
    reply = await user.say('resume');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');

    reply = await press(user, reply, 'Save & exit');
    expect(textsOf(reply).join(' ')).toMatch(/saved/i);
    reply = await user.say('Resume');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');
  });

  it('crosses section boundaries backwards and forwards', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    for (let i = 0; i < 12; i++) reply = await press(user, reply, 'Skip');
    expect(progressOf(newestCard(reply))).toBe('Leadership buy-in · 1 of 7');
    reply = await press(user, reply, 'Back');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 12 of 12');
  });

  it('edits an earlier answer from the review card and moves the aggregates with it', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    reply = await submitAnswer(user, reply, '5');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 12');
    reply = await user.submit({ sg: 'command', command: 'review' });
    expect(cardText(newestCard(reply))).toContain('5');
    reply = await user.submit({ ...submitData(newestCard(reply), 'Edit') });
    expect(progressOf(newestCard(reply))).toBe('Business impact · 1 of 12');
    const before = await aggregate('bi-industry-impact');
    reply = await submitAnswer(user, reply, '1');
    expect(await storedAnswer(user, 'bi-industry-impact')).toEqual({ kind: 'rating', value: 1 });
    expect(hasButton(newestCard(reply), 'Edit')).toBe(true);
    const after = await aggregate('bi-industry-impact');
    expect(total(after, 'rating:5')).toBe(total(before, 'rating:5') - 1);
    expect(total(after, 'rating:1')).toBe(total(before, 'rating:1') + 1);
    expect(total(after, 'n')).toBe(total(before, 'n'));
  });

  it('resumes at the same question after a restart, accepting the card sent before it', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    reply = await submitAnswer(user, reply, '3');
    reply = await submitAnswer(user, reply, 'New service lines');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 3 of 12');

    await bot.restart();
    bot.app.sessions.clearCache();
    reply = await submitAnswer(user, reply, '4');
    expect(reply.status).toBe(200);
    expect(progressOf(newestCard(reply))).toBe('Business impact · 4 of 12');
    expect(await storedAnswer(user, 'bi-feedback-loops')).toEqual({ kind: 'rating', value: 4 });

    await bot.restart();
    reply = await user.say('resume');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 4 of 12');
  });

  it('shows, exports and deletes my data, taking my answers out of the aggregates', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    const before = await aggregate('bi-industry-impact');
    reply = await submitAnswer(user, reply, '3');
    reply = await submitAnswer(user, reply, 'Claims handling');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 3 of 12');

    reply = await user.post({ type: 'message', text: 'my data', localTimezone: 'Asia/Tokyo' });
    expect(cardText(newestCard(reply))).toContain('Claims handling');
    // When the answers last changed, on the person's own clock (Teams sends their IANA zone).
    expect(JSON.stringify(newestCard(reply))).toMatch(
      /"title":"Last updated","value":"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} Tokyo time"/,
    );
    // The file Teams saves to OneDrive once the person allows it (a FAKE OneDrive upload server here).
    const exported = (await exportThroughOneDrive(user, oneDrive)) as { answers: Array<{ questionId: string }> };
    expect(exported.answers.map((answer) => answer.questionId)).toContain('bi-innovation-areas');
    expect(JSON.stringify(exported)).toContain('Claims handling');

    reply = await user.say('delete my data');
    const confirm = newestCard(reply);
    reply = await user.submit({ ...submitData(confirm, 'Keep my data') });
    expect(textsOf(reply).join(' ')).toMatch(/nothing was deleted/i);
    expect(await storedAnswer(user, 'bi-industry-impact')).toBeDefined();

    reply = await user.say('delete my data');
    reply = await user.submit({ ...submitData(newestCard(reply), 'Yes, delete everything') });
    expect(textsOf(reply).join(' ')).toMatch(/deleted 2 answers/i);
    expect(await storedAnswer(user, 'bi-industry-impact')).toBeUndefined();
    expect(await storedAnswer(user, 'bi-innovation-areas')).toBeUndefined();
    const { resources: sessions } = await bot.containers.users.items
      .query({ query: 'SELECT * FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: user.aadObjectId }] })
      .fetchAll();
    expect(sessions).toHaveLength(0); // neither answers nor sessions are left
    expect(await aggregate('bi-industry-impact')).toEqual(before);

    reply = await user.submit({ ...submitData(confirm, 'Yes, delete everything') });
    expect(textsOf(reply).join(' ')).toMatch(/expired|nothing was deleted/i);
  });
});

describe('in a team channel', () => {
  const channel = {
    id: '19:general@thread.tacv2;messageid=1',
    conversationType: 'channel',
    tenantId: TENANT,
    isGroup: true,
    name: 'General',
  };

  it('answers help and points to the 1:1 chat instead of starting the questionnaire there', async () => {
    const user = bot.user();
    const help = await user.post({ type: 'message', text: '<at>Strategy Guide</at> help', conversation: channel });
    expect(cardText(newestCard(help))).toMatch(/mention me with \*\*help\*\*/);
    const start = await user.post({ type: 'message', text: '<at>Strategy Guide</at> start', conversation: channel });
    expect(cardText(newestCard(start))).toMatch(/1:1/);
    expect(progressOf(cardsOf(start).at(-1))).toBeUndefined();
    const added = await user.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:strategy-guide', name: 'Strategy Guide' }],
      conversation: channel,
    });
    expect(added.activities).toHaveLength(0);
  });
});

async function aggregate(questionId: string): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates.item(`aggregate|${questionId}`, [TENANT, questionId]).read();
  const counters = (resource?.counters ?? {}) as Record<string, number>;
  return Object.fromEntries(Object.entries(counters).filter(([, amount]) => amount !== 0));
}
