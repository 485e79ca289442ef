/**
 * Test fixture: the smallest Teams bot that exercises the Playground harness. It echoes text, sends an
 * Adaptive Card on "card", a file consent card on "file", echoes an Action.Submit `value` back as text and records every activity it
 * receives so tests can assert what the Playground sends.
 */
import { AddressInfo } from 'net';
import {
  Activity,
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
} from 'botbuilder';
import * as restify from 'restify';

export interface EchoBot {
  /** e.g. http://127.0.0.1:3978/api/messages */
  endpoint: string;
  /** Every activity the bot received, oldest first. */
  received: Partial<Activity>[];
  close(): Promise<void>;
}

export const ECHO_CARD_TITLE = 'Echo bot question';

/** What the echo bot offers on "file": a Teams file consent card, as a bot sends one before uploading a file. */
export const ECHO_FILE_CONSENT = {
  contentType: 'application/vnd.microsoft.teams.card.file.consent',
  name: 'echo-export.json',
  content: {
    description: 'A small JSON file from the echo bot',
    sizeInBytes: 42,
    acceptContext: { token: 'echo-accept' },
    declineContext: { token: 'echo-decline' },
  },
};

export function echoCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: ECHO_CARD_TITLE, weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'colour',
        label: 'Favourite colour',
        style: 'expanded',
        isRequired: true,
        errorMessage: 'Pick a colour',
        choices: [
          { title: 'Red', value: 'red' },
          { title: 'Green', value: 'green' },
          { title: 'Blue', value: 'blue' },
        ],
      },
      {
        type: 'Input.ChoiceSet',
        id: 'size',
        label: 'Size',
        style: 'compact',
        value: 'm',
        choices: [
          { title: 'Small', value: 's' },
          { title: 'Medium', value: 'm' },
          { title: 'Large', value: 'l' },
        ],
      },
      { type: 'Input.Text', id: 'comment', label: 'Comment', placeholder: 'Say something' },
    ],
    actions: [
      { type: 'Action.Submit', title: 'Send answer', data: { kind: 'echo-answer' } },
      { type: 'Action.Submit', title: 'Not now', associatedInputs: 'none', data: { kind: 'echo-later' } },
    ],
  };
}

async function onTurn(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const botId = activity.recipient?.id;
    const added = (activity.membersAdded ?? []).filter((member) => member.id !== botId);
    if (added.length > 0)
      // The playground's membersAdded carry ids only, no names.
      await context.sendActivity(`Welcome, ${added.map((member) => member.name ?? member.id).join(', ')}`);
    return;
  }
  if (activity.type !== ActivityTypes.Message) return;

  if (activity.value !== undefined && activity.value !== null) {
    await context.sendActivity(`Submitted: ${JSON.stringify(activity.value)}`);
    return;
  }
  // In channels and group chats the text carries the <at>bot</at> mention; strip it like a real bot would.
  const text = TurnContext.removeRecipientMention(activity)?.trim() ?? activity.text?.trim() ?? '';
  if (text.toLowerCase() === 'file') {
    await context.sendActivity({ attachments: [ECHO_FILE_CONSENT] });
    return;
  }
  if (text.toLowerCase() === 'card') {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(echoCard())] });
    return;
  }
  await context.sendActivity(`Echo: ${text}`);
}

/** Starts the bot on 127.0.0.1; port 0 picks a free port. No app id, so CloudAdapter does no auth. */
export async function startEchoBot(port = 0): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received: Partial<Activity>[] = [];
  adapter.onTurnError = async (context, error) => {
    console.error('echo bot turn error', error);
    await context.sendActivity(`Echo bot error: ${error.message}`);
  };

  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      received.push({ ...context.activity });
      await onTurn(context);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${address.port}/api/messages`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        // The Playground keeps connections alive; without this close() waits for them to time out.
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3978);
  void startEchoBot(port).then((bot) => console.log(`echo bot listening on ${bot.endpoint}`));
}
