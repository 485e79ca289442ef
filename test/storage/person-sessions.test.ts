import { randomUUID } from 'node:crypto';
import { total } from '../../src/aggregation/contributions';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { aggregateId, CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosSessionStore } from '../../src/storage/session-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
import { SessionConflictError } from '../../src/storage/ports';
import { answerDocument, sessionId } from '../../src/storage/user-docs';
import { cardsOf, startTestBot, textsOf, TENANT, TestUser, type TestBot } from '../support/bot-harness';
import { nextWith, progressOf } from '../support/card-driver';
import { inChannel } from '../leadership/drive';

const index = new ContentIndex(loadContentPack());
const RED = { id: '19:team-red-threads@thread.tacv2', name: 'Red' };
const BLUE = { id: '19:team-blue-threads@thread.tacv2', name: 'Blue' };
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);
afterAll(async () => {
  await bot.close();
});

async function counters(questionId: string, teamId?: string, tenantId = TENANT): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates
    .item(aggregateId(questionId, teamId), [tenantId, questionId])
    .read();
  return (resource?.counters ?? {}) as Record<string, number>;
}

async function docsOf(userId: string): Promise<{ id: string; type: string; answers?: unknown }[]> {
  const { resources } = await bot.containers.users.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId',
      parameters: [
        { name: '@tenantId', value: TENANT },
        { name: '@userId', value: userId },
      ],
    })
    .fetchAll();
  return resources;
}

async function rebuildDifferences(): Promise<string[]> {
  const stores = {
    answers: new CosmosAnswerStore(bot.containers.users),
    aggregates: new CosmosAggregateStore(bot.containers.aggregates),
    memberships: new CosmosTeamMembership(bot.containers.users),
  };
  return (await rebuildAggregates(index, stores, TENANT, { write: false })).differences;
}

describe('one answer set per person, however many conversations', () => {
  it('lets a person with 200 channel threads join a team, counting their answers towards it exactly once', async () => {
    const user = bot.user();
    let reply = await user.submit(nextWith(await user.say('start full'), '4'));
    reply = await user.submit(nextWith(reply, 'Faster claims'));
    for (let thread = 0; thread < 200; thread++) {
      const inRed = await inChannel(user, RED, 'help', thread);
      expect(inRed.status).toBe(200);
      expect(textsOf(inRed).join(' ')).not.toMatch(/went wrong|crossed/i);
    }
    expect((await docsOf(user.aadObjectId)).filter((doc) => doc.type === 'session').length).toBeGreaterThanOrEqual(201);

    const joined = await inChannel(user, BLUE, 'help', 0);
    expect(joined.status).toBe(200);
    expect(textsOf(joined).join(' ')).not.toMatch(/went wrong|crossed/i);
    for (const team of [undefined, RED.id, BLUE.id]) {
      expect(total(await counters('bi-industry-impact', team), 'n')).toBe(1);
      expect(total(await counters('bi-industry-impact', team), 'rating:4')).toBe(1);
    }
    // An answer given after the join counts towards both teams once, from whichever conversation.
    reply = await user.submit(nextWith(reply, '2'));
    expect(progressOf(cardsOf(reply).at(-1))).toBe('Business impact · 4 of 12');
    for (const team of [undefined, RED.id, BLUE.id])
      expect(total(await counters('bi-feedback-loops', team), 'n')).toBe(1);
    expect(await rebuildDifferences()).toEqual([]);
    // The answers are kept once, in the person document, not copied into each conversation's session.
    const copies = (await docsOf(user.aadObjectId)).filter((doc) => doc.answers !== undefined);
    expect(copies.map((doc) => doc.type)).toEqual(['person']);
  }, 180_000);

  it('counts every answer once when a team join races answers from another conversation of the same person', async () => {
    for (let round = 0; round < 4; round++) {
      const user = bot.user();
      let reply = await user.say('start full');
      const team = { id: `19:team-race-${round}@thread.tacv2`, name: `Race ${round}` };
      const [answered, joined] = await Promise.all([
        user.submit(nextWith(reply, '3')),
        inChannel(user, team, 'help', 0),
      ]);
      expect([answered.status, joined.status]).toEqual([200, 200]);
      reply = answered;
      if (cardsOf(reply).length === 0) reply = await user.say('resume');
      await Promise.all([user.submit(nextWith(reply, 'New services')), inChannel(user, team, 'help', 1)]);
      const stored = await new CosmosAnswerStore(bot.containers.users).listForUser(TENANT, user.aadObjectId);
      expect(total(await counters('bi-industry-impact', team.id), 'n')).toBe(
        stored.some((answer) => answer.questionId === 'bi-industry-impact') ? 1 : 0,
      );
    }
    expect(await rebuildDifferences()).toEqual([]);
  }, 120_000);

  it('never loses or double-counts an answer given at the same moment in two conversations of one person', async () => {
    for (let round = 0; round < 4; round++) {
      const user = bot.user();
      const otherChat = {
        id: `a:second-chat-${user.aadObjectId}`,
        conversationType: 'personal',
        tenantId: TENANT,
        isGroup: false,
        name: '',
      };
      const inOtherChat = (fields: Record<string, unknown>) =>
        user.post({ type: 'message', ...fields, conversation: otherChat });
      const [first, second] = [await user.say('start full'), await inOtherChat({ text: 'start' })];
      const before = await counters('bi-industry-impact');
      const replies = await Promise.all([
        user.submit(nextWith(first, '4')),
        inOtherChat({ value: nextWith(second, '2') }),
      ]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      const after = await counters('bi-industry-impact');
      const [stored] = await new CosmosAnswerStore(bot.containers.users).listForUser(TENANT, user.aadObjectId);
      expect(total(after, 'n') - total(before, 'n')).toBe(1);
      const value = (stored.value as { value: number }).value;
      expect(total(after, `rating:${value}`) - total(before, `rating:${value}`)).toBe(1);
    }
    expect(await rebuildDifferences()).toEqual([]);
  }, 60_000);

  it('does not serve a conversation from the cache after another instance stored a turn in it', async () => {
    const sessions = new CosmosSessionStore(bot.containers.users);
    const other = new CosmosSessionStore(bot.containers.users);
    const userId = randomUUID();
    const a = await sessions.load(TENANT, userId, 'conversation-a');
    await sessions.save(a, new Date());
    const elsewhere = await other.load(TENANT, userId, 'conversation-a');
    elsewhere.doc.lastQuestionId = 'bi-feedback-loops';
    await other.save(elsewhere, new Date());
    // Reading another conversation here sees the person's newer version, so the cached conversation-a is dropped.
    await sessions.load(TENANT, userId, 'conversation-b');
    const again = await sessions.load(TENANT, userId, 'conversation-a');
    expect(again.fromCache).toBeUndefined();
    expect(again.doc.lastQuestionId).toBe('bi-feedback-loops');
  });

  it('loads sessions stored before the person document, taking the answers from the answer documents', async () => {
    // A tenant of its own: the answer below is seeded without its counters, which the rebuild checks would see.
    const tenantId = '22222222-2222-2222-2222-222222222222';
    const user = new TestUser(
      () => bot.app.url,
      randomUUID(),
      'Old Timer',
      tenantId,
      () => bot.app.counters.settle(),
    );
    const userId = user.aadObjectId;
    const partition = [tenantId, userId];
    const stored = answerDocument({
      tenantId,
      userId,
      questionId: 'bi-industry-impact',
      sectionId: 'business-impact',
      packId: 'p',
      packVersion: '1',
      role: 'employee',
      value: { kind: 'rating', value: 5 },
      answeredAt: new Date(0).toISOString(),
    });
    await bot.containers.users.items.create(stored);
    await bot.containers.users.items.create({
      id: `membership|${userId}`,
      type: 'membership',
      tenantId,
      userId,
      teamIds: [RED.id],
    });
    // As the earlier code stored it: a session with its own, out-of-date copy of the answers and teams.
    await bot.containers.users.items.create({
      id: sessionId(userId, user.conversationId),
      type: 'session',
      tenantId,
      userId,
      conversationId: user.conversationId,
      dialogState: {},
      answers: {
        'bi-industry-impact': { kind: 'rating', value: 1 },
        'bi-innovation-areas': { kind: 'text', text: 'x' },
      },
      answerRoles: { 'bi-industry-impact': 'employee', 'bi-innovation-areas': 'employee' },
      teamIds: [],
      welcomed: true,
      updatedAt: new Date(0).toISOString(),
    });
    const before = {
      org: await counters('bi-industry-impact', undefined, tenantId),
      red: await counters('bi-industry-impact', RED.id, tenantId),
    };
    // The first question the answer documents leave open, not the one the old copy would.
    expect(progressOf(cardsOf(await user.say('start full')).at(-1))).toBe('Business impact · 2 of 12');
    // Changing the stored 5 to 2 moves one count from 5 to 2 in the organisation and in Red, and adds no person.
    const opened = await user.submit({ sg: 'edit', questionId: 'bi-industry-impact' });
    await user.submit(nextWith(opened, '2'));
    const after = {
      org: await counters('bi-industry-impact', undefined, tenantId),
      red: await counters('bi-industry-impact', RED.id, tenantId),
    };
    for (const scope of ['org', 'red'] as const) {
      expect(total(after[scope], 'n') - total(before[scope], 'n')).toBe(0);
      expect(total(after[scope], 'rating:5') - total(before[scope], 'rating:5')).toBe(-1);
      expect(total(after[scope], 'rating:2') - total(before[scope], 'rating:2')).toBe(1);
    }
    const { resource: session } = await bot.containers.users
      .item(sessionId(userId, user.conversationId), partition)
      .read();
    expect(session.answers).toBeUndefined();
    const { resource: person } = await bot.containers.users.item(`person|${userId}`, partition).read();
    expect(person).toMatchObject({
      answers: { 'bi-industry-impact': { kind: 'rating', value: 2 } },
      teamIds: [RED.id],
    });
  });

  it('saves the session of a new person made without a read, and refuses one for a person already stored', async () => {
    const sessions = new CosmosSessionStore(bot.containers.users);
    const userId = randomUUID();
    const fresh = CosmosSessionStore.forNewPerson(TENANT, userId, 'a:import');
    fresh.doc.answers['bi-industry-impact'] = { kind: 'rating', value: 3 };
    await sessions.save(fresh, new Date());
    expect((await sessions.load(TENANT, userId, 'a:import', true)).doc.answers).toEqual(fresh.doc.answers);
    const again = CosmosSessionStore.forNewPerson(TENANT, userId, 'a:import');
    await expect(sessions.save(again, new Date())).rejects.toThrow(SessionConflictError);
    expect((await sessions.load(TENANT, userId, 'a:import', true)).doc.answers).toEqual(fresh.doc.answers);
  });
});
