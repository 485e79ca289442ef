import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startProductionProcess } from '../support/production-process';
import { captureLogLine } from '../support/log-capture';
import { until } from '../support/wait';

/**
 * Neither entry prints a deprecation warning while it starts, serves and stops: `npm start` (production settings)
 * and `npm run dev` (local mode with the Agents Playground). restify 11 pulled in spdy, whose
 * `process.binding('http_parser')` printed DEP0111 on Node 20 and no longer exists on Node 24.
 */
const DEV_ENTRY = path.resolve(__dirname, '../../lib/scripts/dev.js');
const DEPRECATION = /DeprecationWarning|\[DEP\d*/;
const START_DEADLINE_MS = 60_000;

beforeAll(() => {
  if (!existsSync(DEV_ENTRY)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
});

/** Exercises what a platform and a channel do first: the health probe and an activity (refused or not). */
async function serve(url: string): Promise<void> {
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  const activity = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'conversationUpdate',
      id: 'deprecation-check',
      channelId: 'msteams',
      from: { id: '29:x' },
      conversation: { id: 'a:x' },
    }),
  });
  // Shaped as Teams sends it, so botbuilder reads it (then authentication or admission may refuse it).
  expect(activity.status).toBeLessThan(500);
  expect(activity.status).not.toBe(400);
}

it('npm start (node lib/src/index.js, production settings) prints no deprecation warning', async () => {
  const app = await startProductionProcess();
  try {
    await serve(app.url);
    expect(await app.stop()).toBe(0);
  } finally {
    await app.kill();
  }
  expect(app.output.stdout).toContain('"event":"app.started"');
  expect(app.output.stderr).not.toMatch(DEPRECATION);
  expect(app.output.stdout).not.toMatch(DEPRECATION);
}, 90_000);

/** SIGTERM first, so the local run closes its Playground (a process group of its own); SIGKILL after a deadline. */
async function stopped(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

it('npm run dev (local mode, embedded Cosmos, Agents Playground) prints no deprecation warning', async () => {
  const child = spawn(process.execPath, [DEV_ENTRY], {
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    // The banner comes after the Playground answers, so by then every module of the local run is loaded.
    await until(
      () => output.stdout.includes('Stop with Ctrl+C') || child.exitCode !== null,
      'the local run to print its banner',
      START_DEADLINE_MS,
    );
    const port = /"event":"app\.started"[^\n]*"port":(\d+)/.exec(output.stdout)?.[1];
    if (!port) throw new Error(`the local run did not start:\n${output.stderr}`);
    expect(output.stdout).toMatch(/Agents Playground: http:\/\/localhost:\d+/);
    await serve(`http://127.0.0.1:${port}`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    await stopped(child, exited);
    captureLogLine('dev stdout', output.stdout);
    captureLogLine('dev stderr', output.stderr);
  }
  expect(output.stderr).not.toMatch(DEPRECATION);
  expect(output.stdout).not.toMatch(DEPRECATION);
}, 90_000);
