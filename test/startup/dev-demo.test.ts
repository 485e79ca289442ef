import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';
import { cardsOf, cardText, TestUser } from '../support/bot-harness';
import { captureLogLine } from '../support/log-capture';
import { until } from '../support/wait';

/** `npm run dev -- --demo` through its real entry (without the Playground, whose part the e2e tests cover). */
const DEV_ENTRY = path.resolve(__dirname, '../../lib/scripts/dev.js');

beforeAll(() => {
  if (!existsSync(DEV_ENTRY)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
});

function startDev(env: Record<string, string>) {
  const child = spawn(process.execPath, [DEV_ENTRY, '--demo', '--no-playground'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    captureLogLine('dev stdout', output.stdout);
    captureLogLine('dev stderr', output.stderr);
    return code;
  };
  return { child, output, exited, stop };
}

it('seeds the demo organisation before the bot starts, says so in the banner, and a leader sees it', async () => {
  const dev = startDev({});
  try {
    await until(
      () => dev.output.stdout.includes('Stop with Ctrl+C') || dev.child.exitCode !== null,
      'the banner',
      60_000,
    );
    expect(dev.output.stdout).toMatch(/"event":"demo\.seeded","people":280,"teams":5/);
    expect(dev.output.stdout).toContain('Demo data:         280 simulated people in 5 teams (My Team, Sales,');
    const port = /"event":"app\.started"[^\n]*"port":(\d+)/.exec(dev.output.stdout)?.[1];
    const { user, tenantId } = PLAYGROUND_DEFAULTS;
    const alex = new TestUser(() => `http://127.0.0.1:${port}`, user.aadObjectId, user.name, tenantId);
    const card = cardText(cardsOf(await alex.say('summary')).at(-1) ?? {});
    expect(card).toContain('280 people have answered');
  } finally {
    expect(await dev.stop()).toBe(0);
  }
}, 90_000);

it('refuses --demo with a COSMOS_ENDPOINT, saying why, before anything starts', async () => {
  const dev = startDev({ COSMOS_ENDPOINT: 'https://127.0.0.1:9', COSMOS_KEY: 'a2V5' });
  expect(await dev.exited).toBe(1);
  await dev.stop();
  expect(dev.output.stderr).toBe(
    '--demo fills only the embedded, in-memory store: unset COSMOS_ENDPOINT to use it (it never writes simulated people into a real database).\n',
  );
  expect(dev.output.stdout).not.toContain('app.started');
}, 30_000);
