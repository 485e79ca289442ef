import { ConfigError, loadConfig, type Config } from '../src/config';
import { devBanner } from '../src/local/banner';
import { assertDemoAllowed, DemoRefused } from '../src/local/demo/demo-allowed';
import type { DemoSeedReport } from '../src/local/demo/seed-demo';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../src/local/embedded-cosmos';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from '../src/local/playground';
import { jsonLogger, type Logger } from '../src/logging/logger';
import { closeOnSignals } from '../src/shutdown';
import { startTelemetry } from '../src/telemetry/start-telemetry';

/**
 * `npm run dev`: embedded Cosmos (unless COSMOS_ENDPOINT is set), the bot with auth off, and the Agents Playground
 * (not with `--no-playground`, e.g. for Teams through a tunnel). `--demo` first fills the embedded store with a
 * simulated organisation.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withPlayground = !args.includes('--no-playground');
  const config = loadConfig(process.env, 'local');
  if (args.includes('--demo')) assertDemoAllowed(config);
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
  const demo = embedded && args.includes('--demo') ? await seed(config, embedded, logger) : undefined;
  const app = await startApp({ config, cosmos, logger, telemetry: telemetry.telemetry });
  const playground = withPlayground
    ? await startPlayground(`${app.url}/api/messages`, DEFAULT_PLAYGROUND_PORT)
    : undefined;
  process.stdout.write(
    devBanner({
      botEndpoint: `${app.url}/api/messages`,
      embeddedCosmos: embedded?.endpoint,
      cosmosEndpoint: cosmos.endpoint,
      playgroundPort: playground?.port,
      localRoles: config.localRoles,
      pulsePolicy: config.pulsePolicy,
      demo,
    }),
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

/** Loaded after telemetry has started, like the app, so its Cosmos client is instrumented too. */
async function seed(config: Config, embedded: EmbeddedCosmos, logger: Logger): Promise<DemoSeedReport> {
  const { seedDemo } = await import('../src/local/demo/seed-demo');
  const started = Date.now();
  const report = await seedDemo({ config, cosmos: embedded });
  logger.info('demo.seeded', { people: report.people, teams: report.teams.length, ms: Date.now() - started });
  return report;
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError || error instanceof DemoRefused
      ? `${error.message}\n`
      : `Local run failed: ${(error as Error).message}\n`,
  );
  process.exit(1);
});
