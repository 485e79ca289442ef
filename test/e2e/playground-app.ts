import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { silentLogger } from '../../src/logging/logger';
import { openPlaygroundPage, startPlayground, type PlaygroundPage } from './playground';

/** The bot in local mode on the embedded Cosmos server, the Agents Playground pointed at it, and a page open on it. */
export interface PlaygroundApp {
  app: RunningApp;
  ui: PlaygroundPage;
  /** The playground's connector: the serviceUrl its activities carry. */
  serviceUrl: string;
  close(): Promise<void>;
}

export async function startAppInPlayground(
  env: Record<string, string>,
  options: Pick<AppOptions, 'pulseTickMs'> = {},
): Promise<PlaygroundApp> {
  const cosmos = await startEmbeddedCosmos();
  const app = await startApp({
    config: loadConfig({ PORT: '0', ...env }, 'local'),
    cosmos,
    logger: silentLogger,
    ...options,
  });
  const playground = await startPlayground(`${app.url}/api/messages`);
  const ui = await openPlaygroundPage(playground.url);
  return {
    app,
    ui,
    serviceUrl: playground.serviceUrl,
    close: async () => {
      await ui.close();
      await playground.close();
      await app.close();
      await cosmos.close();
    },
  };
}
