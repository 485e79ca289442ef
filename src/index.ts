import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { jsonLogger } from './logging/logger';
import { closeOnSignals } from './shutdown';

/** Production entry point (`npm start`): refuses to start without bot identity and Cosmos settings. */
async function main(): Promise<void> {
  const logger = jsonLogger();
  const config = loadConfig(process.env, 'production');
  const app = await startApp({
    config,
    cosmos: { endpoint: config.cosmos.endpoint ?? '', key: config.cosmos.key },
    logger,
  });
  closeOnSignals(() => app.close(), logger, app.drainLimitMs);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Strategy Guide failed to start: ${(error as Error).name}: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
