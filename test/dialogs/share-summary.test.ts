import { validateCard } from '../cards/validate-card';
import { addStatement, inChannel, inGroupChat } from '../leadership/drive';
import { cardsOf, cardText, startTestBot, textsOf, type TestBot } from '../support/bot-harness';

const TEAM = { id: '19:share-team@thread.tacv2', name: 'Share team' };
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

describe('share my summary', () => {
  it('posts the speaker’s own card in the channel, with their name on it and no buttons', async () => {
    const ada = bot.user(undefined, 'Ada Lovelace');
    const grace = bot.user(undefined, 'Grace Hopper');
    await addStatement(ada, 'am-want', 'Draft first replies to supplier questions');
    await addStatement(grace, 'am-want', 'Summarise long incident reports');

    const [card] = cardsOf(await inChannel(ada, TEAM, 'share my summary'));
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/Shared by\s*Ada Lovelace/);
    expect(text).not.toContain('Your use cases');
    expect(text).toContain('Draft first replies to supplier questions');
    expect(text).not.toContain('Summarise long incident reports');
    expect(JSON.stringify(card)).not.toContain('Action.Submit');

    const [other] = cardsOf(await inChannel(grace, TEAM, 'share summary'));
    expect(cardText(other)).toContain('Summarise long incident reports');
    expect(cardText(other)).not.toContain('Draft first replies');
  });

  it('says kindly that there is nothing to share yet, and how to start', async () => {
    const reply = await inChannel(bot.user(), TEAM, 'share my summary');
    expect(cardsOf(reply)).toEqual([]);
    expect(textsOf(reply).join(' ')).toMatch(/no answers to share yet.*\*\*start\*\*/);
  });

  it('in a group chat or a 1:1 chat, says where sharing happens instead of posting anything', async () => {
    const user = bot.user();
    await addStatement(user, 'am-want', 'Answer routine HR questions');
    const group = await inGroupChat(user, 'share my summary');
    expect(cardsOf(group)).toEqual([]);
    expect(textsOf(group).join(' ')).toMatch(/in a team channel/);
    const reply = await user.say('share my summary');
    expect(cardsOf(reply)).toEqual([]);
    expect(textsOf(reply).join(' ')).toMatch(/mention me in one of its channels/);
    // The card itself says how, without a round trip.
    const [card] = cardsOf(await user.say('summary'));
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/"Action.ShowCard","title":"Share to a team".*share my summary/);
  });
});
