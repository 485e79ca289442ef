import { ConfigError, loadConfig } from '../src/config';
import { startEmbeddedCosmos } from '../src/local/embedded-cosmos';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from '../src/local/playground';
import { jsonLogger } from '../src/logging/logger';
import { closeOnSignals } from '../src/shutdown';
import { startTelemetry } from '../src/telemetry/start-telemetry';

/**
 * `npm run dev`: embedded Cosmos (unless COSMOS_ENDPOINT is set), the bot with auth off, and the Agents Playground
 * (not with `--no-playground`, e.g. for Teams through a tunnel).
 */
async function main(): Promise<void> {
  const withPlayground = !process.argv.slice(2).includes('--no-playground');
  const config = loadConfig(process.env, 'local');
  const telemetry = await startTelemetry(config.applicationInsights);
  const logger = jsonLogger(undefined, telemetry.traceId);
  const { startApp } = await import('../src/app');
  const embedded = config.cosmos.endpoint ? undefined : await startEmbeddedCosmos();
  if (embedded) {
    logger.info('cosmos.embedded', {
      endpoint: embedded.endpoint,
      storage: 'in memory: the data is gone when this process stops',
    });
  }
  const cosmos = embedded ?? { endpoint: config.cosmos.endpoint ?? '', key: config.cosmos.key };
  const app = await startApp({ config, cosmos, logger, telemetry: telemetry.telemetry });
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
  closeOnSignals(
    async () => {
      await playground?.close();
      await app.close();
      await embedded?.close();
      await telemetry.shutdown();
    },
    logger,
    app.drainLimitMs,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `${error.message}\n` : `Local run failed: ${(error as Error).message}\n`,
  );
  process.exit(1);
});
