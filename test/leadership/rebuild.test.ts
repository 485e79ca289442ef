import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { aggregateId, CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { startTestBot, textsOf, TENANT, type TestBot, type TestUser, type TurnReply } from '../support/bot-harness';
import { owedByAnotherInstance } from '../support/owed';
import { answerRandomly, deleteData, editRandomly, inChannel, seeded } from './drive';

const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const LEADER = 'aaaaaaaa-0000-4000-8000-000000000002';
const index = new ContentIndex(loadContentPack());
const TEAMS = [
  { id: '19:team-red@thread.tacv2', name: 'Red' },
  { id: '19:team-blue@thread.tacv2', name: 'Blue' },
];
let bot: TestBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({ env: { ADMIN_IDS: ADMIN, LEADER_IDS: LEADER, SUMMARY_THRESHOLD: '3' } });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

/**
 * An admin's check or rebuild (through the fake Teams connector): the turn only acknowledges it, and the result
 * arrives later as a proactive message.
 */
async function adminSays(text: 'check summary' | 'rebuild summary'): Promise<string> {
  const before = connector.sent.length;
  const reply = await bot.user(ADMIN, 'Ada Admin').post({ type: 'message', text, serviceUrl: connector.serviceUrl });
  expect(textsOf(reply).join(' ')).toMatch(/I'll post the result here when it's done/);
  const [result] = (await connector.waitFor(before + 1)).slice(before);
  return String(result?.activity.text);
}

function stores() {
  return {
    answers: new CosmosAnswerStore(bot.containers.users),
    aggregates: new CosmosAggregateStore(bot.containers.aggregates),
    memberships: new CosmosTeamMembership(bot.containers.users),
  };
}

describe('maintained counters equal a recomputation from the raw answers (results through the FAKE Teams connector)', () => {
  it('after a randomized mix of answers, skips, edits, deletions, path switches and team joins over HTTP', async () => {
    const random = seeded(20261128);
    const users: TestUser[] = [...Array.from({ length: 7 }, () => bot.user()), bot.user(LEADER, 'Lea Leader')];
    const last = new Map<TestUser, TurnReply>();
    for (const user of users) last.set(user, await user.say('start'));
    const done = { joins: 0, edits: 0, deletions: 0, switches: 0, answers: 0 };
    for (let step = 0; step < 260; step++) {
      const user = users[Math.floor(random() * users.length)];
      const roll = random();
      let reply: TurnReply;
      if (roll < 0.05) {
        reply = await inChannel(user, TEAMS[Math.floor(random() * TEAMS.length)], 'help');
        done.joins++;
      } else if (roll < 0.12) {
        reply = await editRandomly(user, random);
        done.edits++;
      } else if (roll < 0.14) {
        await deleteData(user);
        reply = await user.say('start');
        done.deletions++;
      } else if (roll < 0.18) {
        // Progress and completion move to the chosen path, everywhere the person counts.
        reply = await user.say(random() < 0.5 ? 'start full' : 'start short');
        done.switches++;
      } else {
        reply = await answerRandomly(user, last.get(user) as TurnReply, random);
        done.answers++;
      }
      expect(reply.status).toBe(200);
      last.set(user, reply);
    }
    expect(Math.min(done.joins, done.edits, done.deletions, done.switches)).toBeGreaterThan(2);
    const report = await rebuildAggregates(index, stores(), TENANT, { write: false });
    expect(report.answers).toBeGreaterThan(50);
    expect(report.teams).toBeGreaterThan(0);
    expect(report.differences).toEqual([]);

    expect(await adminSays('check summary')).toContain('They match the maintained counters exactly.');
  }, 240_000);

  it('finds a drifted counter, and the admin rebuild command repairs it', async () => {
    const questionId = index.allQuestions()[0].question.id;
    await bot.containers.aggregates
      .item(aggregateId(questionId), [TENANT, questionId])
      .patch([{ op: 'incr', path: '/counters/employee:rating:sum', value: 7 }]);
    expect(await adminSays('check summary')).toMatch(/1 counters differ/);
    expect(await adminSays('rebuild summary')).toMatch(/1 counters had drifted and are now repaired/);
    const after = await rebuildAggregates(index, stores(), TENANT, { write: false });
    expect(after.differences).toEqual([]);
  }, 60_000);

  it('does not rebuild while a change another instance owes is not in the counters (it would count twice)', async () => {
    const user = bot.user();
    await user.say('start');
    const questionId = index.allQuestions()[0].question.id;
    const owed = await owedByAnotherInstance(bot.containers, TENANT, user.aadObjectId, questionId);
    expect(await adminSays('check summary')).toMatch(/a check now would show them as differences/);
    expect(await adminSays('rebuild summary')).toMatch(/still being added to the counters/);
    await stores().aggregates.applyOwed(TENANT, questionId, undefined, [
      { by: owed.by, seq: owed.seq, personId: user.aadObjectId, change: owed.changes[0] },
    ]);
    expect(await adminSays('rebuild summary')).toMatch(/repaired|match/);
  }, 60_000);

  it('refuses the check and the rebuild to anyone but an admin, changing nothing', async () => {
    for (const user of [bot.user(), bot.user(LEADER, 'Lea Leader')]) {
      expect(textsOf(await user.say('rebuild summary')).join(' ')).toContain('Only admins');
    }
  });
});
