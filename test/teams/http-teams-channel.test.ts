import { HttpTeamsChannel, NO_RESPONSE } from '../../src/teams/http-teams-channel';
import { ChannelError } from '../../src/teams/teams-channel';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.close();
});

describe('HttpTeamsChannel against the fake connector', () => {
  it('a body that stalls past the timeout after a 200: a ChannelError saying no answer came (it may be posted)', async () => {
    connector.inject({ stallBodyMs: 30_000 });
    const channel = new HttpTeamsChannel(async () => undefined, 1_000);
    const posting = channel.postActivity(connector.serviceUrl, 'a:body-stall', { type: 'message', text: 'hi' });
    await expect(posting).rejects.toBeInstanceOf(ChannelError);
    await expect(posting).rejects.toMatchObject({ status: 0, code: NO_RESPONSE });
    expect(connector.sent.filter((sent) => sent.conversationId === 'a:body-stall')).toHaveLength(1);
  });

  it('a whole answer still gives the new activity id', async () => {
    const channel = new HttpTeamsChannel(async () => undefined, 1_000);
    const id = await channel.postActivity(connector.serviceUrl, 'a:whole', { type: 'message', text: 'hi' });
    expect(id).toMatch(/^activity-\d+$/);
  });
});
