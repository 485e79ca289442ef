import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answerCurrentCard, hasButton } from '../support/card-driver';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot, type TestUser } from '../support/bot-harness';
import { inChannel } from '../pulse/pulse-chat';

jest.setTimeout(120_000);

let service: FakeTeamsService;
let bot: TestBot;
// Tuesday 8 December 2026, 10:00 UTC.
let now = Date.parse('2026-12-08T10:00:00.000Z');

beforeAll(async () => {
  service = await FakeTeamsService.start(5);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { MANAGER_IDS: service.members[0].aadObjectId, SUMMARY_THRESHOLD: '3' },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

function member(index: number): TestUser {
  const { aadObjectId, name } = service.members[index];
  const user = bot.user(aadObjectId, name);
  const base = user.activity.bind(user);
  user.activity = (fields) => base({ serviceUrl: service.url, ...fields });
  return user;
}

const invitations = (index: number) =>
  service.of('send').filter((r) => r.conversationId === `a:1on1|${service.members[index].id}` && r.status === 200);
const remindersTo = (index: number) =>
  service
    .of('send')
    .filter((r) => r.conversationId === `a:personal-${service.members[index].aadObjectId}` && r.status === 200)
    .map((r) => cardText((r.body?.attachments as { content: unknown }[])[0].content))
    .filter((text) => /Pick up where/.test(text));

/** What a version of the bot before invitations left: answers, sessions, and no participation documents. */
async function forgetParticipation(): Promise<number> {
  const { resources } = await bot.containers.users.items
    .query<{ id: string; userId: string }>({
      query: 'SELECT c.id, c.userId FROM c WHERE c.tenantId = @t AND c.type = "participation"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  for (const doc of resources) await bot.containers.users.item(doc.id, [TENANT, doc.userId]).delete();
  return resources.length;
}

/** Answers every question of the path (a rows question: one row, then on). */
async function walkToTheEnd(user: TestUser): Promise<void> {
  let reply = await user.say('start');
  for (let step = 0; step < 60; step++) {
    const card = cardsOf(reply).at(-1);
    if (!card || !(hasButton(card, 'Next') || hasButton(card, 'Add'))) return;
    reply =
      hasButton(card, 'Done — next question') && /Added so far/.test(cardText(card))
        ? await user.press(card, 'Done — next question')
        : await answerCurrentCard(user, reply);
  }
  throw new Error('the path did not end');
}

describe('people who answered before invitations existed (real bot, FAKE Teams channel service)', () => {
  it('someone who finished is not invited; someone who started is invited, counted as started and reminded three days after the invitation', async () => {
    await walkToTheEnd(member(1));
    await answerCurrentCard(member(2), await member(2).say('start'));
    expect(await forgetParticipation()).toBe(2);

    // Monday 28 December: invitations, long after those answers.
    now = Date.parse('2026-12-28T10:00:00.000Z');
    await inChannel(member(0), service, { text: '<at>Strategy Guide</at> invite' });
    await bot.app.pulses.jobs.idle();
    expect([0, 1, 2, 3, 4].map((index) => invitations(index).length)).toEqual([1, 0, 1, 1, 1]);
    const [campaign] = (
      await bot.containers.pulses.items
        .query<{ pulseId: string }>({
          query: 'SELECT c.pulseId FROM c WHERE c.tenantId = @t AND c.type = "campaign"',
          parameters: [{ name: '@t', value: TENANT }],
        })
        .fetchAll()
    ).resources;
    expect(await bot.app.invitations.stores.campaigns.progressCounts(TENANT, campaign.pulseId)).toEqual({
      started: 1,
      finished: 0,
    });
    const participation = bot.app.invitations.stores.participation;
    const finished = await participation.read(TENANT, service.members[1].aadObjectId);
    expect(finished?.doc.finishedAt).toBeDefined();
    expect(finished?.doc.nextNudgeAt).toBeUndefined();

    // No reminder on the heels of the invitation, though their answers are weeks old.
    now += 10 * 60_000;
    await bot.app.invitations.scheduler.tick();
    expect(remindersTo(2)).toEqual([]);
    // Thursday 31 December, 10:30 UTC: three days after the invitation, a working day: the starter is reminded.
    now = Date.parse('2026-12-31T10:30:00.000Z');
    await bot.app.invitations.scheduler.tick();
    expect(remindersTo(2)).toHaveLength(1);
    expect(remindersTo(1)).toEqual([]);
  });
});
