import './app-manifest-under-jest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bundledSchemaPath, validateManifestSchema } from '../../scripts/package-app/manifest-schema';
import { fillPlaceholders, placeholderNames } from '../../scripts/package-app/placeholders';
import { recognizeLeaderCommand } from '../../src/leadership/leader-commands';
import { recognizeCommand } from '../../src/strategy/commands';
import { envValues, manifestTemplate, provisionedEnvValues, ROOT } from './project-files';

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}
interface BotEntry {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: CommandList[];
}

/**
 * Commands MainDialog answers in a team channel or group chat today (anything else there gets the "chat with me
 * 1:1" notice). Add a command here only when the bot answers it in shared chats — e.g. summary later.
 */
const SHARED_CHAT_COMMANDS = ['help', 'pulse', 'summary', 'team summary'];

/** The strategy commands, or else the leadership summary commands (recognised before them; see LeaderActions). */
const recognised = (title: string): string | undefined =>
  recognizeCommand({ text: title }) ?? recognizeLeaderCommand({ text: title })?.kind;

const template = manifestTemplate();
const bot = (template.bots as BotEntry[])[0];
const commandsFor = (scope: string): string[] =>
  bot.commandLists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));

describe('appPackage/manifest.json', () => {
  it('validates offline against the schema of its manifest version, filled with the provisioned dev values', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const { filled, missing } = fillPlaceholders(template, provisionedEnvValues('dev'));
    expect(missing).toEqual([]);
    expect(await validateManifestSchema(filled)).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('is on the newest schema version that @microsoft/app-manifest bundles (and so validates offline)', () => {
    const version = template.manifestVersion as string;
    const bundled = readdirSync(path.dirname(path.dirname(bundledSchemaPath(version))))
      .filter((folder) => /^v1\.\d+$/.test(folder))
      .map((folder) => Number(folder.slice('v1.'.length)));
    expect(version).toBe(`1.${Math.max(...bundled)}`);
    expect(existsSync(bundledSchemaPath(version))).toBe(true);
    expect(template.$schema).toContain(`/teams/v${version}/MicrosoftTeams.schema.json`);
  });

  it('has the personal Strategy tab (the dashboard) and the usual tabs of a bot: the chat and About', () => {
    expect(template.staticTabs).toEqual([
      {
        entityId: 'strategy',
        name: 'Strategy',
        contentUrl: 'https://${{BOT_DOMAIN}}/dashboard',
        websiteUrl: 'https://${{BOT_DOMAIN}}/dashboard',
        scopes: ['personal'],
      },
      { entityId: 'conversations', scopes: ['personal'] },
      { entityId: 'about', scopes: ['personal'] },
    ]);
  });

  it("has the team's dashboard as a channel tab and Teams SSO for the app registration's access_as_user scope", () => {
    expect(template.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: 'https://${{BOT_DOMAIN}}/dashboard/config', scopes: ['team'] }),
    ]);
    expect(template.webApplicationInfo).toEqual({
      id: '${{AAD_APP_CLIENT_ID}}',
      resource: 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}',
    });
  });

  it('supports files in the 1:1 chat, so export can send its JSON file with a file consent card', () => {
    expect(bot.scopes).toContain('personal');
    expect(bot.supportsFiles).toBe(true);
  });

  it('does not declare supportsChannelFeatures: a pulse surveys the team roster, not a private or shared channel', () => {
    expect(template).not.toHaveProperty('supportsChannelFeatures');
  });

  it('reports schema errors, so a broken manifest cannot pass', async () => {
    const { filled } = fillPlaceholders(template, provisionedEnvValues('dev'));
    const broken = { ...filled, id: 'not-a-guid', accentColor: undefined };
    const errors = await validateManifestSchema(JSON.parse(JSON.stringify(broken)));
    expect(errors.join('\n')).toMatch(/\/id must match pattern/);
    expect(errors.join('\n')).toMatch(/accentColor/);
  });

  it('takes its ids, domain, name suffix and developer URLs from the env file placeholders', () => {
    const names = placeholderNames(JSON.stringify(template));
    expect(names).toEqual(expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'APP_NAME_SUFFIX']));
    for (const env of ['dev', 'local']) {
      const values = envValues(env);
      expect(names.filter((name) => !values.has(name))).toEqual([]);
    }
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(bot.botId).toBe('${{BOT_ID}}');
    expect(template.validDomains).toEqual(['${{BOT_DOMAIN}}']);
    expect((template.name as { short: string }).short).toBe('Strategy Guide${{APP_NAME_SUFFIX}}');
  });

  it('has short and full descriptions and https developer URLs', () => {
    const description = template.description as { short: string; full: string };
    expect(description.short.length).toBeGreaterThan(20);
    expect(description.full.length).toBeGreaterThan(description.short.length);
    const { filled } = fillPlaceholders(template, provisionedEnvValues('dev'));
    const developer = filled.developer as Record<string, string>;
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(developer[key]).toMatch(/^https:\/\//);
  });

  it('offers the bot in personal chat, teams and group chats, with a command list for every scope', () => {
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const scope of bot.scopes) expect(commandsFor(scope).length).toBeGreaterThan(0);
  });

  it('lists only commands the bot recognises', () => {
    const titles = bot.commandLists.flatMap((list) => list.commands.map((command) => command.title));
    for (const title of titles)
      expect({ title, command: recognised(title) }).toEqual({ title, command: expect.any(String) });
  });

  it('lists in personal chat the commands answered there, and not pulse (which only points to a channel)', () => {
    const personal = commandsFor('personal');
    expect(personal).toEqual(
      expect.arrayContaining([
        'start',
        'resume',
        'summary',
        'review',
        'help',
        'my data',
        'export',
        'delete my data',
        'cancel',
      ]),
    );
    expect(personal).not.toContain('pulse');
    expect(personal).toContain('my summary');
    expect(new Set(personal.map(recognised)).size).toBe(personal.length);
  });

  it('lists in teams and group chats only what the bot answers there', () => {
    for (const scope of ['team', 'groupChat']) {
      const titles = commandsFor(scope);
      expect(titles.filter((title) => !SHARED_CHAT_COMMANDS.includes(recognised(title) ?? ''))).toEqual([]);
    }
  });

  it('names icons that exist in appPackage/', () => {
    const icons = template.icons as Record<string, string>;
    for (const file of Object.values(icons)) expect(existsSync(path.join(ROOT, 'appPackage', file))).toBe(true);
  });
});
