import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedDemo, type DemoSeedReport } from '../../src/local/demo/seed-demo';
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
  options: Pick<AppOptions, 'pulseTickMs'> & { demo?: boolean } = {},
): Promise<PlaygroundApp & { demo?: DemoSeedReport }> {
  const { demo: withDemo, ...appOptions } = options;
  const cosmos = await startEmbeddedCosmos();
  const config = loadConfig({ PORT: '0', ...env }, 'local');
  // As `npm run dev -- --demo`: the simulated organisation is stored before the bot starts.
  const demo = withDemo ? await seedDemo({ config, cosmos }) : undefined;
  const app = await startApp({ config, cosmos, logger: silentLogger, ...appOptions });
  const playground = await startPlayground(`${app.url}/api/messages`);
  const ui = await openPlaygroundPage(playground.url);
  return {
    app,
    ui,
    demo,
    serviceUrl: playground.serviceUrl,
    close: async () => {
      await ui.close();
      await playground.close();
      await app.close();
      await cosmos.close();
    },
  };
}
