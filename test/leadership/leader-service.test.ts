import type { Activity } from 'botbuilder';
import { PendingChanges } from '../../src/aggregation/aggregate-changes';
import { AuditTrail } from '../../src/audit/audit-trail';
import { CardRenderer } from '../../src/cards/card-renderer';
import type { Reply } from '../../src/cards/reply';
import { composePortfolio } from '../../src/compose-portfolio';
import { loadConfig } from '../../src/config';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { accessResolver } from '../../src/leadership/access';
import { DigestService } from '../../src/leadership/digest/digest-service';
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
import { CosmosPortfolioStore } from '../../src/storage/portfolio-store';
import { CosmosSessionStore } from '../../src/storage/session-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
import { CosmosTenantLeases } from '../../src/storage/tenant-leases';
import { CosmosTenantStore } from '../../src/storage/tenant-store';
import type { AggregateStore, SessionStore } from '../../src/storage/ports';
import type { Session } from '../../src/storage/user-docs';
import type { Person } from '../../src/domain/person';
import { cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { answerQuestion, inChannel } from './drive';

/**
 * LeaderService called directly with plain inputs (a speaker, the typed words, the team), against real Cosmos: every
 * role gets its own exact answer to every command, access is decided by the service itself, and a refused request
 * leaves no trace of a summary viewed or exported in the audit log.
 */
const ADMIN = 'eeeeeeee-0000-4000-8000-000000000001';
const LEADER = 'eeeeeeee-0000-4000-8000-000000000002';
const EMPLOYEE = 'eeeeeeee-0000-4000-8000-000000000003';
const GRANTED = 'eeeeeeee-0000-4000-8000-000000000004';
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
let auditStore: CosmosAuditStore;
let sessions: SessionStore;

beforeAll(async () => {
  bot = await startTestBot({ env });
  const { users, tenants: tenantsContainer } = bot.containers;
  aggregates = new CosmosAggregateStore(bot.containers.aggregates, effectiveGroup(config.summaryThresholds), clock);
  sessions = new CosmosSessionStore(users);
  const tenants = new CosmosTenantStore(tenantsContainer);
  const memberships = new CosmosTeamMembership(users);
  auditStore = new CosmosAuditStore(bot.containers.audit);
  const audit = new AuditTrail(auditStore, silentLogger, clock);
  const stores = { answers: new CosmosAnswerStore(users), aggregates, memberships };
  const summaries = new SummaryService(index, aggregates, config.summaryThresholds);
  const cards = new CardRenderer();
  digests = new DigestService({
    store: new CosmosDigestStore(tenantsContainer),
    summaries,
    cards,
    accessOf: accessResolver(config, tenants),
    clock,
    noteTenant: (tenantId) => digestTenants.add(tenantId),
  });
  service = new LeaderService({
    index,
    cards,
    summaries,
    tenants,
    accessOf: accessResolver(config, tenants),
    memberships,
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
    portfolio: composePortfolio({
      index,
      stores: { portfolios: new CosmosPortfolioStore(bot.containers.aggregates), aggregates, answers: stores.answers },
      thresholds: config.summaryThresholds,
      cards,
      audit,
      clock,
    }),
    clock,
  });
}, 60_000);

afterAll(() => bot?.close());

const ORGANISATION_CARD = 'card: Our AI ambition & success metrics';
const TEAM_CARD = 'card: This team’s AI ambition & success metrics';
const LEADERS_ONLY =
  'The organisation summary is for leaders. Type **summary** for your own ambition & metrics card, or ask in your team’s channel for the team’s.';
const ADMINS_ONLY_SCAN = 'Only admins can check or rebuild the summary counters.';

const speaker = (userId: string): Person => ({ tenantId: TENANT, userId, role: 'employee' });
const typed = (text: string) => ({ text });
const place = { conversationReference: () => ({ conversation: { id: 'a:personal' } }) };

/** What a reply shows: its text, or each attachment's text (a card) or name. */
function shown(activity: Partial<Activity> | Reply): string {
  if (typeof activity === 'string') return activity;
  if ('contentType' in activity) return cardText(activity.content);
  const attachments = (activity.attachments ?? []).map((a) => (a.content ? cardText(a.content) : (a.name ?? '')));
  return [activity.text ?? '', ...attachments].filter((part) => part !== '').join('\n');
}

/** A reply in one line: the text, or "card: " and the card's title. */
function headline(reply: Reply): string {
  if (typeof reply === 'string') return reply;
  if ('contentType' in reply) return `card: ${cardText(reply.content).split('\n')[0]}`;
  return reply.text ?? '';
}

async function personal(userId: string, text: string): Promise<string[] | string | undefined> {
  const answer = await service.inPersonalChat(speaker(userId), typed(text), place);
  return answer === undefined || answer === 'own summary' ? answer : answer.replies.map(headline);
}

/** The person's session in a channel of `team`, joined to it as the bot's first channel message would. */
async function memberOf(userId: string, team: { id: string }): Promise<Session> {
  const session = await sessions.load(TENANT, userId, `${team.id};messageid=1`, true);
  await service.joinTeam(session, team.id, new PendingChanges());
  return session;
}

/** How many summaries this person was recorded viewing or exporting. */
async function summariesSeenBy(userId: string): Promise<number> {
  const entries = await auditStore.recent(TENANT, 1_000);
  return entries.filter(
    (entry) => entry.actor === userId && (entry.action === 'summary.viewed' || entry.action === 'summary.exported'),
  ).length;
}

describe('LeaderService, called directly', () => {
  it.each([
    ['an employee', EMPLOYEE, 'organisation summary', [LEADERS_ONLY]],
    ['an employee', EMPLOYEE, 'export summary', ['Exports of the summary are for leaders and admins.']],
    ['an employee', EMPLOYEE, 'digest weekly', ['The summary digest is for leaders.']],
    ['an employee', EMPLOYEE, 'check summary', [ADMINS_ONLY_SCAN]],
    ['an employee', EMPLOYEE, 'audit log', ['Only admins can read the audit log.']],
    ['an employee', EMPLOYEE, 'list roles', ['Only admins can see or change roles.']],
    ['an employee', EMPLOYEE, 'grant leader not-an-id', ['Only admins can see or change roles.']],
    [
      'an employee',
      EMPLOYEE,
      'team summary',
      ['Team summaries are posted in the team’s channel: mention me there and type **team summary**.'],
    ],
    ['a leader', LEADER, 'check summary', [ADMINS_ONLY_SCAN]],
    ['a leader', LEADER, 'audit log', ['Only admins can read the audit log.']],
    ['a leader', LEADER, 'list roles', ['Only admins can see or change roles.']],
    ['a leader', LEADER, 'grant leader not-an-id', ['Only admins can see or change roles.']],
  ])('refuses %s typing "%s" in 1:1 chat, and records no summary seen', async (_who, userId, text, expected) => {
    const before = await summariesSeenBy(userId);
    expect(await personal(userId, text)).toEqual(expected);
    expect(await summariesSeenBy(userId)).toBe(before);
  });

  it.each([
    ['a leader', LEADER, 'summary', [ORGANISATION_CARD]],
    ['a leader', LEADER, 'organisation summary', [ORGANISATION_CARD]],
    ['an admin', ADMIN, 'summary', [ORGANISATION_CARD]],
    ['an admin', ADMIN, 'organisation summary', [ORGANISATION_CARD]],
    [
      'a leader',
      LEADER,
      'export summary',
      [expect.stringMatching(/^Summary figures \(CSV/), 'The same figures as JSON:'],
    ],
    [
      'an admin',
      ADMIN,
      'export summary',
      [expect.stringMatching(/^Summary figures \(CSV/), 'The same figures as JSON:'],
    ],
  ])('answers %s typing "%s" in 1:1 chat, and records it', async (_who, userId, text, expected) => {
    const before = await summariesSeenBy(userId);
    expect(await personal(userId, text)).toEqual(expected);
    expect(await summariesSeenBy(userId)).toBe(before + 1);
  });

  it.each([
    ['an admin', 'list roles', /^Granted in chat — leaders: .*; admins: .*; managers: .*\. Configured ids/],
    ['an admin', 'grant leader not-an-id', /^Use \*\*grant leader\*\* or \*\*revoke leader\*\*/],
    ['an admin', 'audit log', /^\*\*Audit log\*\*: /],
  ])('answers %s typing "%s" in 1:1 chat', async (_who, text, expected) => {
    expect(await personal(ADMIN, text)).toEqual([expect.stringMatching(expected)]);
  });

  it('sends the same messages through the bot as the service returns (the sendReplies mapping)', async () => {
    const byBot = (await bot.user(LEADER).say('export summary')).activities.map(shown);
    const answer = await service.inPersonalChat(speaker(LEADER), typed('export summary'), place);
    if (answer === undefined || answer === 'own summary') throw new Error('no export');
    expect(byBot).toHaveLength(2);
    expect(answer.replies.map(shown)).toEqual(byBot);
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

  it('builds the conversation reference only for the digest command', async () => {
    let built = 0;
    const counting = {
      conversationReference: () => {
        built += 1;
        return { conversation: { id: 'a:personal' } };
      },
    };
    for (const text of ['summary', 'organisation summary', 'export summary', 'list roles', 'check summary'])
      await service.inPersonalChat(speaker(LEADER), typed(text), counting);
    expect(built).toBe(0);
    await service.inPersonalChat(speaker(LEADER), typed('digest weekly'), counting);
    expect(built).toBe(1);
    await service.inPersonalChat(speaker(LEADER), typed('digest off'), counting);
  });

  it('fills a due digest with the organisation card while its subscriber is a leader, and with nothing once the role is revoked', async () => {
    const subscription = {
      id: 'digest',
      type: 'digest' as const,
      tenantId: TENANT,
      userId: GRANTED,
      frequency: 'weekly' as const,
      conversationReference: {},
      nextDueAt: new Date().toISOString(),
      timeZone: 'UTC',
    };
    expect(await personal(ADMIN, `grant leader ${GRANTED}`)).toHaveLength(1);
    const card = await digests.digestFor(subscription);
    expect(cardText(card?.content).split('\n')[0]).toBe('Your weekly AI strategy digest');
    expect(await personal(ADMIN, `revoke leader ${GRANTED}`)).toHaveLength(1);
    expect(await digests.digestFor(subscription)).toBeUndefined();
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
    expect(await personal(LEADER, 'check summary')).toEqual([ADMINS_ONLY_SCAN]);
  });

  it.each([
    ['an employee', EMPLOYEE, 'team summary', [TEAM_CARD], 1],
    ['an employee', EMPLOYEE, 'summary', [TEAM_CARD], 1],
    ['a leader', LEADER, 'summary', [ORGANISATION_CARD], 1],
    ['a leader', LEADER, 'team summary', [TEAM_CARD], 1],
    ['an admin', ADMIN, 'summary', [ORGANISATION_CARD], 1],
    ['an employee', EMPLOYEE, 'organisation summary', [LEADERS_ONLY], 0],
    ['an employee', EMPLOYEE, 'export summary', ['For privacy, ask me that in a 1:1 chat.'], 0],
    ['a leader', LEADER, 'export summary', ['For privacy, ask me that in a 1:1 chat.'], 0],
    ['an admin', ADMIN, 'audit log', ['For privacy, ask me that in a 1:1 chat.'], 0],
    [
      'an employee',
      EMPLOYEE,
      'my summary',
      ['Your own card stays private: open a 1:1 chat with me and type **summary**.'],
      0,
    ],
  ])('answers %s typing "%s" in a channel of their team', async (_who, userId, text, expected, recorded) => {
    const session = await memberOf(userId, BLUE);
    const before = await summariesSeenBy(userId);
    const replies = await service.inSharedChat(speaker(userId), session, typed(text), BLUE);
    expect(replies?.map(headline)).toEqual(expected);
    expect(await summariesSeenBy(userId)).toBe(before + recorded);
  });

  it.each([
    ['an employee', EMPLOYEE, 'team summary'],
    ['an employee', EMPLOYEE, 'summary'],
    ['a leader', LEADER, 'team summary'],
    ['an admin', ADMIN, 'team summary'],
  ])(
    'refuses %s "%s" for a team they are not a member of, whatever team the caller names',
    async (_who, userId, text) => {
      const session = await sessions.load(TENANT, userId, 'a:not-in-red', true);
      const red = { id: '19:team-red-unjoined@thread.tacv2', name: 'Red' };
      expect(session.doc.teamIds ?? []).not.toContain(red.id);
      const before = await summariesSeenBy(userId);
      expect(await service.inSharedChat(speaker(userId), session, typed(text), red)).toEqual([
        'A team’s summary is for its members: write to me in one of the team’s channels first.',
      ]);
      expect(await summariesSeenBy(userId)).toBe(before);
    },
  );

  it('throws when the session handed in belongs to someone else than the speaker', async () => {
    const session = await memberOf(EMPLOYEE, BLUE);
    await expect(service.inSharedChat(speaker(LEADER), session, typed('team summary'), BLUE)).rejects.toThrow(
      /programming error/,
    );
  });

  it('says where team summaries are when the chat has no team, and leaves other messages alone', async () => {
    const session = await memberOf(EMPLOYEE, BLUE);
    expect(await service.inSharedChat(speaker(EMPLOYEE), session, typed('team summary'), undefined)).toEqual([
      'Team summaries are shown in a team’s channel; this chat belongs to no team.',
    ]);
    expect(await service.inSharedChat(speaker(EMPLOYEE), session, typed('help'), BLUE)).toBeUndefined();
  });

  it('adds a person’s answers to the turn’s pending changes for a team when they join it, once', async () => {
    const user = bot.user();
    await user.say('start');
    await answerQuestion(user, 'bi-industry-impact', '5');
    const teamId = '19:team-green@thread.tacv2';
    const load = () => sessions.load(TENANT, user.aadObjectId, user.conversationId, true);
    const countedInTeam = async () =>
      (await aggregates.read(TENANT, ['bi-industry-impact'], teamId)).get('bi-industry-impact') ?? {};
    const pending = new PendingChanges();
    await service.joinTeam(await load(), teamId, pending);
    const changes = pending.changes();
    expect(changes.every((change) => change.teamId === teamId)).toBe(true);
    expect(changes.find((change) => change.questionId === 'bi-industry-impact')?.delta).toMatchObject({
      'employee:n': 1,
      'employee:people': 1,
    });
    expect(await countedInTeam()).toEqual({});
    const session = await load();
    expect(session.doc.teamIds).toEqual([teamId]);
    const again = new PendingChanges();
    await service.joinTeam(session, teamId, again);
    expect(again.changes()).toEqual([]);
  });

  it('counts a person towards a team from their first message in its channel, through the bot’s turn', async () => {
    const user = bot.user();
    await user.say('start');
    await answerQuestion(user, 'bi-industry-impact', '5');
    const teamId = '19:team-yellow@thread.tacv2';
    await inChannel(user, { id: teamId, name: 'Yellow' }, 'help');
    const counted = (await aggregates.read(TENANT, ['bi-industry-impact'], teamId)).get('bi-industry-impact');
    expect(counted).toMatchObject({ 'employee:n': 1, 'employee:people': 1 });
  });
});
