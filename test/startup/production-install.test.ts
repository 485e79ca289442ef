import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RUNTIME_FILES, stageDeployment } from '../../scripts/stage-deploy/stage';
import { startProductionProcess, type ProductionProcess } from '../support/production-process';

/**
 * `npm start` from the deployment package: what `npm run stage:deploy` puts together for App Service (the built app,
 * its runtime files and the lock file in an empty folder, `npm ci --omit=dev` there, so no devDependency exists),
 * started with production settings.
 */
const ROOT = path.resolve(__dirname, '../..');
const INSTALL_DEADLINE_MS = 240_000;

/** Every symbolic link under a folder (a zip deploy would not keep them). */
function symbolicLinks(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((entry) =>
    lstatSync(path.join(folder, entry)).isSymbolicLink(),
  );
}

describe('npm start from the deployment package (npm run stage:deploy: npm ci --omit=dev, production settings)', () => {
  let folder: string;
  let app: ProductionProcess;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'lib/src/index.js')))
      throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
    folder = mkdtempSync(path.join(tmpdir(), 'strategy-guide-production-'));
    await stageDeployment({ root: ROOT, out: folder });
    app = await startProductionProcess({ root: folder });
  }, INSTALL_DEADLINE_MS + 60_000);

  afterAll(async () => {
    await app?.kill();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('has no devDependency installed (the install is a production one)', () => {
    expect(existsSync(path.join(folder, 'node_modules/@vercel/cosmosdb-server'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/jest'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules/botbuilder'))).toBe(true);
  });

  it('holds only the runtime files and their dependencies: no sources, tests or scripts, no symbolic links', () => {
    const topLevel = new Set(RUNTIME_FILES.map((file) => file.split('/')[0]));
    expect(readdirSync(folder).sort()).toEqual([...topLevel, 'node_modules'].sort());
    expect(readdirSync(path.join(folder, 'lib')).sort()).toEqual(['dashboard-web', 'dialogs', 'src']);
    expect(existsSync(path.join(folder, 'src'))).toBe(false);
    expect(symbolicLinks(folder)).toEqual([]);
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
      body: JSON.stringify({
        type: 'message',
        id: 'no-token',
        channelId: 'msteams',
        text: 'hello',
        from: { id: '29:x' },
        conversation: { id: 'a:x' },
      }),
    });
    expect(response.status).toBe(401);
  });

  it('serves the dashboard tab from the built assets (React and Fluent UI are bundled, not installed)', async () => {
    expect(existsSync(path.join(folder, 'node_modules/react'))).toBe(false);
    const page = await fetch(`${app.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors');
    const script = /src="\/dashboard\/(assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${app.url}/dashboard/${script}`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await app.stop()).toBe(0);
    // Nothing that looks like an error may reach stderr (deprecation warnings: no-deprecation-warnings.test.ts).
    expect(app.output.stderr).not.toMatch(/Error|\n\s+at /);
  });
});
