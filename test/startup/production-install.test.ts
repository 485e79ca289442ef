import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { captureLogLine } from '../support/log-capture';

/**
 * `npm start` on a production install: the built app, its runtime files and the lock file copied to an empty folder,
 * `npm ci --omit=dev` there (so no devDependency exists), then the production entry with production settings. Cosmos
 * is the embedded server, started here in the test's process, with the emulator key (production accepts a key for an
 * endpoint on this machine only); the entry talks to it only when a turn or a scheduler tick needs it.
 */
const ROOT = path.resolve(__dirname, '../..');
/** What the running app reads: its code, the lock file for the install, package.json (the project root marker). */
const RUNTIME_FILES = ['package.json', 'package-lock.json', 'lib/src', 'lib/dialogs', 'cards', 'dialogs/content'];
const INSTALL_DEADLINE_MS = 240_000;
const START_DEADLINE_MS = 30_000;

const run = promisify(execFile);

/** The environment without what `npm test` sets about this package, so the install sees only the user's npm config. */
function installEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('npm_package_') && !name.startsWith('npm_lifecycle_') && name !== 'INIT_CWD',
    ),
  );
}

/** Resolves with the port from the app's `app.started` log line; rejects if the process exits first. */
function portWhenStarted(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no app.started within ${START_DEADLINE_MS} ms`)),
      START_DEADLINE_MS,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output.stdout += chunk.toString();
      const started = /"event":"app\.started"[^\n]*"port":(\d+)/.exec(output.stdout);
      if (started) {
        clearTimeout(timer);
        resolve(Number(started[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening:\n${output.stderr}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not exit within 15 s of SIGTERM')), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm start on a production install (npm ci --omit=dev, production settings)', () => {
  let folder: string;
  let cosmos: EmbeddedCosmos;
  let app: ChildProcess | undefined;
  const output = { stdout: '', stderr: '' };
  let port: number;

  beforeAll(
    async () => {
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
      cosmos = await startEmbeddedCosmos({ tls: true });
      app = spawn(process.execPath, ['lib/src/index.js'], {
        cwd: folder,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: '0',
          BOT_ID: '00000000-0000-0000-0000-0000000000aa',
          BOT_PASSWORD: 'production-install-test-password',
          COSMOS_ENDPOINT: cosmos.endpoint,
          COSMOS_KEY: cosmos.key,
          ALLOWED_TENANTS: '11111111-1111-1111-1111-111111111111',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      port = await portWhenStarted(app, output);
    },
    INSTALL_DEADLINE_MS + START_DEADLINE_MS + 10_000,
  );

  afterAll(async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    captureLogLine('production install stdout', output.stdout);
    captureLogLine('production install stderr', output.stderr);
    await cosmos?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('has no devDependency installed (the install is a production one)', () => {
    expect(existsSync(path.join(folder, 'node_modules/@vercel/cosmosdb-server'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/jest'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/botbuilder'))).toBe(true);
  });

  it('listens and answers GET /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('runs with authentication on: an activity without a token gets 401', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'no-token', channelId: 'msteams', text: 'hello' }),
    });
    expect(response.status).toBe(401);
  });

  it('stops cleanly on SIGTERM', async () => {
    app!.kill('SIGTERM');
    expect(await exitCode(app!)).toBe(0);
    // restify 11 prints a deprecation warning (DEP0111) on Node 20; nothing else may reach stderr.
    expect(output.stderr).not.toMatch(/Error|\n\s+at /);
  });
});
