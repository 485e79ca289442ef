import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TestUser } from './bot-harness';
import { captureLogLine } from './log-capture';

const entry = path.resolve(__dirname, '../../lib/scripts/dev.js');

/** The bot in a process of its own (`npm run dev -- --no-playground`, local mode), so a test can SIGKILL it. */
export interface BotProcess {
  url: string;
  /** The process's JSON log lines so far (stdout), parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every stdout line as written, JSON or not. */
  readonly stdout: string[];
  user(aadObjectId: string, name: string): TestUser;
  /** Killed without warning, as a crash or an OOM kill would: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for it to exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts the built bot with these settings (PATH is kept; nothing else of this process's environment is passed). */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  if (!existsSync(entry)) throw new Error('lib/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, [entry, '--no-playground'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stderr }).on('line', (line) => captureLogLine('bot process stderr', line));
  const logs: Record<string, unknown>[] = [];
  const stdout: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bot process did not start in time')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the bot process exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      captureLogLine('bot process stdout', line);
      stdout.push(line);
      const entry = parseJson(line);
      if (!entry) return;
      logs.push(entry);
      if (entry.event !== 'app.started' || typeof entry.port !== 'number') return;
      clearTimeout(timer);
      resolve(entry.port);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    logs,
    stdout,
    user: (aadObjectId, name) => new TestUser(() => url, aadObjectId, name),
    kill: () => signal(child, 'SIGKILL', exited),
    stop: async (stopTimeoutMs = 15_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await signal(child, 'SIGTERM', exited);
      clearTimeout(timer);
    },
  };
}

async function signal(child: ChildProcess, name: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  await exited;
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
