import { total } from '../../src/aggregation/contributions';
import { answerId, personId, type PersonDoc } from '../../src/storage/user-docs';
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
const shortPath = [...index.path('short')!.questionIds];
const LEADER = '6d1e0c3a-8f0b-4c55-9a51-0000000000a1';
let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  [bot, oneDrive] = await Promise.all([startTestBot({ env: { LEADER_IDS: LEADER } }), startFakeOneDrive()]);
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

/** Answers every card from `reply` on until the bot sends something that is not a question; returns the questions seen. */
async function walk(user: TestUser, reply: TurnReply): Promise<{ seen: string[]; last: TurnReply }> {
  const seen: string[] = [];
  for (let turn = 0; turn < 200 && progressOf(cardsOf(reply).at(-1)) !== undefined; turn++) {
    expect(reply.status).toBe(200);
    const card = newestCard(reply);
    const isRows = hasButton(card, 'Add');
    const questionId = String(submitData(card, isRows ? 'Add' : 'Next').questionId);
    if (!seen.includes(questionId)) seen.push(questionId);
    reply = await answerCurrentCard(user, reply);
    const rowAdded = textsOf(reply).some((text) => text.startsWith('Added.'));
    if (isRows && !rowAdded) continue; // page one of a two-page row
    expect(await storedAnswer(user, questionId)).toBeDefined();
    if (isRows) reply = await press(user, reply, 'Done — next question');
  }
  return { seen, last: reply };
}

/** A participation counter summed over the organisation's aggregates (as a summary adds them up). */
async function organisationCounter(name: string): Promise<number> {
  const { resources } = await bot.containers.aggregates.items
    .query<{ counters: Record<string, number> }>({
      query: 'SELECT c.counters FROM c WHERE c.tenantId = @t AND c.type = "aggregate" AND NOT IS_DEFINED(c.teamId)',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources.reduce((sum, { counters }) => sum + (counters[name] ?? 0), 0);
}

const installed = { type: 'conversationUpdate', membersAdded: [{ id: '28:strategy-guide', name: 'Strategy Guide' }] };

describe('the strategy conversation over HTTP (restify + CloudAdapter + Cosmos)', () => {
  it('walks a leader from the welcome card through every question to the summary, storing each answer as it is given', async () => {
    const user = bot.user(LEADER);
    const welcome = await user.post(installed);
    expect(cardText(newestCard(welcome))).toMatch(/Strategy Guide/);
    expect(cardText(newestCard(welcome))).toContain('Your path: Full path, 36 questions, about 25 minutes.');
    expect(hasButton(newestCard(welcome), 'Start')).toBe(true);

    const completedBefore = await organisationCounter('leader:completed');
    const { seen, last: reply } = await walk(user, await press(user, welcome, 'Start'));
    expect(seen).toHaveLength(totalQuestions);
    expect(seen).toEqual(expect.arrayContaining(['lb-budget-mapped', 'lb-budget-anchored']));
    expect(await organisationCounter('leader:completed')).toBe(completedBefore + 1);
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

  it('walks an employee through the short path to the summary, without the budget questions, and counts them as finished', async () => {
    const user = bot.user();
    const welcome = newestCard(await user.post(installed));
    expect(cardText(welcome)).toContain('Your path: Short path, 14 questions, about 10 minutes.');
    expect(cardText(welcome)).toContain('Full path: 36 questions, about 25 minutes. Type \nstart full\n to switch');

    const completedBefore = await organisationCounter('employee:completed');
    let reply = await user.submit(submitData(welcome, 'Start'));
    expect(progressOf(newestCard(reply))).toBe('Business impact · 1 of 4');
    expect(textsOf(reply).join(' ')).toMatch(/^\*\*Business impact\*\*/);
    const walked = await walk(user, reply);
    reply = walked.last;
    expect(walked.seen).toEqual(shortPath);
    expect(walked.seen.length).toBeLessThanOrEqual(15);
    expect(walked.seen).not.toContain('lb-budget-mapped');
    expect(walked.seen).not.toContain('lb-budget-anchored');
    // The personal card rates only the sections the short path asks about.
    const summary = cardText(newestCard(reply));
    expect(summary).toMatch(/ambition/i);
    expect(summary).toContain('Business impact');
    expect(summary).not.toContain('Leadership buy-in');
    expect(await organisationCounter('employee:completed')).toBe(completedBefore + 1);

    // Finished: "start" begins the path again, and the help card lists the ways through the questions.
    reply = await user.say('start');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 1 of 4');
    await user.say('cancel');
    reply = await user.submit({ sg: 'command', command: 'help' });
    expect(JSON.stringify(newestCard(reply))).toContain(
      '"title":"start full","value":"Full path: 36 questions, about 25 minutes. Your answers so far are kept."',
    );
  });

  it('switches an employee to the full path with "start full", saying how long it takes, and back with "start short"', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    reply = await submitAnswer(user, reply, '4');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 2 of 4');
    const onShort = await organisationCounter('employee:onPath:short');

    reply = await user.say('start full');
    expect(textsOf(reply).join(' ')).toContain(
      "You're on the **Full path** now: 36 questions, about 25 minutes. Your answers so far are kept.",
    );
    expect(textsOf(reply).join(' ')).toContain('**start short** (14 questions, about 10 minutes)');
    // Picks up at the question it was on, now numbered among all of the section's questions.
    expect(progressOf(newestCard(reply))).toBe('Business impact · 10 of 12');
    expect(String(submitData(newestCard(reply), 'Next').questionId)).toBe('bi-strategy-communication');
    expect(await storedAnswer(user, 'bi-process-openness')).toEqual({ kind: 'rating', value: 4 });
    expect(await organisationCounter('employee:onPath:short')).toBe(onShort - 1);
    expect(await personPath(user)).toBe('full');

    // The welcome card of another conversation shows the chosen path: the choice belongs to the person.
    const elsewhere = {
      id: `a:other-${user.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT,
      isGroup: false,
      name: '',
    };
    const welcome = newestCard(await user.post({ ...installed, conversation: elsewhere }));
    expect(cardText(welcome)).toContain('Your path: Full path, 36 questions, about 25 minutes.');
    expect(cardText(welcome)).toContain('You have answered 1 of its 36 questions.');
    expect(hasButton(welcome, 'Short path · 10 min')).toBe(true);

    reply = await user.submit(submitData(welcome, 'Short path · 10 min'));
    expect(textsOf(reply).join(' ')).toContain("You're on the **Short path** now: 14 questions, about 10 minutes.");
    expect(await personPath(user)).toBe('short');
    expect(await organisationCounter('employee:onPath:short')).toBe(onShort);
    reply = await user.say('start short');
    expect(textsOf(reply).join(' ')).toContain("You're on the **Short path** already");
  });

  it('passes over the sections the short path does not ask about, going forwards and back', async () => {
    const user = bot.user();
    let reply = await user.say('start');
    for (let i = 0; i < 4; i++) reply = await press(user, reply, 'Skip');
    expect(progressOf(newestCard(reply))).toBe('Use cases and value propositions · 1 of 2');
    expect(textsOf(reply).join(' ')).toMatch(/^\*\*Use cases and value propositions\*\*/);
    reply = await press(user, reply, 'Back');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 4 of 4');
    expect(String(submitData(newestCard(reply), 'Next').questionId)).toBe('bi-leadership-support');
    reply = await press(user, reply, 'Back');
    expect(String(submitData(newestCard(reply), 'Next').questionId)).toBe('bi-experimentation');
  });

  it('goes back with the earlier answer filled in, skips, pauses and resumes at the same question', async () => {
    const user = bot.user();
    let reply = await user.say('start full');
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
    let reply = await user.say('start full');
    for (let i = 0; i < 12; i++) reply = await press(user, reply, 'Skip');
    expect(progressOf(newestCard(reply))).toBe('Leadership buy-in · 1 of 7');
    reply = await press(user, reply, 'Back');
    expect(progressOf(newestCard(reply))).toBe('Business impact · 12 of 12');
  });

  it('edits an earlier answer from the review card and moves the aggregates with it', async () => {
    const user = bot.user();
    let reply = await user.say('start full');
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
    let reply = await user.say('start full');
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
    let reply = await user.say('start full');
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

async function personPath(user: TestUser): Promise<unknown> {
  const { resource } = await bot.containers.users
    .item(personId(user.aadObjectId), [TENANT, user.aadObjectId])
    .read<PersonDoc>();
  return resource?.path;
}

async function aggregate(questionId: string): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates.item(`aggregate|${questionId}`, [TENANT, questionId]).read();
  const counters = (resource?.counters ?? {}) as Record<string, number>;
  return Object.fromEntries(Object.entries(counters).filter(([, amount]) => amount !== 0));
}
