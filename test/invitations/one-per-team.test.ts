import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { cardsOf, startTestBot, textsOf, TENANT, type TestBot } from '../support/bot-harness';
import { CHANNEL_ID, inChannel, TEAM_ID } from '../pulse/pulse-chat';

jest.setTimeout(120_000);

const LEADER = '6d1e0c3a-8f0b-4c55-9a51-0000000000c3';
/** The General channel itself: a post there is `<channel>;messageid=<n>`. */
const CHANNEL_ROOT = CHANNEL_ID.split(';')[0];
let service: FakeTeamsService;
let bot: TestBot;
let now = Date.parse('2026-12-08T10:00:00.000Z');

beforeAll(async () => {
  service = await FakeTeamsService.start(6);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: {
      MANAGER_IDS: `${service.members[0].aadObjectId},${service.members[1].aadObjectId}`,
      LEADER_IDS: LEADER,
      SUMMARY_THRESHOLD: '5',
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const post = (messageId: number) => `${CHANNEL_ROOT};messageid=${messageId}`;
const invitationsOf = (index: number) =>
  service.of('send').filter((r) => r.conversationId === `a:1on1|${service.members[index].id}` && r.status === 200);

async function campaigns(): Promise<{ pulseId: string; status: string; origin: { conversationId: string } }[]> {
  const { resources } = await bot.containers.pulses.items
    .query<{ pulseId: string; status: string; origin: { conversationId: string } }>({
      query: 'SELECT c.pulseId, c.status, c.origin FROM c WHERE c.tenantId = @t AND c.type = "campaign"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources;
}

function managerSays(index: number, thread: number, id: string) {
  const { aadObjectId, name } = service.members[index];
  return inChannel(bot.user(aadObjectId, name), service, {
    id,
    conversation: { id: post(thread), conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID } },
    text: '<at>Strategy Guide</at> invite',
  });
}

describe('one invitation per team, whichever thread of the channel (real bot, FAKE Teams channel service)', () => {
  it('two managers typing `invite` in two posts of the channel start one campaign; its card goes to the channel root', async () => {
    const [first, second] = await Promise.all([managerSays(0, 101, 'post-101'), managerSays(1, 202, 'post-202')]);
    await bot.app.pulses.jobs.idle();
    expect(await campaigns()).toHaveLength(1);
    const replies = [...textsOf(first), ...textsOf(second)].join('\n');
    expect(replies).toMatch(/Invitations are on their way/);
    expect(replies).toMatch(/still running/);
    for (const index of [0, 1, 2, 3, 4, 5]) expect([index, invitationsOf(index).length]).toEqual([index, 1]);
    expect((await campaigns())[0].origin.conversationId).toBe(CHANNEL_ROOT);
    const channelPosts = service.of('send').filter((r) => r.conversationId?.startsWith(CHANNEL_ROOT));
    expect(channelPosts.map((r) => r.conversationId)).toEqual([CHANNEL_ROOT]);
    // A third post in yet another thread, later: still refused.
    now += 86_400_000;
    expect(textsOf(await managerSays(0, 303, 'post-303')).join('\n')).toMatch(/still running/);
    expect(await campaigns()).toHaveLength(1);
  });

  it("a leader's double submit of the team list, once the first campaign closed, starts one campaign", async () => {
    now += 31 * 86_400_000;
    await bot.app.invitations.scheduler.tick();
    expect((await campaigns()).map((c) => c.status)).toEqual(['closed']);
    const leader = bot.user(LEADER, 'Lee Leader');
    const list = cardsOf(await leader.say('invite')).at(-1) ?? {};
    const [a, b] = await Promise.all([
      leader.press(list, 'Send invitations', { teamIds: TEAM_ID }),
      leader.press(list, 'Send invitations', { teamIds: TEAM_ID }),
    ]);
    await bot.app.pulses.jobs.idle();
    expect([...textsOf(a), ...textsOf(b)].join('\n')).toMatch(/already had invitations under way/);
    const open = (await campaigns()).filter((c) => c.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0].origin.conversationId).toBe(CHANNEL_ROOT);
    for (const index of [0, 1, 2, 3, 4, 5]) expect([index, invitationsOf(index).length]).toEqual([index, 2]);
  });

  it('a campaign opened before the locks existed (it has none) still keeps a second one out', async () => {
    const { resources } = await bot.containers.pulses.items
      .query<{ id: string; pulseId: string }>({
        query: 'SELECT c.id, c.pulseId FROM c WHERE c.tenantId = @t AND c.type = "campaign-lock"',
        parameters: [{ name: '@t', value: TENANT }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
    await bot.containers.pulses.item(resources[0].id, [TENANT, resources[0].pulseId]).delete();
    expect(textsOf(await managerSays(1, 404, 'post-404')).join('\n')).toMatch(/still running/);
    expect((await campaigns()).filter((c) => c.status === 'open')).toHaveLength(1);
  });
});
