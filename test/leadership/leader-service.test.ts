import type { Activity } from 'botbuilder';
import { AuditTrail } from '../../src/audit/audit-trail';
import { CardRenderer } from '../../src/cards/card-renderer';
import type { Reply } from '../../src/cards/reply';
import { loadConfig } from '../../src/config';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { DigestService } from '../../src/leadership/digest-service';
import { LeaderService } from '../../src/leadership/leader-service';
import { RoleChanges } from '../../src/leadership/role-changes';
import { SummaryScans } from '../../src/leadership/summary-scans';
import { SummaryService } from '../../src/leadership/summary-service';
import { effectiveGroup } from '../../src/leadership/thresholds';
import { silentLogger } from '../../src/logging/logger';
import { CosmosActivityClaims } from '../../src/storage/activity-claims';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosAuditStore } from '../../src/storage/audit-store';
import { CosmosDigestStore } from '../../src/storage/digest-store';
import { CosmosSessionStore } from '../../src/storage/session-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
import { CosmosTenantLeases } from '../../src/storage/tenant-leases';
import { CosmosTenantStore } from '../../src/storage/tenant-store';
import type { AggregateStore } from '../../src/storage/ports';
import type { Speaker } from '../../src/strategy/turn-unit';
import { cardText, startTestBot, TENANT, type TestBot, type TurnReply } from '../support/bot-harness';
import { answerQuestion, inChannel } from './drive';

/**
 * LeaderService called directly with plain inputs (a speaker, the typed words, the team), against real Cosmos: it
 * answers exactly as the bot does through the dialogs, and decides access itself for every request.
 */
const ADMIN = 'eeeeeeee-0000-4000-8000-000000000001';
const LEADER = 'eeeeeeee-0000-4000-8000-000000000002';
const EMPLOYEE = 'eeeeeeee-0000-4000-8000-000000000003';
const BLUE = { id: '19:team-blue@thread.tacv2', name: 'Blue' };
const env = { ADMIN_IDS: ADMIN, LEADER_IDS: LEADER };
const config = loadConfig({ PORT: '0', COSMOS_DATABASE: 'unused', ...env }, 'local');
const index = new ContentIndex(loadContentPack());
const clock = () => new Date();
const digestTenants = new Set<string>();
let bot: TestBot;
let service: LeaderService;
let digests: DigestService;
let aggregates: AggregateStore;

beforeAll(async () => {
  bot = await startTestBot({ env });
  const { users, tenants: tenantsContainer } = bot.containers;
  aggregates = new CosmosAggregateStore(bot.containers.aggregates, effectiveGroup(config.summaryThresholds), clock);
  const tenants = new CosmosTenantStore(tenantsContainer);
  const memberships = new CosmosTeamMembership(users);
  const audit = new AuditTrail(new CosmosAuditStore(bot.containers.audit), silentLogger, clock);
  const stores = { answers: new CosmosAnswerStore(users), aggregates, memberships };
  const summaries = new SummaryService(index, aggregates, config.summaryThresholds);
  const cards = new CardRenderer();
  digests = new DigestService({
    store: new CosmosDigestStore(tenantsContainer),
    summaries,
    cards,
    tenants,
    directory: config,
    clock,
    noteTenant: (tenantId) => digestTenants.add(tenantId),
  });
  service = new LeaderService({
    index,
    cards,
    summaries,
    tenants,
    directory: config,
    memberships,
    aggregates,
    digests,
    audit,
    scans: new SummaryScans({
      index,
      stores,
      leases: new CosmosTenantLeases(tenantsContainer),
      claims: new CosmosActivityClaims(tenantsContainer),
      audit,
      clock,
    }),
    roleChanges: new RoleChanges(tenants, config, audit),
    clock,
  });
}, 60_000);

afterAll(() => bot?.close());

const speaker = (userId: string): Speaker => ({ tenantId: TENANT, userId, role: 'employee' });
const typed = (text: string) => ({ text });
const place = { conversationReference: { conversation: { id: 'a:personal' } } };

/** What a reply shows: its text, or each attachment's text (a card) or name. */
function shown(activity: Partial<Activity> | Reply): string {
  if (typeof activity === 'string') return activity;
  if ('contentType' in activity) return cardText(activity.content);
  const attachments = (activity.attachments ?? []).map((a) => (a.content ? cardText(a.content) : (a.name ?? '')));
  return [activity.text ?? '', ...attachments].filter((part) => part !== '').join('\n');
}
const shownByBot = (reply: TurnReply) => reply.activities.map(shown);

async function personal(userId: string, text: string): Promise<string[] | string | undefined> {
  const answer = await service.inPersonalChat(speaker(userId), typed(text), place);
  return answer === undefined || answer === 'own summary' ? answer : answer.replies.map(shown);
}

describe('LeaderService, called directly', () => {
  it.each([
    ['an employee', 'organisation summary', EMPLOYEE],
    ['an employee', 'export summary', EMPLOYEE],
    ['an employee', 'digest weekly', EMPLOYEE],
    ['an employee', 'check summary', EMPLOYEE],
    ['an employee', 'audit log', EMPLOYEE],
    ['an employee', 'list roles', EMPLOYEE],
    ['an employee', 'team summary', EMPLOYEE],
    ['a leader', 'summary', LEADER],
    ['a leader', 'organisation summary', LEADER],
    ['a leader', 'list roles', LEADER],
    ['an admin', 'list roles', ADMIN],
    ['an admin', 'grant leader not-an-id', ADMIN],
  ])('answers %s typing "%s" in 1:1 chat as the bot does', async (_who, text, userId) => {
    const byBot = shownByBot(await bot.user(userId).say(text));
    expect(byBot.length).toBeGreaterThan(0);
    expect(await personal(userId, text)).toEqual(byBot);
  });

  it('hands `summary` and `my summary` back to the strategy conversation for a non-leader, and ignores other words', async () => {
    expect(await personal(EMPLOYEE, 'summary')).toBe('own summary');
    expect(await personal(LEADER, 'my summary')).toBe('own summary');
    expect(await personal(LEADER, 'start')).toBeUndefined();
  });

  it('exports the organisation summary as CSV text and a JSON file for a leader', async () => {
    const answer = await service.inPersonalChat(speaker(LEADER), typed('export summary'), place);
    if (answer === undefined || answer === 'own summary') throw new Error('no export');
    const [csv, json] = answer.replies;
    expect(csv).toMatch(/^Summary figures \(CSV/);
    expect(json).toMatchObject({
      text: 'The same figures as JSON:',
      attachments: [{ contentType: 'application/json', name: 'strategy-summary.json' }],
    });
  });

  it('subscribes a leader to the digest in their zone and tells the scheduler about the tenant', async () => {
    const answer = await service.inPersonalChat(speaker(LEADER), typed('digest monthly'), {
      ...place,
      timeZone: 'Europe/Paris',
    });
    if (answer === undefined || answer === 'own summary') throw new Error('no answer');
    expect(answer.replies).toEqual([expect.stringMatching(/^Done: you'll get the organisation summary monthly here/)]);
    expect(digestTenants.has(TENANT)).toBe(true);
    expect(await personal(LEADER, 'digest off')).toEqual(['Done: no more summary digests.']);
  });

  it('fills a due digest with the organisation card while its subscriber is a leader, and with nothing after', async () => {
    const subscription = {
      id: 'digest',
      type: 'digest' as const,
      tenantId: TENANT,
      frequency: 'weekly' as const,
      conversationReference: {},
      nextDueAt: new Date().toISOString(),
      timeZone: 'UTC',
    };
    const card = await digests.digestFor({ ...subscription, userId: LEADER });
    expect(cardText(card?.content).split('\n')[0]).toBe('Your weekly AI strategy digest');
    expect(await digests.digestFor({ ...subscription, userId: EMPLOYEE })).toBeUndefined();
  });

  it('gives an admin the scan as a job to run after the turn, and refuses it to a leader', async () => {
    const answer = await service.inPersonalChat(speaker(ADMIN), typed('check summary'), {
      ...place,
      request: ['a:personal', 'check-1'],
    });
    if (answer === undefined || answer === 'own summary') throw new Error('no answer');
    expect(answer.replies).toEqual([expect.stringMatching(/^Checking the summary counters/)]);
    expect(answer.job?.name).toBe('summary.check');
    const posted = await answer.job!.run();
    expect(posted.length).toBeGreaterThan(0);
    expect(await personal(LEADER, 'check summary')).toEqual(['Only admins can check or rebuild the summary counters.']);
  });

  it.each([
    ['an employee', 'team summary', EMPLOYEE],
    ['an employee', 'summary', EMPLOYEE],
    ['an employee', 'export summary', EMPLOYEE],
    ['a leader', 'summary', LEADER],
    ['an employee', 'my summary', EMPLOYEE],
  ])('answers %s typing "%s" in a team channel as the bot does', async (_who, text, userId) => {
    const byBot = shownByBot(await inChannel(bot.user(userId), BLUE, text));
    const direct = await service.inSharedChat(speaker(userId), typed(text), BLUE);
    expect(direct?.map(shown)).toEqual(byBot);
  });

  it('says where team summaries are when the chat has no team, and leaves other messages alone', async () => {
    expect(await service.inSharedChat(speaker(EMPLOYEE), typed('team summary'), undefined)).toEqual([
      'Team summaries are shown in a team’s channel; this chat belongs to no team.',
    ]);
    expect(await service.inSharedChat(speaker(EMPLOYEE), typed('help'), BLUE)).toBeUndefined();
  });

  it('adds a person’s answers to a team’s counters when they join it, once', async () => {
    const user = bot.user();
    await user.say('start');
    await answerQuestion(user, 'bi-industry-impact', '5');
    const sessions = new CosmosSessionStore(bot.containers.users);
    const teamId = '19:team-green@thread.tacv2';
    const load = () => sessions.load(TENANT, user.aadObjectId, user.conversationId, true);
    const countedInTeam = async () =>
      (await aggregates.read(TENANT, ['bi-industry-impact'], teamId)).get('bi-industry-impact') ?? {};
    expect(await countedInTeam()).toEqual({});
    await service.joinTeam(await load(), teamId);
    const joined = await countedInTeam();
    expect(joined).toMatchObject({ 'employee:n': 1, 'employee:people': 1 });
    const session = await load();
    expect(session.doc.teamIds).toEqual([teamId]);
    await service.joinTeam(session, teamId);
    expect(await countedInTeam()).toEqual(joined);
  });
});
