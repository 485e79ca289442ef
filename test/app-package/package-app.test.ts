import './app-manifest-under-jest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { envArgument } from '../../scripts/package-app';
import { packageApp, PackageError } from '../../scripts/package-app/build-package';
import { encodePng } from '../../scripts/package-app/png';
import { PROVISIONED, ScratchProject } from './project-files';
import { readZip } from './read-zip';

describe('packageApp', () => {
  let project: ScratchProject;
  beforeEach(() => {
    project = new ScratchProject();
    project.provision('dev');
  });
  afterEach(() => project.cleanup());

  const packageError = async (envName = 'dev'): Promise<string> => {
    const error = await packageApp({ envName, root: project.root }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PackageError);
    expect(existsSync(path.join(project.root, 'appPackage', 'build', `appPackage.${envName}.zip`))).toBe(false);
    return (error as Error).message;
  };

  it('writes appPackage/build/appPackage.dev.zip with the filled manifest and both icons', async () => {
    const result = await packageApp({ envName: 'dev', root: project.root });
    expect(result.zipPath).toBe(path.join(project.root, 'appPackage', 'build', 'appPackage.dev.zip'));
    const files = readZip(project.read('appPackage/build/appPackage.dev.zip'));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = files.get('manifest.json')!.toString('utf8');
    expect(manifest).not.toContain('${{');
    expect(JSON.parse(manifest).name.short).toBe('Strategy Guide (dev)');
    expect(files.get('outline.png')).toEqual(project.read('appPackage/outline.png'));
    expect(project.read('appPackage/build/manifest.dev.json').toString('utf8')).toBe(manifest);
  });

  it('writes the same bytes for the same inputs', async () => {
    await packageApp({ envName: 'dev', root: project.root });
    const first = project.read('appPackage/build/appPackage.dev.zip');
    await packageApp({ envName: 'dev', root: project.root });
    expect(project.read('appPackage/build/appPackage.dev.zip')).toEqual(first);
  });

  it('fails, naming the setting and the env file, when a placeholder has no value (and removes an older zip)', async () => {
    await packageApp({ envName: 'dev', root: project.root });
    project.setEnv('dev', 'BOT_ID', '');
    const message = await packageError();
    expect(message).toContain('BOT_ID');
    expect(message).toContain(path.join('env', '.env.dev'));
  });

  it('fails before provisioning (the committed env/.env.dev leaves the generated ids empty), saying what writes them', async () => {
    for (const key of PROVISIONED.keys()) project.setEnv('dev', key, '');
    const message = await packageError();
    expect(message).toMatch(/needs a value for TEAMS_APP_ID, BOT_ID, BOT_DOMAIN/);
    expect(message).toContain('provisioning writes TEAMS_APP_ID, BOT_ID and BOT_DOMAIN');
  });

  it('fails when a placeholder is not in the env file at all', async () => {
    project.write(
      'env/.env.dev',
      project
        .read('env/.env.dev')
        .toString('utf8')
        .replace(/^BOT_DOMAIN=.*$/m, ''),
    );
    expect(await packageError()).toMatch(/needs a value for BOT_DOMAIN/);
  });

  it('accepts an empty name suffix (a production environment) and lets .env.<name>.user override values', async () => {
    project.setEnv('dev', 'APP_NAME_SUFFIX', '');
    project.write('env/.env.dev.user', 'DEVELOPER_NAME="Someone Else"\n');
    await packageApp({ envName: 'dev', root: project.root });
    const manifest = JSON.parse(project.read('appPackage/build/manifest.dev.json').toString('utf8'));
    expect(manifest.name.short).toBe('Strategy Guide');
    expect(manifest.developer.name).toBe('Someone Else');
  });

  it('fails with the schema errors when a value breaks the schema', async () => {
    project.setEnv('dev', 'BOT_ID', 'not-a-guid');
    project.setEnv('dev', 'DEVELOPER_PRIVACY_URL', 'ftp://example.com/privacy');
    const message = await packageError();
    expect(message).toMatch(/schema: \/bots\/0\/botId must match pattern/);
    expect(message).toMatch(/schema: \/developer\/privacyUrl must match pattern/);
  });

  it('fails when an icon has the wrong size or is missing', async () => {
    const big = new Uint8Array(64 * 64 * 4).fill(255);
    project.write('appPackage/outline.png', encodePng({ width: 64, height: 64, pixels: big }));
    expect(await packageError()).toMatch(/appPackage\/outline\.png is 64×64; Teams needs the outline icon to be 32×32/);
    project.write(
      'appPackage/manifest.json',
      project.read('appPackage/manifest.json').toString('utf8').replace('"color.png"', '"missing.png"'),
    );
    expect(await packageError()).toMatch(/missing\.png \(the color icon\) does not exist/);
  });

  it('fails for an environment with no env file, listing the known ones', async () => {
    expect(await packageError('prod')).toMatch(/No environment "prod".*known: dev, local/);
  });

  it('reads --env name and --env=name from the command line', () => {
    expect(envArgument(['--env', 'dev'])).toBe('dev');
    expect(envArgument(['--env=prod'])).toBe('prod');
    expect(envArgument([])).toBeUndefined();
  });
});
