import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../../scripts/package-app/env-file';
import { placeholderNames } from '../../scripts/package-app/placeholders';
import { DEPLOY_FOLDER } from '../../scripts/stage-deploy/stage';
import { bicepOutputs, bicepParams, readText, ROOT, settingsReadByConfig } from './infra-files';

const env = (name: string) => parseEnvFile(readText(`env/.env.${name}`));

/** The variable names a project file's steps write (`writeToEnvironmentFile:` blocks), in file order. */
function writtenVariables(yaml: string): string[] {
  const written: string[] = [];
  const lines = yaml.split('\n');
  lines.forEach((line, i) => {
    const indent = /^(\s*)writeToEnvironmentFile:\s*$/.exec(line)?.[1].length;
    if (indent === undefined) return;
    for (let j = i + 1; j < lines.length; j++) {
      const entry = /^(\s*)\w+:\s*([A-Z_][A-Z0-9_]*)\s*$/.exec(lines[j]);
      if (!entry || entry[1].length <= indent) break;
      written.push(entry[2]);
    }
  });
  return written;
}

/** The `envs:` of the file/createOrUpdateEnvironmentFile step: the settings the local bot runs with. */
function generatedSettings(yaml: string): string[] {
  const block = yaml.slice(yaml.indexOf('      envs:'));
  return [...block.matchAll(/^ {8}([A-Z_]+):/gm)].map((match) => match[1]);
}

describe('Agents Toolkit project files', () => {
  const bicepOut = bicepOutputs(readText('infra/azure.bicep'));

  it('m365agents.yml: every ${{VAR}} is in env/.env.dev or written by a step or by the Bicep outputs', () => {
    const yaml = readText('m365agents.yml');
    const known = new Set([...env('dev').keys(), ...writtenVariables(yaml), ...bicepOut]);
    expect(placeholderNames(yaml).filter((name) => !known.has(name))).toEqual([]);
    expect(yaml).toContain('resourceId: ${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
  });

  it('m365agents.yml deploys the package `npm run stage:deploy` builds, not the sources', () => {
    const yaml = readText('m365agents.yml');
    const deploy = yaml.slice(yaml.indexOf('\ndeploy:\n'), yaml.indexOf('\npublish:\n'));
    const npmArgs = [...deploy.matchAll(/^ {6}args: (.+)$/gm)].map((match) => match[1]);
    expect(npmArgs).toEqual(['ci', 'run stage:deploy']);
    expect(deploy).toContain(`artifactFolder: ./${DEPLOY_FOLDER}\n`);
    expect(deploy).not.toContain('ignoreFile');
    const scripts = JSON.parse(readText('package.json')).scripts as Record<string, string>;
    expect(scripts['stage:deploy']).toBe('npm run build && node lib/scripts/stage-deploy.js');
    expect(existsSync(path.join(ROOT, 'scripts', 'stage-deploy.ts'))).toBe(true);
    for (const ignores of ['.gitignore', '.prettierignore'])
      expect({ ignores, lines: readText(ignores).split('\n') }).toEqual({
        ignores,
        lines: expect.arrayContaining([`${DEPLOY_FOLDER}/`]),
      });
  });

  it('m365agents.local.yml: every ${{VAR}} is in env/.env.local or written by a step', () => {
    const yaml = readText('m365agents.local.yml');
    const known = new Set([...env('local').keys(), ...writtenVariables(yaml)]);
    expect(placeholderNames(yaml).filter((name) => !known.has(name))).toEqual([]);
    expect(writtenVariables(yaml)).toEqual(expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'SECRET_BOT_PASSWORD']));
  });

  it('the local run gets only settings the bot reads, and its secret stays out of git', () => {
    const settings = generatedSettings(readText('m365agents.local.yml'));
    expect(settings.filter((name) => !settingsReadByConfig().includes(name))).toEqual([]);
    expect(settings).toEqual(
      expect.arrayContaining(['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'COSMOS_ENDPOINT']),
    );
    const ignored = readText('env/.gitignore');
    expect(ignored).toMatch(/^\.env\.\*\.user$/m);
    expect(ignored).toMatch(/^\.localConfigs$/m);
    expect(readText('m365agents.local.yml')).toContain('target: ./env/.localConfigs');
  });

  it('env/.env.dev leaves every value provisioning generates empty, as the Toolkit templates do', () => {
    const generated = [...writtenVariables(readText('m365agents.yml')), ...bicepOut];
    expect(generated).toEqual(expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'COSMOS_ENDPOINT']));
    const values = env('dev');
    expect(generated.filter((name) => values.has(name) && values.get(name) !== '')).toEqual([]);
    expect(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT'].filter((name) => values.get(name) !== '')).toEqual(
      [],
    );
  });

  it('env/.env.local leaves the ids its provisioning and the dev tunnel generate empty', () => {
    const tunnel = JSON.parse(readText('.vscode/tasks.json')).tasks.flatMap(
      (task: { args?: { ports?: { writeToEnvironmentFile?: Record<string, string> }[] } }) =>
        (task.args?.ports ?? []).flatMap((port) => Object.values(port.writeToEnvironmentFile ?? {})),
    );
    expect(tunnel).toEqual(['BOT_ENDPOINT', 'BOT_DOMAIN']);
    const generated = [...writtenVariables(readText('m365agents.local.yml')), ...tunnel];
    const values = env('local');
    expect(generated.filter((name) => values.has(name) && values.get(name) !== '')).toEqual([]);
    expect(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT'].filter((name) => values.get(name) !== '')).toEqual(
      [],
    );
  });

  it('the Bicep writes the values the manifest and the deploy step need', () => {
    expect(bicepOut).toEqual(
      expect.arrayContaining(['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'COSMOS_ENDPOINT']),
    );
  });

  it('infra/azure.parameters.json sets only declared parameters, all required ones, from env/.env.dev values', () => {
    const params = bicepParams(readText('infra/azure.bicep'));
    const text = readText('infra/azure.parameters.json');
    const given = Object.keys(JSON.parse(text).parameters);
    expect(given.filter((name) => !params.has(name))).toEqual([]);
    expect([...params].filter(([name, hasDefault]) => !hasDefault && !given.includes(name))).toEqual([]);
    const values = env('dev');
    expect(placeholderNames(text).filter((name) => !values.has(name))).toEqual([]);
  });

  it('refers only to files that exist', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const paths = [...readText(file).matchAll(/(?:path|manifestPath|parameters|ignoreFile): (\.\/[\w./-]+)/g)].map(
        (m) => m[1],
      );
      expect(paths.length).toBeGreaterThan(0);
      for (const relative of paths)
        expect({ file, relative, exists: existsSync(path.join(ROOT, relative)) }).toEqual({
          file,
          relative,
          exists: true,
        });
    }
  });

  it('commits no secret in env files', () => {
    for (const name of ['dev', 'local']) {
      const text = readFileSync(path.join(ROOT, 'env', `.env.${name}`), 'utf8');
      expect([...parseEnvFile(text)].filter(([key, value]) => /SECRET|PASSWORD|KEY/.test(key) && value !== '')).toEqual(
        [],
      );
    }
  });
});
