import type { Config } from '../../config';

/** `--demo` asked for somewhere it must not write. */
export class DemoRefused extends Error {
  override name = 'DemoRefused';
}

/** Refuses unless this is local mode with the embedded, in-memory store (never a real COSMOS_ENDPOINT). */
export function assertDemoAllowed(config: Config): void {
  if (config.mode !== 'local')
    throw new DemoRefused('--demo is for local runs only (npm run dev); it never writes to a deployed bot’s data.');
  if (config.cosmos.endpoint)
    throw new DemoRefused(
      '--demo fills only the embedded, in-memory store: unset COSMOS_ENDPOINT to use it (it never writes simulated people into a real database).',
    );
}
