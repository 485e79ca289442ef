import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { cardsOf, cardText, startTestBot, textsOf, TENANT, type TestBot, type TurnReply } from '../support/bot-harness';
import { validateCard } from '../cards/validate-card';
import { applyAsTurnsWould, inChannel, inGroupChat, ratingAnswers } from './drive';

const ADMIN = 'cccccccc-0000-4000-8000-000000000001';
const LEADER = 'cccccccc-0000-4000-8000-000000000002';
const index = new ContentIndex(loadContentPack());
const RED = { id: '19:team-red@thread.tacv2', name: 'Red' };
let bot: TestBot;

/** Counters as if `people` people had rated every question `rating`, added to the aggregates person by person. */
async function seed(people: number, rating: number, teamId?: string): Promise<void> {
  const answers = ratingAnswers(index, `seed-${teamId ?? 'org'}`, people, rating);
  await applyAsTurnsWould(new CosmosAggregateStore(bot.containers.aggregates), index, TENANT, answers, teamId);
}

const title = (reply: TurnReply): string => {
  const card = cardsOf(reply).at(-1);
  return card ? cardText(card).split('\n')[0] : '';
};

beforeAll(async () => {
  bot = await startTestBot({ env: { ADMIN_IDS: ADMIN, LEADER_IDS: LEADER } });
  // Whole batches of the default threshold (5), so all of it is published.
  await seed(10, 2);
  await seed(5, 4, RED.id);
});
afterAll(async () => {
  await bot.close();
});

describe('who gets which summary', () => {
  it('gives a leader the organisation card in personal chat, valid, with export; and their own card on "my summary"', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const reply = await leader.say('summary');
    const card = cardsOf(reply).at(-1) as Record<string, unknown>;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Our AI ambition & success metrics');
    expect(cardText(card)).toContain('10 people have answered');
    expect(JSON.stringify(card)).toContain('"action":"export"');
    expect(title(await leader.say('my summary'))).toBe('Your AI ambition & success metrics');
  });

  it('gives anyone else their own card for "summary", and a clear refusal for organisation data', async () => {
    const employee = bot.user();
    expect(title(await employee.say('summary'))).toBe('Your AI ambition & success metrics');
    for (const attempt of [
      () => employee.say('organisation summary'),
      () => employee.say('org summary'),
      () => employee.say('export summary'),
      () => employee.submit({ sg: 'leader', action: 'export' }),
    ]) {
      const reply = await attempt();
      expect(cardsOf(reply)).toHaveLength(0);
      expect(textsOf(reply).join(' ')).toMatch(/for leaders/);
      expect(JSON.stringify(reply.activities)).not.toContain('people have answered');
    }
  });

  it('lets an admin grant and revoke the leader role in chat, checked on every request', async () => {
    const admin = bot.user(ADMIN, 'Ada Admin');
    const person = bot.user('cccccccc-0000-4000-8000-000000000009', 'Pat Person');
    expect(textsOf(await person.say(`grant leader ${person.aadObjectId}`)).join(' ')).toContain('Only admins');
    expect(title(await person.say('summary'))).toBe('Your AI ambition & success metrics');
    expect(textsOf(await admin.say(`grant leader ${person.aadObjectId}`)).join(' ')).toContain('granted');
    expect(title(await person.say('summary'))).toBe('Our AI ambition & success metrics');
    expect(textsOf(await admin.say('list roles')).join(' ')).toContain(person.aadObjectId);
    expect(textsOf(await admin.say(`revoke leader ${person.aadObjectId}`)).join(' ')).toContain('revoked');
    expect(textsOf(await person.say('organisation summary')).join(' ')).toMatch(/for leaders/);
    expect(textsOf(await admin.say('grant leader not-an-id')).join(' ')).toContain('Entra object id');
  });

  it('posts the team card in a channel to a member, the organisation card to a leader, and refuses in a group chat', async () => {
    const member = bot.user();
    const team = await inChannel(member, RED, 'summary');
    expect(validateCard(cardsOf(team).at(-1))).toEqual([]);
    expect(title(team)).toBe('This team’s AI ambition & success metrics');
    expect(cardText(cardsOf(team).at(-1))).toContain('Team: \nRed');
    expect(cardText(cardsOf(team).at(-1))).toContain('5 people have answered');
    expect(JSON.stringify(cardsOf(team))).not.toContain('Action.Submit');

    const leader = bot.user(LEADER, 'Lea Leader');
    const organisation = await inChannel(leader, RED, 'summary');
    expect(title(organisation)).toBe('Our AI ambition & success metrics');
    expect(JSON.stringify(cardsOf(organisation))).not.toContain('"action":"export"');
    expect(title(await inChannel(leader, RED, 'team summary'))).toBe('This team’s AI ambition & success metrics');

    const group = await inGroupChat(member, 'summary');
    expect(cardsOf(group)).toHaveLength(0);
    expect(textsOf(group).join(' ')).toMatch(/for leaders/);
    expect(textsOf(await inChannel(leader, RED, 'export summary')).join(' ')).toContain('1:1 chat');
  });

  it('exports CSV and JSON to a leader: figures only, no identities, nothing below the threshold', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const reply = await leader.say('export summary');
    const csv = /```csv\n([\s\S]*)```/.exec(textsOf(reply).join('\n'))?.[1] ?? '';
    expect(csv.split('\r\n')[0]).toBe('part,key,label,figure,value');
    expect(csv).toContain('participation,people,People who answered,count,10');
    expect(csv).not.toMatch(/seed-|cccccccc/);
    const file = reply.activities
      .flatMap((activity) => activity.attachments ?? [])
      .find((a) => a.name === 'strategy-summary.json');
    const json = JSON.parse(Buffer.from(String(file?.contentUrl).split(',')[1], 'base64').toString('utf8'));
    expect(json.thresholds).toEqual({ group: 5, comments: 10 });
    expect(json.figures.length).toBe(csv.trim().split('\r\n').length - 1);
    expect(JSON.stringify(json)).not.toMatch(/seed-|cccccccc/);
  });
});
