import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { captureLogLine } from './log-capture';

const ROOT = path.resolve(__dirname, '../..');
const START_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 15_000;

/** The built production entry (`npm start`) running in a child process of its own. */
export interface ProductionProcess {
  url: string;
  /** What it wrote so far. */
  output: { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Ends it at once (cleanup), keeps its output for the suite's log check, and closes its Cosmos server. */
  kill(): Promise<void>;
}

export interface ProductionProcessOptions {
  /** The folder holding package.json and lib/ (default: this repository). */
  root?: string;
  /** Settings added to the production ones (e.g. TMPDIR). */
  env?: Record<string, string>;
}

/**
 * Starts `node lib/src/index.js` with production settings: authentication on, one allowed tenant, and Cosmos at an
 * embedded server started here (HTTPS, the emulator key: production accepts a key for an endpoint on this machine
 * only). The process talks to Cosmos only when a turn or a scheduler tick needs it.
 */
export async function startProductionProcess(options: ProductionProcessOptions = {}): Promise<ProductionProcess> {
  const cosmos = await startEmbeddedCosmos({ tls: true });
  const child = spawn(process.execPath, ['lib/src/index.js'], {
    cwd: options.root ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      BOT_ID: '00000000-0000-0000-0000-0000000000aa',
      BOT_PASSWORD: 'production-process-test-password',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      ALLOWED_TENANTS: '11111111-1111-1111-1111-111111111111',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    captureLogLine('production process stdout', output.stdout);
    captureLogLine('production process stderr', output.stderr);
    await cosmos.close();
  };
  try {
    const port = await portWhenStarted(child, output);
    return { url: `http://127.0.0.1:${port}`, output, stop: () => stop(child), kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

/** Resolves with the port from the app's `app.started` log line; rejects if the process exits first. */
function portWhenStarted(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearInterval(poll);
      clearTimeout(deadline);
      child.off('exit', onExit);
      settle();
    };
    const deadline = setTimeout(
      () => done(() => reject(new Error(`no app.started within ${START_DEADLINE_MS} ms:\n${output.stderr}`))),
      START_DEADLINE_MS,
    );
    const onExit = (code: number | null) =>
      done(() => reject(new Error(`the app exited with ${code} before listening:\n${output.stderr}`)));
    child.once('exit', onExit);
    const poll = setInterval(() => {
      const started = /"event":"app\.started"[^\n]*"port":(\d+)/.exec(output.stdout);
      if (started) done(() => resolve(Number(started[1])));
    }, 20);
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(
      () => reject(new Error(`the app did not exit within ${STOP_DEADLINE_MS} ms of SIGTERM`)),
      STOP_DEADLINE_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(deadline);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
