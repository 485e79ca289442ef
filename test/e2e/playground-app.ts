import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedDemo, type DemoSeedReport } from '../../src/local/demo/seed-demo';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { silentLogger } from '../../src/logging/logger';
import { TestUser, type TurnReply } from '../support/bot-harness';
import { openPlaygroundPage, PLAYGROUND_DEFAULTS, startPlayground, type PlaygroundPage } from './playground';

/** Megan Bowen, one of the playground team's sample users (the page itself is Alex Wilber's). */
export const MEGAN = { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' };

/** A message from Megan in the playground team's General channel, as the playground would send it. */
export function inGeneralAsMegan(
  running: Pick<PlaygroundApp, 'app' | 'serviceUrl'>,
  fields: Record<string, unknown>,
): Promise<TurnReply> {
  const megan = new TestUser(() => running.app.url, MEGAN.aadObjectId, MEGAN.name, PLAYGROUND_DEFAULTS.tenantId);
  const { tenantId, team, channels } = PLAYGROUND_DEFAULTS;
  return megan.post({
    serviceUrl: running.serviceUrl,
    from: { id: MEGAN.id, name: MEGAN.name, aadObjectId: MEGAN.aadObjectId },
    recipient: PLAYGROUND_DEFAULTS.bot,
    conversation: { id: channels.General, name: 'General', conversationType: 'channel', tenantId, isGroup: true },
    channelData: {
      tenant: { id: tenantId },
      team: { id: team.id, name: team.name },
      channel: { id: channels.General },
    },
    type: 'message',
    ...fields,
  });
}

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
