import { CAMPAIGN_PREFIX, type ShownCounts } from '../../src/domain/invitation-docs';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { answerCurrentCard, progressOf } from '../support/card-driver';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  textsOf,
  TENANT,
  type TestBot,
  type TestUser,
  type TurnReply,
} from '../support/bot-harness';
import { CHANNEL_ID, inChannel } from '../pulse/pulse-chat';

jest.setTimeout(120_000);

const LEADER = '6d1e0c3a-8f0b-4c55-9a51-0000000000b2';
let service: FakeTeamsService;
let bot: TestBot;
// Tuesday 8 December 2026, 10:00 UTC: a working day.
let now = Date.parse('2026-12-08T10:00:00.000Z');
const clock = () => new Date(now);

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock,
    // Member 7 is a leader too: their invitation gives the leader path's length.
    env: {
      MANAGER_IDS: service.members[0].aadObjectId,
      LEADER_IDS: `${LEADER},${service.members[7].aadObjectId}`,
      SUMMARY_THRESHOLD: '5',
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

/** A member in their 1:1 chat, whose activities come through the FAKE channel service (so reminders go there too). */
function member(index: number): TestUser {
  const { aadObjectId, name } = service.members[index];
  const user = bot.user(aadObjectId, name);
  const base = user.activity.bind(user);
  user.activity = (fields) => base({ serviceUrl: service.url, ...fields });
  return user;
}

const said = (reply: TurnReply) => textsOf(reply).join('\n');
const sentTo = (conversationId: string) =>
  service
    .of('send')
    .filter((request) => request.conversationId === conversationId && request.status === 200)
    .map((request) => (request.body?.attachments as { content: Record<string, unknown> }[])[0].content);
/** The campaign's card is posted to the channel itself, not as a reply in the post `invite` was typed in. */
const CHANNEL_ROOT = CHANNEL_ID.split(';')[0];
const channelCardNow = () => {
  const updates = service.of('update').filter((request) => request.conversationId === CHANNEL_ROOT);
  const latest = updates.at(-1)?.body ?? service.of('send').find((r) => r.conversationId === CHANNEL_ROOT)?.body;
  return cardText((latest?.attachments as { content: unknown }[])[0].content) + JSON.stringify(latest);
};

async function campaigns(): Promise<{ pulseId: string; status: string; shown?: ShownCounts }[]> {
  const { resources } = await bot.containers.pulses.items
    .query<{ pulseId: string; status: string; shown?: ShownCounts }>({
      query: 'SELECT c.pulseId, c.status, c.shown FROM c WHERE c.tenantId = @t AND c.type = "campaign"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources;
}

/** Presses the invitation's (or reminder's) button in the member's chat; returns the reply. */
function pressFromCard(user: TestUser, card: Record<string, unknown>, title: string): Promise<TurnReply> {
  return user.submit(submitData(card, title));
}

async function tick(): Promise<void> {
  await bot.app.invitations.scheduler.tick();
  await bot.app.pulses.jobs.idle();
}

describe('invitations and reminders through the real bot (FAKE Teams channel service, injected clock)', () => {
  it('refuses `invite` from someone who is neither manager nor leader, and stores nothing', async () => {
    const reply = await inChannel(member(3), service, { text: '<at>Strategy Guide</at> invite' });
    expect(said(reply)).toMatch(/Only managers and leaders can invite/);
    expect(await campaigns()).toEqual([]);
    expect(service.of('send')).toEqual([]);
  });

  it("a manager's `invite` sends every member a 1:1 invitation once, and the channel a card held to the threshold", async () => {
    const activityId = 'invite-activity-1';
    const reply = await inChannel(member(0), service, { id: activityId, text: '<at>Strategy Guide</at> invite' });
    expect(said(reply)).toMatch(/Invitations are on their way/);
    // Teams delivers the same message again: still one campaign.
    await inChannel(member(0), service, { id: activityId, text: '<at>Strategy Guide</at> invite' });
    await bot.app.pulses.jobs.idle();
    expect(await campaigns()).toHaveLength(1);
    expect((await campaigns())[0].pulseId.startsWith(CAMPAIGN_PREFIX)).toBe(true);
    for (const m of service.members) {
      const cards = sentTo(`a:1on1|${m.id}`);
      expect([m.id, cards.length]).toEqual([m.id, 1]);
      expect(cardText(cards[0])).toMatch(/Help shape our AI strategy/);
      // Each is told how long their own path takes.
      expect(cardText(cards[0])).toContain(m === service.members[7] ? 'about 25 minutes' : 'about 10 minutes');
    }
    expect(channelCardNow()).toContain('"title":"Invited","value":"fewer than 5"');
    // A second `invite` while the first runs is refused kindly.
    const again = await inChannel(member(0), service, { text: '<at>Strategy Guide</at> invite' });
    expect(said(again)).toMatch(/already|still running/);
    expect(await campaigns()).toHaveLength(1);
  });

  it('Start lands on the first question of their path; answering counts them as started on the channel card', async () => {
    now += 60_000;
    await tick();
    expect(channelCardNow()).toContain('"title":"Invited","value":"8"');
    expect(channelCardNow()).toContain('"title":"Started","value":"fewer than 5"');
    for (const index of [1, 2, 3, 4, 5, 6]) {
      const user = member(index);
      const invitation = sentTo(`a:1on1|${service.members[index].id}`)[0];
      const started = await pressFromCard(user, invitation, 'Start');
      expect(progressOf(cardsOf(started).at(-1))).toMatch(/· 1 of \d+$/);
      await answerCurrentCard(user, started);
    }
    now += 60_000;
    await tick();
    expect((await campaigns())[0].shown).toEqual({ invited: 8, started: 6, finished: 0 });
    // Invited 8 · Started 6 would say two invited people have not started: fewer than 5, so the card shows bands.
    expect(channelCardNow()).toContain('"title":"Invited","value":"5 to 9"');
    expect(channelCardNow()).toContain('"title":"Started","value":"5 to 9"');
    expect(channelCardNow()).toContain('"title":"Finished","value":"fewer than 5"');
    // No names or ids on the channel card.
    for (const m of service.members) expect(channelCardNow()).not.toContain(m.aadObjectId);
  });

  it('`stop reminders`, `stop invitations` and `start invitations` answer kindly; the help card lists them', async () => {
    expect(said(await member(5).say('stop reminders'))).toMatch(/no more reminders/);
    expect(said(await member(6).say('stop invitations'))).toMatch(/no more invitations/);
    expect(said(await member(7).say('stop invitations'))).toMatch(/no more invitations/);
    expect(said(await member(7).say('start invitations'))).toMatch(/invitations and reminders again/);
    const help = JSON.stringify(cardsOf(await member(7).say('help')).at(-1));
    for (const command of ['stop invitations', 'start invitations', 'stop reminders']) expect(help).toContain(command);
  });

  it('three days on, in working hours, reminds those who started (not those who opted out); Resume lands on the next question', async () => {
    // Member 4 deletes their data: nothing of them is left to remind.
    const asked = await member(4).say('delete my data');
    await member(4).submit(submitData(cardsOf(asked).at(-1) ?? {}, 'Yes, delete everything'));
    // Saturday: no reminders at the weekend. Member 4's start no longer counts on the channel card.
    now = Date.parse('2026-12-12T10:00:00.000Z');
    await tick();
    expect((await campaigns())[0].shown).toMatchObject({ started: 5 });
    expect(channelCardNow()).toContain('"title":"Started","value":"5 to 9"');
    const reminded = () =>
      [1, 2, 3, 4, 5, 6].filter((index) =>
        sentTo(`a:personal-${service.members[index].aadObjectId}`).some((card) => /Pick up where/.test(cardText(card))),
      );
    expect(reminded()).toEqual([]);
    // Monday 09:30 UTC (their clients sent no zone: UTC).
    now = Date.parse('2026-12-14T09:30:00.000Z');
    await tick();
    await tick();
    expect(reminded()).toEqual([1, 2, 3]);
    const reminder = sentTo(`a:personal-${service.members[1].aadObjectId}`).at(-1) ?? {};
    const resumed = await pressFromCard(member(1), reminder, 'Resume');
    expect(progressOf(cardsOf(resumed).at(-1))).toMatch(/· 2 of \d+$/);
  });

  it('a leader picks teams the bot knows in 1:1; forged or foreign team ids and non-leaders change nothing', async () => {
    const leader = bot.user(LEADER, 'Lee Leader');
    const list = cardsOf(await leader.say('invite')).at(-1);
    expect(cardText(list)).toMatch(/Invite teams/);
    const before = (await campaigns()).length;
    const forged = await leader.submit({
      sg: 'invitations',
      action: 'invite-teams',
      teamIds: '19:not-ours@thread.tacv2',
    });
    expect(cardText(cardsOf(forged).at(-1))).toMatch(/pick teams from the list/);
    const junk = await leader.submit({ sg: 'invitations', action: 'invite-teams', teamIds: 42 });
    expect(cardText(cardsOf(junk).at(-1))).toMatch(/pick teams from the list/);
    const stranger = await member(3).submit({
      sg: 'invitations',
      action: 'invite-teams',
      teamIds: '19:team@thread.tacv2',
    });
    expect(said(stranger)).toMatch(/Only leaders can invite teams/);
    const unknownAction = await leader.submit({ sg: 'invitations', action: 'explode' });
    expect(said(unknownAction)).toMatch(/don't recognise that card/);
    // The team already has invitations under way: the leader is told, and nothing new goes out.
    const picked = await leader.submit({ sg: 'invitations', action: 'invite-teams', teamIds: '19:team@thread.tacv2' });
    expect(said(picked)).toMatch(/already had invitations under way/);
    expect(await campaigns()).toHaveLength(before);
    expect(said(await member(3).say('reminder days 1 2'))).toMatch(/Only leaders and admins/);
    expect(said(await leader.say('reminder days 9 2'))).toMatch(/Nothing was changed/);
    expect(said(await leader.say('reminder days 2 9'))).toMatch(/2 and 9 days/);
  });

  it('after 30 days the campaign closes; a leader invites the team again: everyone but the opted-out person is invited', async () => {
    now += 31 * 86_400_000;
    await tick();
    expect(channelCardNow()).toMatch(/This invitation has ended/);
    expect((await campaigns()).map((campaign) => campaign.status)).toEqual(['closed']);
    const leader = bot.user(LEADER, 'Lee Leader');
    const list = cardsOf(await leader.say('invite')).at(-1) ?? {};
    const picked = await leader.press(list, 'Send invitations', { teamIds: '19:team@thread.tacv2' });
    expect(said(picked)).toMatch(/on their way to 1 team/);
    await bot.app.pulses.jobs.idle();
    expect(await campaigns()).toHaveLength(2);
    const invitations = service.members.map((m) => sentTo(`a:1on1|${m.id}`).length);
    // Member 6 typed `stop invitations`; member 7 typed it and then `start invitations`; nobody has finished.
    expect(invitations).toEqual([2, 2, 2, 2, 2, 2, 1, 2]);
  });
});
