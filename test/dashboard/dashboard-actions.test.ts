/**
 * The dashboard's Actions API in local mode over the real app and the embedded Cosmos server, actions seeded through
 * the real stores: who sees which action plans (own; a manager's teams with owners; a leader's organisation actions
 * in full and other teams as counts only), overdue in each action's own zone (an injected clock), refusals.
 */
import type { DashboardActions, DashboardMe } from '../../src/dashboard/api-types';
import { ActionsBoard } from '../../src/dashboard/actions-board';
import type { Viewer } from '../../src/dashboard/viewer';
import { CosmosActionListing } from '../../src/storage/action-listing';
import { CosmosActionStore } from '../../src/storage/action-store';
import { CosmosPersonReader } from '../../src/storage/person-reader';
import { CosmosPulseListing } from '../../src/storage/pulse-listing';
import { startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { ActionSeed, SEEDED_RECOMMENDATION } from './action-seed';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';

/** How the seeded summary actions are labelled: whose summary, then the recommendation's words. */
const RECOMMENDATION = new ContentIndex(loadContentPack()).recommendation(SEEDED_RECOMMENDATION);

const LEADER = 'acacacac-0000-4000-8000-000000000001';
const MANAGER = 'acacacac-0000-4000-8000-000000000002';
const EMPLOYEE = 'acacacac-0000-4000-8000-000000000003';
const BLUE_MANAGER = 'acacacac-0000-4000-8000-000000000004';
const COLLEAGUE = 'acacacac-0000-4000-8000-000000000005';
const RED = '19:red@thread.tacv2';
const BLUE = '19:blue@thread.tacv2';
const GREEN = '19:green@thread.tacv2';
/** 23:30 UTC on 10 Dec: already 11 Dec in Auckland, still 10 Dec in Los Angeles. */
const NOW = new Date('2026-12-10T23:30:00Z');

let bot: TestBot;

type Reply = { status: number; body: DashboardActions & { error?: string }; text: string };

async function actionsOf(user: string, query = `tenant=${TENANT}&user=${user}`): Promise<Reply> {
  const response = await fetch(`${bot.app.url}/api/dashboard/actions?${query}`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Reply['body'], text };
}

beforeAll(async () => {
  bot = await startTestBot({
    clock: () => NOW,
    env: { LEADER_IDS: LEADER, MANAGER_IDS: `${MANAGER},${BLUE_MANAGER}`, LOCAL_ROLES: 'none' },
  });
  const seed = new ActionSeed(bot.containers.pulses, TENANT);
  const red = await seed.pulse('Team health', MANAGER, RED);
  const blue = await seed.pulse('Tooling check', BLUE_MANAGER, BLUE);
  const green = await seed.pulse('Leader check-in', LEADER, GREEN);
  const planned = { createdBy: MANAGER, teamName: 'Red' };
  await seed.action(
    'Pair on prompts every Friday',
    { ...planned, ownerId: EMPLOYEE, ownerName: 'Eve Employee', dueDate: '2026-12-10', timeZone: 'Pacific/Auckland' },
    red,
  );
  await seed.action(
    'Share one win a week',
    {
      ...planned,
      ownerId: COLLEAGUE,
      ownerName: 'Colin Colleague',
      dueDate: '2026-12-10',
      timeZone: 'America/Los_Angeles',
    },
    red,
  );
  await seed.action(
    'Write the Copilot guide',
    {
      ...planned,
      ownerId: MANAGER,
      ownerName: 'Mia Manager',
      dueDate: '2026-12-01',
      status: 'done',
      updates: [
        { at: '2026-11-25T10:00:00Z', by: MANAGER, kind: 'note', note: 'First draft shared' },
        { at: '2026-11-30T10:00:00Z', by: MANAGER, kind: 'done' },
      ],
    },
    red,
  );
  await seed.action(
    'Agree the team’s AI goals',
    { ...planned, ownerId: COLLEAGUE, ownerName: 'Colin Colleague', dueDate: '2027-01-15' },
    { scope: 'team', rosterId: RED },
  );
  const blueFields = { createdBy: BLUE_MANAGER, teamName: 'Blue', ownerId: 'bbbb', ownerName: 'Bob Blue' };
  await seed.action('Blue secret plan', { ...blueFields, dueDate: '2026-12-01' }, blue);
  await seed.action('Blue finished plan', { ...blueFields, dueDate: '2026-12-20', status: 'done' }, blue);
  await seed.action(
    'Green pilot',
    { createdBy: LEADER, teamName: 'Green', ownerId: 'gggg', ownerName: 'Gus Green', dueDate: '2027-02-01' },
    green,
  );
  await seed.action(
    'Publish the AI policy',
    { createdBy: LEADER, ownerId: 'oooo', ownerName: 'Olga Org', dueDate: '2027-03-01' },
    { scope: 'organisation', rosterId: '' },
  );
}, 120_000);

afterAll(() => bot?.close());

describe('the Actions view’s API', () => {
  it('is a view for everybody', async () => {
    for (const user of [EMPLOYEE, MANAGER, LEADER]) {
      const me = await fetch(`${bot.app.url}/api/dashboard/me?tenant=${TENANT}&user=${user}`);
      expect(((await me.json()) as DashboardMe).views).toContain('actions');
    }
  });

  it('shows an employee only the actions they own: what, source, due, status, owner; no team or organisation list', async () => {
    const { status, body, text } = await actionsOf(EMPLOYEE);
    expect(status).toBe(200);
    expect(body.mine).toEqual([
      {
        actionId: expect.any(String),
        what: 'Pair on prompts every Friday',
        source: 'Pulse: Team health',
        dueDate: '2026-12-10',
        dueText: 'Thu 10 Dec 2026',
        status: 'overdue',
        ownerName: 'Eve Employee',
        teamId: RED,
        teamName: 'Red',
        role: 'owner',
      },
    ]);
    expect(body).not.toHaveProperty('teams');
    expect(body).not.toHaveProperty('organisation');
    expect(body).not.toHaveProperty('otherTeams');
    for (const hidden of ['Colin Colleague', 'Share one win', 'Bob Blue', 'Blue secret', 'Olga Org', 'AI policy'])
      expect(text).not.toContain(hidden);
  });

  it('reads overdue in each action’s own zone: due today in Los Angeles is open, the same day in Auckland is past', async () => {
    const { body } = await actionsOf(MANAGER);
    const red = body.teams?.find((team) => team.teamId === RED);
    const statusOf = (what: string) => red?.actions.find((action) => action.what === what)?.status;
    expect(statusOf('Pair on prompts every Friday')).toBe('overdue');
    expect(statusOf('Share one win a week')).toBe('open');
    expect(statusOf('Write the Copilot guide')).toBe('done');
  });

  it('shows a manager their team’s actions with owners and counts, not another team’s nor the organisation’s', async () => {
    const { body, text } = await actionsOf(MANAGER);
    expect(body.teams?.map((team) => [team.teamId, team.teamName, team.counts])).toEqual([
      [RED, 'Red', { open: 2, overdue: 1, done: 1 }],
    ]);
    expect(body.teams?.[0].actions.map((action) => [action.what, action.ownerName, action.source])).toEqual([
      ['Pair on prompts every Friday', 'Eve Employee', 'Pulse: Team health'],
      ['Share one win a week', 'Colin Colleague', 'Pulse: Team health'],
      ['Agree the team’s AI goals', 'Colin Colleague', `Team summary · ${RECOMMENDATION}`],
      ['Write the Copilot guide', 'Mia Manager', 'Pulse: Team health'],
    ]);
    expect(body.teams?.[0].actions.at(-1)?.latestNote).toBe('First draft shared');
    // They planned all four, and own one.
    expect(body.mine.map((action) => action.role).sort()).toEqual(['owner', 'planner', 'planner', 'planner']);
    expect(body).not.toHaveProperty('organisation');
    expect(body).not.toHaveProperty('otherTeams');
    for (const hidden of ['Bob Blue', 'Blue secret', 'Olga Org', 'AI policy', 'Gus Green'])
      expect(text).not.toContain(hidden);
  });

  it('shows a leader the organisation’s actions in full, their own pulse’s team in full, and other teams only as counts', async () => {
    const { body, text } = await actionsOf(LEADER);
    expect(body.organisation?.map((action) => [action.what, action.ownerName, action.source, action.teamId])).toEqual([
      ['Publish the AI policy', 'Olga Org', `Organisation summary · ${RECOMMENDATION}`, ''],
    ]);
    expect(body.teams?.map((team) => [team.teamName, team.actions.map((action) => action.ownerName)])).toEqual([
      ['Green', ['Gus Green']],
    ]);
    expect(body.otherTeams).toEqual([
      { teamId: RED, teamName: 'Red', counts: { open: 2, overdue: 1, done: 1 } },
      { teamId: BLUE, teamName: 'Blue', counts: { open: 0, overdue: 1, done: 1 } },
    ]);
    expect(body.mine.map((action) => action.what).sort()).toEqual(['Green pilot', 'Publish the AI policy']);
    for (const hidden of [
      'Bob Blue',
      'Blue secret',
      'Eve Employee',
      'Colin Colleague',
      'Pair on prompts',
      'First draft',
    ])
      expect(text).not.toContain(hidden);
    expect(text).not.toContain(EMPLOYEE);
  });

  it('refuses a missing, malformed or disallowed identity with 401 and no detail', async () => {
    for (const query of ['', `tenant=${TENANT}`, `tenant=${TENANT}&user=x';DROP`, `tenant=a%20b&user=${LEADER}`]) {
      const { status, body } = await actionsOf(LEADER, query);
      expect([query, status, body]).toEqual([query, 401, { error: 'unauthorized' }]);
    }
  });
});

describe('the Actions view’s reads (real stores, calls counted)', () => {
  it('makes the same few bounded queries for one team or thirty', async () => {
    const calls: string[] = [];
    const counted = <T extends object>(target: T, name: string): T =>
      new Proxy(target, {
        get: (object, key) => {
          const value = Reflect.get(object, key) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => (calls.push(`${name}.${String(key)}`), value.apply(object, args));
        },
      });
    const board = new ActionsBoard({
      actions: counted(new CosmosActionStore(bot.containers.pulses), 'actions'),
      listing: counted(new CosmosActionListing(bot.containers.pulses), 'listing'),
      persons: counted(new CosmosPersonReader(bot.containers.users), 'persons'),
      pulses: counted(new CosmosPulseListing(bot.containers.pulses), 'pulses'),
      index: new ContentIndex(loadContentPack()),
      clock: () => NOW,
    });
    const leader = (teams: string[]): Viewer => ({
      person: { tenantId: TENANT, userId: LEADER, role: 'leader' },
      access: { leader: true, manager: true, admin: false },
      teams: async () => teams,
    });
    await board.board(leader([RED]));
    const few = calls.splice(0).sort();
    const seed = new ActionSeed(bot.containers.pulses, TENANT);
    for (let i = 0; i < 30; i++) {
      const pulse = await seed.pulse(`Pulse ${i}`, LEADER, `19:team-${i}@thread.tacv2`);
      await seed.action(
        `Action ${i}`,
        { createdBy: LEADER, ownerId: `o${i}`, ownerName: `O ${i}`, dueDate: '2027-01-01' },
        pulse,
      );
    }
    const many = await board.board(leader([RED]));
    expect(many.teams).toHaveLength(31);
    const fromPulses = many.mine.filter((action) => action.teamId !== '');
    expect(fromPulses.every((action) => action.source.startsWith('Pulse: '))).toBe(true);
    expect(calls.sort()).toEqual(few);
    expect(few.length).toBeLessThanOrEqual(7);
  });
});
