import { startFloorBot } from '../../scripts/bench/floor-bot';
import { adaptiveCards, lastPrompt, messageTexts } from '../../scripts/bench/card-reader';
import { clientAgent, TurnClient } from '../../scripts/bench/turn-client';
import { startEmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { openCosmos } from '../../src/storage/cosmos';

describe('benchmark floor bot (the least a bot storing each answer and replying with a card does)', () => {
  it('stores one document per turn and replies with the echo and a question card', async () => {
    const cosmos = await startEmbeddedCosmos();
    const { client, containers } = await openCosmos({ ...cosmos, database: 'floor', local: true });
    const floor = await startFloorBot(containers);
    const agent = clientAgent(1);
    try {
      const user = new TurnClient(agent, floor.url, 'floor-user', 'floor-tenant');
      for (const text of ['one', 'two', 'three']) {
        const reply = await user.say(text);
        expect(reply.status).toBe(200);
        expect(messageTexts(reply.activities)).toContain(`Echo: ${text}`);
        expect(adaptiveCards(reply.activities)).toHaveLength(1);
        expect(lastPrompt(reply.activities)?.questionId).toBeTruthy();
      }
      const { resources } = await containers.users.items
        .query('SELECT c.text FROM c', { partitionKey: ['floor-tenant', 'floor-user'] })
        .fetchAll();
      expect(resources.map((doc) => doc.text).sort()).toEqual(['one', 'three', 'two']);
    } finally {
      agent.destroy();
      await floor.close();
      client.dispose();
      await cosmos.close();
    }
  });
});
