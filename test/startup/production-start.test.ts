import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureLogLine } from '../support/log-capture';

const entry = path.resolve(__dirname, '../../lib/src/index.js');

/** Runs the built production entry (`npm start`) with only the given settings. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  captureLogLine('npm start stdout', result.stdout);
  captureLogLine('npm start stderr', result.stderr);
  return result;
}

describe('npm start (production mode, built output)', () => {
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
  });

  it('refuses to start without bot identity and Cosmos settings, naming each one', () => {
    const result = start({});
    expect(result.status).toBe(1);
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'COSMOS_ENDPOINT', 'ALLOWED_TENANTS'])
      expect(result.stderr).toContain(name);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses UserAssignedMSI with a password and SingleTenant without a tenant', () => {
    const cosmos = { COSMOS_ENDPOINT: 'https://example.documents.azure.com' };
    const msi = start({ ...cosmos, BOT_ID: 'app', BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: 'secret' });
    expect(msi.status).toBe(1);
    expect(msi.stderr).toMatch(/UserAssignedMSI/);
    const single = start({ ...cosmos, BOT_ID: 'app', BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'secret' });
    expect(single.status).toBe(1);
    expect(single.stderr).toContain('BOT_TENANT_ID');
    expect(single.stderr).not.toContain('secret');
  });
});

describe('an invalid content pack', () => {
  it('stops start-up with the file, the path inside it and what is wrong', () => {
    const packFile = path.join(mkdtempSync(path.join(tmpdir(), 'pack-')), 'our-pack.json');
    const pack = JSON.parse(readFileSync(path.resolve(__dirname, '../../dialogs/content/strategy-pack.json'), 'utf8'));
    pack.sections[1].considerations[0].questions[0].scale = 'stars';
    writeFileSync(packFile, JSON.stringify(pack));
    const result = start({
      BOT_ID: 'app',
      BOT_PASSWORD: 'secret',
      COSMOS_ENDPOINT: 'https://example.documents.azure.com',
      ALLOWED_TENANTS: 't1',
      CONTENT_PACK: packFile,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(packFile);
    expect(result.stderr).toContain('/sections/1/considerations/0/questions/0/scale');
    expect(result.stderr).toMatch(/stars/);
  });
});
