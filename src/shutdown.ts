import type { Logger } from './logging/logger';

/** Beyond the app's drains: the schedulers' last pass, closing the server and the Cosmos client (and, locally, the rest). */
const CLOSING_MARGIN_MS = 5_000;

/**
 * On the first SIGTERM or SIGINT, closes the app (which refuses new requests, lets the turns in progress and their
 * background work finish, then lets go of Cosmos) and exits 0, or 1 when closing failed or hung past its drains
 * (`drainLimitMs`, see `RunningApp`) and a margin. Later signals are ignored rather than killing the process halfway
 * through.
 */
export function closeOnSignals(close: () => Promise<void>, logger: Logger, drainLimitMs: number): void {
  const hardLimitMs = drainLimitMs + CLOSING_MARGIN_MS;
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info('app.stopping', { signal });
    setTimeout(() => {
      logger.error('app.close-timeout', { ms: hardLimitMs });
      process.exit(1);
    }, hardLimitMs).unref();
    close().then(
      () => {
        logger.info('app.stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('app.close-failed', { error: (error as Error).name });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
