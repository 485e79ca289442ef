import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Starts Microsoft's Microsoft 365 Agents Playground (the local Teams stand-in) against a bot endpoint, offline:
 * no browser is opened and no telemetry is sent. Used by `npm run dev` and the end-to-end tests.
 */

/** The port the playground is served on by default (SPEC §7). */
export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface Playground {
  /** Where the UI is served, e.g. http://127.0.0.1:56150 */
  url: string;
  /** The port it really listens on: the playground silently takes a random one when the asked port is busy. */
  port: number;
  /** The `serviceUrl` it puts on activities (its mock connector). */
  serviceUrl: string;
  /** What the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export interface StartPlaygroundOptions {
  /** A `.m365agentsplayground.yml` with custom users/tenant/team; default: the built-in configuration. */
  configPath?: string;
  startTimeoutMs?: number;
}

function playgroundCli(): string {
  const packageJson = require.resolve('@microsoft/m365agentsplayground/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(packageJson), bin.agentsplayground);
}

/**
 * Starts the playground CLI for `botEndpoint` in its own process group and resolves once its HTTP port answers.
 * It runs in a temporary folder so it neither picks up a developer's `.m365agentsplayground.yml` nor writes its
 * `devTools/` log into the repository.
 */
export async function startPlayground(
  botEndpoint: string,
  port = DEFAULT_PLAYGROUND_PORT,
  options: StartPlaygroundOptions = {},
): Promise<Playground> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'agents-playground-'));
  const configPath = options.configPath ?? path.join(workDir, 'none.yml');
  const child = spawn(
    process.execPath,
    [playgroundCli(), '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd: workDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        TEAMS_APP_TEST_TOOL_CONFIG_PATH: configPath,
      },
    },
  );

  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  // Safety net: a crashed or aborted test run must not leave the playground holding its port.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const close = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopGroup(child);
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    const actualPort = await waitForListening(child, () => output, options.startTimeoutMs ?? 30_000);
    const url = `http://127.0.0.1:${actualPort}`;
    await waitForPing(`${url}/_debug/ping`, 10_000);
    return {
      url,
      port: actualPort,
      serviceUrl: `http://localhost:${actualPort}/_connector`,
      output: () => output,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (): void => {
      const match = /Listening on (\d+)/.exec(output());
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`Agents Playground exited (code ${code}) before listening:\n${output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Agents Playground did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`Agents Playground did not answer ${url} within ${timeoutMs} ms`);
    await delay(100);
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || !isRunning(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
