import { fork } from 'node:child_process';
import path from 'node:path';
import { EMULATOR_KEY } from '../../src/local/embedded-cosmos';
import type { ChildMessage, ParentMessage } from './cosmos-server-process';
import { Tally } from './cosmos-requests';

/** The embedded Cosmos-compatible server in a process of its own, with every request it serves countable. */
export interface CosmosProcess {
  endpoint: string;
  key: string;
  /** Starts counting the requests that arrive from now on; resolves once the server counts. */
  attach(): Promise<number>;
  /** Stops counting and returns what was counted (requests in flight are counted when they finish). */
  detach(id: number): Promise<Tally>;
  close(): Promise<void>;
}

/** Runs from the built output (lib/): the server process is the compiled cosmos-server-process.js beside this file. */
export async function startCosmosProcess(): Promise<CosmosProcess> {
  const child = fork(path.join(__dirname, 'cosmos-server-process.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (rows: ChildMessage & { type: 'done' }) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Cosmos server process exited (${code})`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else waiting.get(message.id)?.(message);
    });
  });
  const ask = (type: ParentMessage['type'], id: number) =>
    new Promise<ChildMessage & { type: 'done' }>((resolve) => {
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply);
      });
      child.send({ id, type } satisfies ParentMessage);
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: EMULATOR_KEY,
    async attach() {
      const id = nextId++;
      await ask('attach', id);
      return id;
    },
    async detach(id) {
      const tally = new Tally();
      for (const row of (await ask('detach', id)).rows ?? []) tally.add(row, row.status, row.count);
      return tally;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
