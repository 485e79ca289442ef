import type { RunningApp } from '../src/app';
import { ConfigError, loadConfig, type Config } from '../src/config';
import { devBanner } from '../src/local/banner';
import { assertDemoAllowed, DemoRefused } from '../src/local/demo/demo-allowed';
import type { DemoSeedReport } from '../src/local/demo/seed-demo';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../src/local/embedded-cosmos';
import { DEFAULT_PLAYGROUND_PORT, startPlayground, type Playground } from '../src/local/playground';
import { jsonLogger, type Logger } from '../src/logging/logger';
import { closeOnSignals } from '../src/shutdown';
import { startTelemetry } from '../src/telemetry/start-telemetry';
import type { Telemetry } from '../src/telemetry/telemetry';

/**
 * `npm run dev`: embedded Cosmos (unless COSMOS_ENDPOINT is set), the bot with auth off, and the Agents Playground
 * (not with `--no-playground`, e.g. for Teams through a tunnel). `--demo` first fills the embedded store with a
 * simulated organisation.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfig(process.env, 'local');
  if (args.includes('--demo')) assertDemoAllowed(config);
  const telemetry = await startTelemetry(config.applicationInsights);
  const logger = jsonLogger(undefined, telemetry.traceId);
  let running: { app: RunningApp; embedded?: EmbeddedCosmos; playground?: Playground };
  try {
    running = await start(config, args, logger, telemetry.telemetry);
  } catch (error) {
    // What was recorded while starting is sent before the process exits.
    await telemetry.shutdown();
    throw error;
  }
  const { app, embedded, playground } = running;
  closeOnSignals(
    async () => {
      try {
        await playground?.close();
        await app.close();
        await embedded?.close();
      } finally {
        await telemetry.shutdown();
      }
    },
    logger,
    app.drainLimitMs,
  );
}

/** Everything but telemetry: the store, the app, the Playground, and the banner saying where they run. */
async function start(
  config: Config,
  args: readonly string[],
  logger: Logger,
  telemetry: Telemetry,
): Promise<{ app: RunningApp; embedded?: EmbeddedCosmos; playground?: Playground }> {
  const withPlayground = !args.includes('--no-playground');
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
  const app = await startApp({ config, cosmos, logger, telemetry });
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
  return { app, embedded, playground };
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
