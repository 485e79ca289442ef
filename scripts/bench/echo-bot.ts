import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { jsonBodyReader } from '../../src/json-body';
import { silentLogger } from '../../src/logging/logger';

export interface RunningEchoBot {
  url: string;
  close(): Promise<void>;
}

/** The baseline: restify + CloudAdapter with authentication off, as the app is set up, replying with the text it got. */
export function startEchoBot(): Promise<RunningEchoBot> {
  return startBaselineBot('bench-echo', async (context) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
  });
}

/** restify + CloudAdapter with authentication off on a free loopback port, running `logic` for every activity. */
export async function startBaselineBot(
  name: string,
  logic: (context: TurnContext) => Promise<void>,
): Promise<RunningEchoBot> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  server.post('/api/messages', jsonBodyReader(512 * 1024, silentLogger), async (req, res) => {
    await adapter.process(req, res, logic);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
