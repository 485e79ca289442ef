import { startApp } from '../src/app';
import { ConfigError, loadConfig } from '../src/config';
import { startEmbeddedCosmos } from '../src/local/embedded-cosmos';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from '../src/local/playground';
import { jsonLogger } from '../src/logging/logger';

/**
 * `npm run dev`: embedded Cosmos (unless COSMOS_ENDPOINT is set), the bot with auth off, and the Agents Playground.
 * `npm run dev -- --no-playground` runs the bot alone (tests run it as a process of its own this way).
 */
async function main(): Promise<void> {
  const withPlayground = !process.argv.slice(2).includes('--no-playground');
  const logger = jsonLogger();
  const config = loadConfig(process.env, 'local');
  const embedded = config.cosmos.endpoint ? undefined : await startEmbeddedCosmos();
  if (embedded) {
    logger.info('cosmos.embedded', {
      endpoint: embedded.endpoint,
      storage: 'in memory: the data is gone when this process stops',
    });
  }
  const cosmos = embedded ?? { endpoint: config.cosmos.endpoint ?? '', key: config.cosmos.key };
  const app = await startApp({ config, cosmos, logger });
  const playground = withPlayground
    ? await startPlayground(`${app.url}/api/messages`, DEFAULT_PLAYGROUND_PORT)
    : undefined;
  process.stdout.write(
    [
      '',
      `  Strategy Guide is running in local mode (authentication off).`,
      `  Bot endpoint:      ${app.url}/api/messages`,
      `  Cosmos DB:         ${embedded ? `embedded, in memory (${embedded.endpoint}) — data is lost when you stop` : cosmos.endpoint}`,
      playground
        ? `  Agents Playground: http://localhost:${playground.port}  ← open this and say "start"`
        : '  Agents Playground: not started (--no-playground)',
      '  Stop with Ctrl+C.',
      '',
    ].join('\n') + '\n',
  );
  const stop = async () => {
    await playground?.close();
    await app.close();
    await embedded?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `${error.message}\n` : `Local run failed: ${(error as Error).message}\n`,
  );
  process.exit(1);
});
