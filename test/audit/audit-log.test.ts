import type { Container } from '@azure/cosmos';
import { jsonLogger } from '../../src/logging/logger';
import { cardsOf, startTestBot, textsOf, TENANT, type TestBot } from '../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { inChannel } from '../leadership/drive';

/**
 * The audit trail through the real bot and the embedded Cosmos-compatible server: role changes, summary views,
 * exports and rebuilds each leave a record in Cosmos and a JSON log line, and admins read them with `audit log`.
 */
const ADMIN = 'eeeeeeee-0000-4000-8000-000000000001';
const LEADER = 'eeeeeeee-0000-4000-8000-000000000002';
const GRANTED_ADMIN = 'eeeeeeee-0000-4000-8000-000000000003';
const PERSON = 'eeeeeeee-0000-4000-8000-000000000004';
const OTHER = 'eeeeeeee-0000-4000-8000-000000000005';
const RED = { id: '19:team-red@thread.tacv2', name: 'Red' };
const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * 60;

let bot: TestBot;
let connector: FakeConnector;
const logLines: string[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startTestBot({
    env: { ADMIN_IDS: ADMIN, LEADER_IDS: LEADER },
    logger: jsonLogger((line) => logLines.push(line)),
  });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const said = async (user: ReturnType<TestBot['user']>, text: string) => textsOf(await user.say(text)).join('\n');
const auditContainer = () => (bot.containers as unknown as Record<string, Container>).audit;

/** The lines of the audit table an admin gets in chat, newest first. */
async function auditLines(): Promise<string[]> {
  const text = await said(bot.user(ADMIN, 'Ada Admin'), 'audit log');
  return text.split('\n').filter((line) => /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(line));
}

describe('the audit trail', () => {
  it('records role grants and revokes with who, whom and which role, newest first in `audit log`', async () => {
    const admin = bot.user(ADMIN, 'Ada Admin');
    expect(await said(admin, `grant leader ${PERSON}`)).toContain('granted');
    expect(await said(admin, `revoke leader ${PERSON}`)).toContain('revoked');
    const lines = await auditLines();
    const granted = lines.findIndex((line) => /role granted/.test(line));
    const revoked = lines.findIndex((line) => /role revoked/.test(line));
    expect(lines[granted]).toMatch(new RegExp(`${ADMIN}.*leader.*${PERSON}`));
    expect(lines[revoked]).toMatch(new RegExp(`${ADMIN}.*leader.*${PERSON}`));
    expect(revoked).toBeGreaterThanOrEqual(0);
    expect(revoked).toBeLessThan(granted);

    const logged = logLines.map((line) => JSON.parse(line)).filter((line) => line.event === 'audit');
    expect(logged).toContainEqual(
      expect.objectContaining({
        action: 'role.granted',
        tenantId: TENANT,
        actor: ADMIN,
        target: PERSON,
        role: 'leader',
      }),
    );
  });

  it('keeps each record 400 days in the tenant partition (a per-item ttl; the embedded server ignores TTL)', async () => {
    const { resources } = await auditContainer()
      .items.query({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: TENANT }] })
      .fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    for (const entry of resources)
      expect(entry).toMatchObject({ tenantId: TENANT, type: 'audit', ttl: FOUR_HUNDRED_DAYS });
  });

  it('lets only configured admins grant or revoke the admin role; a granted admin is refused, and that is recorded', async () => {
    const admin = bot.user(ADMIN, 'Ada Admin');
    expect(await said(admin, `grant admin ${GRANTED_ADMIN}`)).toContain('granted');
    const granted = bot.user(GRANTED_ADMIN, 'Gus Granted');
    expect(await said(granted, `grant admin ${OTHER}`)).toMatch(/only.*ADMIN_IDS/i);
    expect(await said(granted, `revoke admin ${GRANTED_ADMIN}`)).toMatch(/only.*ADMIN_IDS/i);
    expect(await said(admin, 'list roles')).not.toContain(OTHER);
    expect(await said(granted, `grant manager ${OTHER}`)).toContain('granted');

    const lines = await auditLines();
    expect(lines.some((line) => new RegExp(`role granted.*${ADMIN}.*admin.*${GRANTED_ADMIN}`).test(line))).toBe(true);
    expect(lines.some((line) => new RegExp(`role refused.*${GRANTED_ADMIN}.*admin.*${OTHER}`).test(line))).toBe(true);
    expect(lines.some((line) => new RegExp(`role granted.*${GRANTED_ADMIN}.*manager.*${OTHER}`).test(line))).toBe(true);
  });

  it('records organisation and team summary views, the export and a check (answered through the FAKE Teams connector), but not a person’s own card', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    expect(cardsOf(await leader.say('summary'))).toHaveLength(1);
    await leader.say('export summary');
    await leader.say('my summary');
    const member = bot.user(PERSON, 'Pat Person');
    expect(cardsOf(await inChannel(member, RED, 'team summary'))).toHaveLength(1);
    const before = connector.sent.length;
    await bot
      .user(ADMIN, 'Ada Admin')
      .post({ type: 'message', text: 'check summary', serviceUrl: connector.serviceUrl });
    await connector.waitFor(before + 1);

    const lines = await auditLines();
    expect(lines.filter((line) => new RegExp(`summary viewed.*${LEADER}.*organisation`).test(line))).toHaveLength(1);
    expect(lines.some((line) => new RegExp(`summary exported.*${LEADER}.*organisation`).test(line))).toBe(true);
    expect(lines.some((line) => new RegExp(`summary viewed.*${PERSON}.*team Red`).test(line))).toBe(true);
    expect(lines.some((line) => new RegExp(`summary check.*${ADMIN}`).test(line))).toBe(true);
    expect(lines.some((line) => /audit viewed/.test(line))).toBe(true);
  });

  it('shows the audit log to admins only, in a 1:1 chat, at most the 50 newest entries', async () => {
    expect(await said(bot.user(LEADER, 'Lea Leader'), 'audit log')).toMatch(/only admins/i);
    expect(await said(bot.user(GRANTED_ADMIN, 'Gus Granted'), 'audit log')).toMatch(
      /^\*\*Audit log\*\*: the \d+ (most recent )?entries, newest first/,
    );
    expect(textsOf(await inChannel(bot.user(ADMIN, 'Ada Admin'), RED, 'audit log')).join(' ')).toMatch(/1:1 chat/);
    const admin = bot.user(ADMIN, 'Ada Admin');
    for (let i = 0; i < 30; i++) {
      await said(admin, `grant leader ${OTHER}`);
      await said(admin, `revoke leader ${OTHER}`);
    }
    const lines = await auditLines();
    expect(lines).toHaveLength(50);
    expect(lines[0]).toMatch(/audit viewed/);
    expect(lines[1]).toMatch(/role revoked/);
  }, 60_000);
});
