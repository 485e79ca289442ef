import { quoteChanges, scrubNames } from '../../src/aggregation/quotes';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue } from '../../src/domain/answers';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { AggregateStore } from '../../src/storage/aggregate-store';
import { AnswerStore } from '../../src/storage/answer-store';
import { TeamMembership } from '../../src/storage/team-membership';
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  TENANT,
  type TestBot,
  type TestUser,
} from '../support/bot-harness';
import { validateCard } from '../cards/validate-card';
import { deleteData } from './drive';

const index = new ContentIndex(loadContentPack());
const want = index.find('am-want')?.question;
if (!want) throw new Error('the default pack has am-want');
const LEADER = 'dddddddd-0000-4000-8000-000000000002';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ env: { LEADER_IDS: LEADER, SUMMARY_THRESHOLD: '3', SUMMARY_COMMENT_THRESHOLD: '10' } });
});
afterAll(async () => {
  await bot.close();
});

/** Opens the "want" question through its Edit route and adds one statement, then Done. */
async function addWant(user: TestUser, statement: string): Promise<void> {
  const opened = await user.submit({ sg: 'edit', questionId: 'am-want' });
  const added = await user.submit({
    ...submitData(cardsOf(opened).at(-1) as Record<string, unknown>, 'Add'),
    'field.statement': statement,
  });
  await user.submit(submitData(cardsOf(added).at(-1) as Record<string, unknown>, 'Done — next question'));
}

async function organisationCardText(): Promise<string> {
  const card = cardsOf(await bot.user(LEADER, 'Lea Leader').say('summary')).at(-1);
  expect(validateCard(card)).toEqual([]);
  return cardText(card);
}

describe('example statements (quotes)', () => {
  it('changes a slot only for the statement that changed, and empties it only for its own statement', () => {
    const one: AnswerValue = { kind: 'rows', rows: [{ rowId: 'a', statement: 'Automate routine reports' }] };
    const edited: AnswerValue = { kind: 'rows', rows: [{ rowId: 'a', statement: 'Automate dull reports' }] };
    expect(quoteChanges(want, 'u1', undefined, one)).toEqual([
      {
        slot: expect.stringMatching(/^statement:automation:\d$/),
        set: { k: expect.any(String), t: 'Automate routine reports' },
      },
    ]);
    expect(quoteChanges(want, 'u1', one, one)).toEqual([]);
    expect(quoteChanges(want, 'u1', one, edited)).toEqual([
      expect.objectContaining({ set: expect.objectContaining({ t: 'Automate dull reports' }) }),
    ]);
    expect(quoteChanges(want, 'u1', one, undefined)).toEqual([
      { slot: expect.any(String), clearIfKey: expect.any(String) },
    ]);
  });

  it('removes mentions, handles, e-mail addresses and capitalised names, keeping acronyms and sentence starts', () => {
    expect(scrubNames('Ask John Smith about AI in CRM')).toBe('Ask [name] about AI in CRM');
    expect(scrubNames('<at>Bob</at> wants mail to bob@example.com. Then Mary rests')).toBe(
      '[name] wants mail to [name]. Then [name] rests',
    );
    expect(scrubNames('Help @alice write code')).toBe('Help [name] write code');
  });

  it('quotes a theme on the card only from the comment threshold on, names removed, and never after deletion', async () => {
    const users = Array.from({ length: 10 }, () => bot.user());
    for (const [i, user] of users.entries()) await addWant(user, `Automate routine reports for Jane Doe ${i}`);
    const before = await organisationCardText();
    expect(before).toMatch(/Automating routine work\s*· 10 people/);
    expect(before).toMatch(/“Automate routine reports for \[name\] \d”/);
    expect(before).not.toContain('Jane');

    const quoted = [...before.matchAll(/\[name\] (\d)”/g)].map((match) => Number(match[1]));
    expect(quoted.length).toBeGreaterThan(0);
    await deleteData(users[quoted[0]]);
    const after = await organisationCardText();
    expect(after).not.toContain(`[name] ${quoted[0]}”`);
    expect(after).not.toMatch(/“/); // 9 people: below the comment threshold of 10, so no quotes at all
    expect(after).toMatch(/Automating routine work\s*· 9 people/);
    const slots = (await new AggregateStore(bot.containers.aggregates).readDocs(TENANT, ['am-want'])).get(
      'am-want',
    )?.quotes;
    const kept = Object.values(slots ?? {}).flatMap((quote) => (quote ? [quote.t] : []));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.some((text) => text.endsWith(`Jane Doe ${quoted[0]}`))).toBe(false);

    const report = await rebuildAggregates(
      index,
      {
        answers: new AnswerStore(bot.containers.users),
        aggregates: new AggregateStore(bot.containers.aggregates),
        memberships: new TeamMembership(bot.containers.users),
      },
      TENANT,
      { write: false },
    );
    expect(report.differences).toEqual([]);
  }, 120_000);
});
