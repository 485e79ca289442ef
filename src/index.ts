import type { RunningApp } from './app';
import { ConfigError, loadConfig } from './config';
import { jsonLogger } from './logging/logger';
import { closeOnSignals } from './shutdown';
import { startTelemetry } from './telemetry/start-telemetry';

/** Production entry point (`npm start`): refuses to start without bot identity and Cosmos settings. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'production');
  const telemetry = await startTelemetry(config.applicationInsights);
  const logger = jsonLogger(undefined, telemetry.traceId);
  let app: RunningApp;
  try {
    // Loaded after the telemetry, so its instrumentation sees the HTTP server and the Cosmos client being set up.
    const { startApp } = await import('./app');
    app = await startApp({
      config,
      cosmos: { endpoint: config.cosmos.endpoint ?? '', key: config.cosmos.key },
      logger,
      telemetry: telemetry.telemetry,
    });
  } catch (error) {
    // What was recorded while starting (the Cosmos calls that failed, say) is sent before the process exits.
    await telemetry.shutdown();
    throw error;
  }
  closeOnSignals(
    async () => {
      try {
        await app.close();
      } finally {
        await telemetry.shutdown();
      }
    },
    logger,
    app.drainLimitMs,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Strategy Guide failed to start: ${(error as Error).name}: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
