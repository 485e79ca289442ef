import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const entry = path.resolve(__dirname, '../../lib/src/index.js');

/** Runs the built production entry (`npm start`) with only the given settings. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('npm start (production mode, built output)', () => {
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
  });

  it('refuses to start without bot identity and Cosmos settings, naming each one', () => {
    const result = start({});
    expect(result.status).toBe(1);
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'COSMOS_ENDPOINT']) expect(result.stderr).toContain(name);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses UserAssignedMSI with a password and SingleTenant without a tenant', () => {
    const cosmos = { COSMOS_ENDPOINT: 'https://example.documents.azure.com' };
    expect(start({ ...cosmos, BOT_ID: 'app', BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: 'secret' }).stderr).toMatch(/UserAssignedMSI/);
    const single = start({ ...cosmos, BOT_ID: 'app', BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'secret' });
    expect(single.status).toBe(1);
    expect(single.stderr).toContain('BOT_TENANT_ID');
    expect(single.stderr).not.toContain('secret');
  });
});
