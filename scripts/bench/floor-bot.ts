import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { CardRenderer } from '../../src/cards/card-renderer';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { Containers } from '../../src/storage/cosmos';
import { questionView } from '../../src/strategy/card-views';
import type { RunningEchoBot } from './echo-bot';

/**
 * A second baseline: the least any bot meeting the foundation issue must do per answered question, and nothing more.
 * The echo bot's restify + CloudAdapter, plus one Cosmos write (every answer is stored the moment it is given) and
 * one question card from the real renderer in the reply. No state is read, no dialog runs, no counter moves.
 */
export async function startFloorBot(containers: Containers): Promise<RunningEchoBot> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  const index = new ContentIndex(loadContentPack());
  const questions = index.allQuestions().filter((ref) => ref.question.kind !== 'rows');
  const renderer = new CardRenderer();
  let turns = 0;
  const server = restify.createServer({ name: 'bench-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      const { activity } = context;
      const tenantId = activity.conversation.tenantId ?? 'floor';
      const userId = activity.from.aadObjectId ?? activity.from.id;
      const turn = turns++;
      await containers.users.items.upsert({
        id: `floor-${activity.id ?? turn}`,
        type: 'answer',
        tenantId,
        userId,
        text: activity.text ?? '',
      });
      const ref = questions[turn % questions.length];
      const card = renderer.question(questionView(ref, `t${turn}`, true, index.pack, {}));
      await context.sendActivity({ text: `Echo: ${activity.text ?? ''}`, attachments: [card] });
    });
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
