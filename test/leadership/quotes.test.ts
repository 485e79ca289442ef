import { quoteChanges, scrubNames, stickyQuotes } from '../../src/aggregation/quotes';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerValue } from '../../src/domain/answers';
import { rebuildAggregates } from '../../src/leadership/rebuild';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosTeamMembership } from '../../src/storage/team-membership';
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

/** Opens a free-text question through its Edit route and answers it. */
async function answerText(user: TestUser, questionId: string, text: string): Promise<void> {
  const opened = await user.submit({ sg: 'edit', questionId });
  await user.submit({ ...submitData(cardsOf(opened).at(-1) as Record<string, unknown>, 'Next'), answer: text });
}

async function organisationCardText(): Promise<string> {
  const card = cardsOf(await bot.user(LEADER, 'Lea Leader').say('summary')).at(-1);
  expect(validateCard(card)).toEqual([]);
  return cardText(card);
}

describe('example statements (quotes)', () => {
  it('keeps an edited statement in its slot under a new key, and empties exactly the old words', () => {
    const one: AnswerValue = { kind: 'rows', rows: [{ rowId: 'a', statement: 'Automate routine reports' }] };
    const edited: AnswerValue = { kind: 'rows', rows: [{ rowId: 'a', statement: 'Automate dull reports' }] };
    const [added] = quoteChanges(want, 'u1', undefined, one);
    expect(added).toEqual({
      slot: expect.stringMatching(/^statement:automation:\d$/),
      set: { k: expect.stringMatching(/^[0-9a-f]{16}$/), t: 'Automate routine reports' },
    });
    expect(quoteChanges(want, 'u1', one, one)).toEqual([]);
    const key = 'set' in added ? added.set.k : '';
    expect(quoteChanges(want, 'u1', one, edited)).toEqual([
      { slot: added.slot, remove: key },
      { slot: added.slot, set: { k: expect.not.stringMatching(key), t: 'Automate dull reports' } },
    ]);
    expect(quoteChanges(want, 'u1', one, undefined)).toEqual([{ slot: added.slot, remove: key }]);
  });

  it('gives a free-text answer one slot of its theme, keyed by person and words', () => {
    const innovation = index.find('bi-innovation-areas')?.question;
    if (!innovation) throw new Error('the default pack has bi-innovation-areas');
    const [added] = quoteChanges(innovation, 'u1', undefined, { kind: 'text', text: 'Tailored product offers' });
    expect(added).toEqual({
      slot: expect.stringMatching(/^text:products:\d$/),
      set: { k: expect.stringMatching(/^[0-9a-f]{16}$/), t: 'Tailored product offers' },
    });
    const key = 'set' in added ? added.set.k : '';
    expect(quoteChanges(innovation, 'u1', { kind: 'text', text: 'Tailored product offers' }, undefined)).toEqual([
      { slot: added.slot, remove: key },
    ]);
    expect(quoteChanges(innovation, 'u1', undefined, { kind: 'text', text: '   ' })).toEqual([]);
  });

  it('quotes a use case only when its author shares it, and takes out one stored before consent was asked', () => {
    const useCases = index.find('uc-use-cases')?.question;
    if (!useCases) throw new Error('the default pack has uc-use-cases');
    const row = (rowId: string, title: string, share?: string) => ({ rowId, title, ...(share ? { share } : {}) });
    const answer = (...rows: ReturnType<typeof row>[]): AnswerValue => ({ kind: 'rows', rows });
    const shared = row('a', 'Automate routine reports', 'yes');
    const kept = row('b', 'Summarise my own appraisals', 'no');
    const legacy = row('c', 'Draft replies to customers');
    const added = quoteChanges(useCases, 'u1', undefined, answer(shared, kept, legacy));
    expect(added).toEqual([
      { slot: expect.stringMatching(/^title:/), set: expect.objectContaining({ t: shared.title }) },
    ]);
    // Words from before the question asked may sit in a slot from back then: a later change empties them, never sets.
    const next = quoteChanges(useCases, 'u1', answer(shared, kept, legacy), answer(shared, kept, legacy));
    expect(next).toEqual([{ slot: expect.stringMatching(/^title:/), remove: expect.any(String) }]);
    const erased = quoteChanges(useCases, 'u1', answer(shared, kept, legacy), undefined);
    expect(erased.map((change) => 'remove' in change)).toEqual([true, true]);
    expect(erased).toHaveLength(2);
  });

  it('publishes a statement only into an empty slot: one that is shown stays while it exists', () => {
    const old = { k: 'a', t: 'shown before' };
    const newer = { k: 'b', t: 'a newcomer' };
    expect(stickyQuotes({ s1: old }, { s1: newer, s2: newer })).toEqual({ s1: old, s2: newer });
    expect(stickyQuotes({ s1: null }, { s1: newer })).toEqual({ s1: newer });
    expect(stickyQuotes({ s1: null }, { s1: null })).toEqual({});
  });

  it('removes mentions, handles, e-mail addresses and capitalised names, keeping acronyms and sentence starts', () => {
    expect(scrubNames('Ask John Smith about AI in CRM')).toBe('Ask [name] about AI in CRM');
    expect(scrubNames('<at>Bob</at> wants mail to bob@example.com. Then Mary rests')).toBe(
      '[name] wants mail to [name]. Then [name] rests',
    );
    expect(scrubNames('Help @alice write code')).toBe('Help [name] write code');
    // Names in any script, and names with an inner capital.
    expect(scrubNames('Ask Émile and Zoë in finance')).toBe('Ask [name] and [name] in finance');
    expect(scrubNames('so Łukasz and Øyvind lose time')).toBe('so [name] and [name] lose time');
    expect(scrubNames('ask McDonald about it')).toBe('ask [name] about it');
  });

  it('quotes a theme on the card only from the comment threshold on, names removed, and never after deletion', async () => {
    // Twelve people: four whole batches of the threshold (3), so all of them are published.
    const users = Array.from({ length: 12 }, () => bot.user());
    for (const [i, user] of users.entries()) await addWant(user, `Automate routine reports for Jane Doe ${i}`);
    const before = await organisationCardText();
    expect(before).toMatch(/Automating routine work\s*· 12 people/);
    expect(before).toMatch(/“Automate routine reports for \[name\] \d+”/);
    expect(before).not.toContain('Jane');

    // The words leave the card and storage (live and published slots) at once; the figures move with a batch.
    const quoted = [...before.matchAll(/\[name\] (\d+)”/g)].map((match) => Number(match[1]));
    expect(quoted.length).toBeGreaterThan(0);
    await deleteData(users[quoted[0]]);
    const after = await organisationCardText();
    expect(after).not.toContain(`[name] ${quoted[0]}”`);
    expect(after).toMatch(/Automating routine work\s*· 12 people/);
    const doc = await new CosmosAggregateStore(bot.containers.aggregates).readDoc(TENANT, 'am-want');
    const stored = [...Object.values(doc?.quotes ?? {}), ...Object.values(doc?.published?.quotes ?? {})];
    expect(stored.some((quote) => quote?.t.endsWith(`Jane Doe ${quoted[0]}`))).toBe(false);

    // Two more deletions complete a batch: 9 people, below the comment threshold of 10, so no quotes at all.
    const others = users.filter((_, i) => i !== quoted[0]).slice(0, 2);
    for (const user of others) await deleteData(user);
    const fewer = await organisationCardText();
    expect(fewer).toMatch(/Automating routine work\s*· 9 people/);
    expect(fewer).not.toMatch(/“/);

    const report = await rebuildAggregates(
      index,
      {
        answers: new CosmosAnswerStore(bot.containers.users),
        aggregates: new CosmosAggregateStore(bot.containers.aggregates),
        memberships: new CosmosTeamMembership(bot.containers.users),
      },
      TENANT,
      { write: false },
    );
    expect(report.differences).toEqual([]);
  }, 120_000);

  it('shows what people wrote to a free-text question as a theme with scrubbed examples, gone after deletion', async () => {
    const users = Array.from({ length: 12 }, () => bot.user());
    for (const [i, user] of users.entries())
      await answerText(user, 'bi-innovation-areas', `Tailored product offers, said Jane Doe ${i}`);
    const before = await organisationCardText();
    expect(before).toContain('Where AI could drive innovation');
    expect(before).toMatch(/New products, offers and markets\s*· 12 people/);
    expect(before).toMatch(/“Tailored product offers, said \[name\] \d+”/);
    expect(before).not.toContain('Jane');

    const quoted = [...before.matchAll(/said \[name\] (\d+)”/g)].map((match) => Number(match[1]));
    await deleteData(users[quoted[0]]);
    expect(await organisationCardText()).not.toContain(`said [name] ${quoted[0]}”`);
    const doc = await new CosmosAggregateStore(bot.containers.aggregates).readDoc(TENANT, 'bi-innovation-areas');
    const stored = [...Object.values(doc?.quotes ?? {}), ...Object.values(doc?.published?.quotes ?? {})];
    expect(stored.some((quote) => quote?.t.endsWith(`Jane Doe ${quoted[0]}`))).toBe(false);
    expect(stored.length).toBeGreaterThan(0);
  }, 120_000);
});
