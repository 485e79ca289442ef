import { ConfigError, loadConfig } from '../../src/config';
import { LOCAL_ROLE_USER_ID } from '../../src/domain/local-roles';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';
import { cardsOf, cardText, startTestBot, textsOf, TestUser, type TestBot } from '../support/bot-harness';

const PRODUCTION = {
  BOT_ID: 'id',
  BOT_PASSWORD: 'p',
  ALLOWED_TENANTS: 't1',
  COSMOS_ENDPOINT: 'https://x.documents.azure.com',
};

describe('LOCAL_ROLES: the roles of the Agents Playground user', () => {
  it('gives the Playground user every role in local mode by default, as configured ids', () => {
    const config = loadConfig({ ADMIN_IDS: 'A1' }, 'local');
    expect(config.localRoles).toEqual(['admin', 'leader', 'manager']);
    expect([...config.adminIds]).toEqual(['a1', LOCAL_ROLE_USER_ID]);
    expect([...config.leaderIds]).toEqual([LOCAL_ROLE_USER_ID]);
    expect([...config.managerIds]).toEqual([LOCAL_ROLE_USER_ID]);
  });

  it('gives no role with LOCAL_ROLES=none and only the listed ones with a list', () => {
    const none = loadConfig({ LOCAL_ROLES: ' None ', LEADER_IDS: 'l1' }, 'local');
    expect(none.localRoles).toEqual([]);
    expect([...none.adminIds]).toEqual([]);
    expect([...none.leaderIds]).toEqual(['l1']);
    expect([...none.managerIds]).toEqual([]);
    const some = loadConfig({ LOCAL_ROLES: 'manager, Leader' }, 'local');
    expect(some.localRoles).toEqual(['leader', 'manager']);
    expect(some.adminIds.has(LOCAL_ROLE_USER_ID)).toBe(false);
    expect(some.leaderIds.has(LOCAL_ROLE_USER_ID)).toBe(true);
    expect(some.managerIds.has(LOCAL_ROLE_USER_ID)).toBe(true);
  });

  it('refuses an unknown role or an empty entry with a message that names the choices', () => {
    for (const value of ['boss', 'admin,,leader', 'admin;leader', ',']) {
      expect(() => loadConfig({ LOCAL_ROLES: value }, 'local')).toThrow(ConfigError);
      expect(() => loadConfig({ LOCAL_ROLES: value }, 'local')).toThrow(
        `LOCAL_ROLES must be "none" or a comma-separated list of admin, leader, manager, not "${value}"`,
      );
    }
  });

  it('is ignored in production: no local user gets a role, whatever the setting says', () => {
    for (const value of ['', 'admin,leader,manager', 'boss']) {
      const config = loadConfig({ ...PRODUCTION, LOCAL_ROLES: value }, 'production');
      expect(config.localRoles).toEqual([]);
      expect(config.adminIds.size + config.leaderIds.size + config.managerIds.size).toBe(0);
    }
  });
});

describe('the Playground user in a running bot (real HTTP and Cosmos; the Teams connector is not called)', () => {
  const bots: TestBot[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.close();
  });

  async function playgroundUser(env: Record<string, string>): Promise<TestUser> {
    const bot = await startTestBot({ env });
    bots.push(bot);
    const { user, tenantId } = PLAYGROUND_DEFAULTS;
    return new TestUser(() => bot.app.url, user.aadObjectId, user.name, tenantId);
  }

  /** `@Test Bot pulse` in the Playground team's General channel. */
  const askForPulse = (user: TestUser) =>
    user.post({
      type: 'message',
      text: '<at>Test Bot</at> pulse',
      conversation: {
        id: PLAYGROUND_DEFAULTS.channels.General,
        conversationType: 'channel',
        tenantId: user.tenantId,
        isGroup: true,
        name: 'General',
      },
      channelData: { tenant: { id: user.tenantId }, team: { id: PLAYGROUND_DEFAULTS.team.id } },
    });

  it('by default may start a pulse, read the organisation summary and list roles', async () => {
    const alex = await playgroundUser({});
    expect(cardText(cardsOf(await askForPulse(alex)).at(-1) ?? {})).toContain('Start a team pulse');
    expect(cardText(cardsOf(await alex.say('summary')).at(-1) ?? {})).toContain('Our AI ambition & success metrics');
    expect(textsOf(await alex.say('list roles')).join(' ')).toContain('Granted in chat');
  });

  it('with LOCAL_ROLES=none is an employee, as before the setting existed', async () => {
    const alex = await playgroundUser({ LOCAL_ROLES: 'none' });
    const pulse = await askForPulse(alex);
    expect(cardsOf(pulse)).toHaveLength(0);
    expect(textsOf(pulse).join(' ')).toContain('Only managers can start a pulse here.');
    expect(cardText(cardsOf(await alex.say('summary')).at(-1) ?? {})).toContain('Your AI ambition & success metrics');
    expect(textsOf(await alex.say('list roles')).join(' ')).toContain('Only admins can see or change roles.');
  });
});
