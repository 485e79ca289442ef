import { spawn } from 'node:child_process';
import { EMULATOR_KEY } from '../../src/local/embedded-cosmos';
import { projectRoot } from '../../src/project-root';

export interface CosmosProcess {
  endpoint: string;
  key: string;
  close(): Promise<void>;
}

// The same server and options as src/local/embedded-cosmos.ts; it prints its port once it listens.
const SERVER = `
const { createHttpServer } = require('@vercel/cosmosdb-server');
const server = createHttpServer({ keepAlive: true });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * The embedded Cosmos-compatible server in a process of its own, as a real database would be: the load script's
 * memory figures are then the bot's (and its load generator's), not the in-memory database growing with the data.
 */
export async function startCosmosProcess(): Promise<CosmosProcess> {
  const child = spawn(process.execPath, ['-e', SERVER], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Cosmos server process exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: EMULATOR_KEY,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
