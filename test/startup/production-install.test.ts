import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProductionProcess, type ProductionProcess } from '../support/production-process';

/**
 * `npm start` on a production install: the built app, its runtime files and the lock file copied to an empty folder,
 * `npm ci --omit=dev` there (so no devDependency exists), then the production entry with production settings.
 */
const ROOT = path.resolve(__dirname, '../..');
/** What the running app reads: its code, its card templates and content pack, package.json (the project root marker). */
const RUNTIME_FILES = ['package.json', 'package-lock.json', 'lib/src', 'lib/dialogs', 'cards', 'dialogs/content'];
const INSTALL_DEADLINE_MS = 240_000;

const run = promisify(execFile);

/** npm settings the install keeps from the environment: where the registry, cache and certificates are. */
const NPM_SETTINGS = new Set([
  'registry',
  'cache',
  'userconfig',
  'globalconfig',
  'cafile',
  'proxy',
  'https_proxy',
  'noproxy',
]);

/**
 * The environment for the install. `npm test` exports its own settings as npm_config_* (among them local_prefix, this
 * repository): passed on, they would point the install at the repository instead of the folder.
 */
function installEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => {
      const npmSetting = /^npm_config_(.+)$/i.exec(name);
      if (npmSetting) return NPM_SETTINGS.has(npmSetting[1].toLowerCase());
      return !/^npm_/i.test(name) && name !== 'INIT_CWD';
    }),
  );
}

describe('npm start on a production install (npm ci --omit=dev, production settings)', () => {
  let folder: string;
  let app: ProductionProcess;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'lib/src/index.js')))
      throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
    folder = mkdtempSync(path.join(tmpdir(), 'strategy-guide-production-'));
    for (const file of RUNTIME_FILES) cpSync(path.join(ROOT, file), path.join(folder, file), { recursive: true });
    // --prefer-offline: the packages are in the npm cache after the project's own install; the registry otherwise.
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: folder,
      env: installEnv(),
      timeout: INSTALL_DEADLINE_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    app = await startProductionProcess({ root: folder });
  }, INSTALL_DEADLINE_MS + 60_000);

  afterAll(async () => {
    await app?.kill();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('has no devDependency installed (the install is a production one)', () => {
    expect(existsSync(path.join(folder, 'node_modules/@vercel/cosmosdb-server'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/jest'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/botbuilder'))).toBe(true);
  });

  it('listens and answers GET /healthz', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('runs with authentication on: an activity without a token gets 401', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'no-token', channelId: 'msteams', text: 'hello' }),
    });
    expect(response.status).toBe(401);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await app.stop()).toBe(0);
    // Nothing that looks like an error may reach stderr (deprecation warnings: no-deprecation-warnings.test.ts).
    expect(app.output.stderr).not.toMatch(/Error|\n\s+at /);
  });
});
