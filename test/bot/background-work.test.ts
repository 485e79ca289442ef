import { BotAdapter } from '../../src/bot/adapter';
import { createBotAuthentication } from '../../src/bot/authentication';
import { BackgroundWork } from '../../src/bot/background-work';
import { connectorRepliesFor } from '../../src/bot/connector-replies';
import { loadConfig } from '../../src/config';
import { jsonLogger } from '../../src/logging/logger';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

/** Long work outside the turn, finished proactively through the real CloudAdapter to a fake Teams connector. */
let connector: FakeConnector;
let work: BackgroundWork;
const logLines: string[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  const config = loadConfig({}, 'local');
  const logger = jsonLogger((line) => logLines.push(line));
  const adapter = new BotAdapter(createBotAuthentication(config), logger, connectorRepliesFor(config));
  work = new BackgroundWork(adapter, '', logger);
});

afterAll(async () => {
  await work.drain();
  await connector.close();
});

const reference = (conversationId: string) => ({
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  bot: { id: '28:strategy-guide', name: 'Strategy Guide' },
  user: { id: '29:someone', name: 'Someone' },
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background work (fake Teams connector)', () => {
  it('returns at once and sends the result to the conversation when the job is done', async () => {
    const before = connector.sent.length;
    let finishJob!: () => void;
    const jobMayFinish = new Promise<void>((resolve) => (finishJob = resolve));
    work.start(
      reference('conv-slow'),
      {
        name: 'test.slow',
        run: async () => {
          await jobMayFinish;
          return [{ text: 'All 2,000 messages are on their way.' }];
        },
      },
      'tenant-a',
    );
    // start() came back while the job is still held: it is in flight and nothing has been sent (no clock involved).
    expect(work.inFlight).toBe(1);
    expect(connector.sent.length).toBe(before);
    finishJob();
    const [arrived] = (await connector.waitFor(before + 1)).slice(before);
    expect(arrived).toMatchObject({
      conversationId: 'conv-slow',
      activity: { text: 'All 2,000 messages are on their way.' },
    });
    await work.drain();
    expect(work.inFlight).toBe(0);
  });

  it('tells the user kindly when the job fails, and logs only the error name', async () => {
    const before = connector.sent.length;
    work.start(
      reference('conv-failing'),
      {
        name: 'test.failing',
        run: async () => {
          throw new Error('secret detail about answer "my private plan"');
        },
      },
      'tenant-a',
    );
    const [arrived] = (await connector.waitFor(before + 1)).slice(before);
    expect(arrived!.activity.text).toMatch(/didn't finish.*try|ask again/i);
    await work.drain();
    const failure = logLines.map((line) => JSON.parse(line)).find((entry) => entry.event === 'job.failed');
    expect(failure).toMatchObject({ job: 'test.failing', tenantId: 'tenant-a', error: 'Error' });
    expect(logLines.join('\n')).not.toContain('my private plan');
  });

  it('waits for jobs in flight when the app shuts down', async () => {
    let finished = false;
    work.start(
      reference('conv-drain'),
      {
        name: 'test.drain',
        run: async () => {
          await pause(200);
          finished = true;
          return [];
        },
      },
      'tenant-a',
    );
    await work.drain();
    expect(finished).toBe(true);
  });
});
