import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { runSummaryAdmin } from '../../scripts/summary-admin/run';
import { cardsOf, startTestBot, textsOf, type TestBot, type TestUser, type TurnReply } from '../support/bot-harness';
import { validateCard } from '../cards/validate-card';
import { answerQuestion, addStatement, inChannel } from './drive';

/**
 * The differencing attack of issue 11: look at a summary, let one person act, look again. Whatever that person did
 * (join a team with all their answers, answer for the first time, edit an answer), the two summaries — the card and
 * the export — must be the same until at least the group threshold of people changed something.
 */
const K = 3;
const LEADER = 'eeeeeeee-0000-4000-8000-000000000001';
const TEAM = { id: '19:team-attack@thread.tacv2', name: 'Attack' };
const NOW = new Date('2026-11-30T10:00:00Z');
const index = new ContentIndex(loadContentPack());

async function startBot(): Promise<TestBot> {
  return startTestBot({
    env: { LEADER_IDS: LEADER, SUMMARY_THRESHOLD: String(K), SUMMARY_COMMENT_THRESHOLD: String(K) },
    clock: () => NOW,
  });
}

/** Answers a few ratings, a text question and a "want" statement in 1:1 chat. */
async function answerSome(user: TestUser, rating: string, words: string): Promise<void> {
  await answerQuestion(user, 'bi-industry-impact', rating);
  await answerQuestion(user, 'bi-innovation-areas', words);
  await answerQuestion(user, 'bi-feedback-loops', rating);
  await answerQuestion(user, 'am-ambition-shared', rating);
  await addStatement(user, 'am-want', words);
}

function card(reply: TurnReply): string {
  const found = cardsOf(reply).at(-1);
  expect(validateCard(found)).toEqual([]);
  return JSON.stringify(found);
}

/** The export as a leader or operator gets it: the CLI's CSV and JSON files for the scope. */
async function exportFiles(bot: TestBot, teamId?: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'anonymity-export-'));
  const code = await runSummaryAdmin(
    ['export', '--tenant', bot.user().tenantId, '--out', out, ...(teamId ? ['--team', teamId] : [])],
    {
      containers: bot.containers,
      index,
      thresholds: { group: K, comments: K },
      now: () => NOW,
      print: () => undefined,
    },
  );
  expect(code).toBe(0);
  return `${readFileSync(join(out, 'summary.csv'), 'utf8')}\n${readFileSync(join(out, 'summary.json'), 'utf8')}`;
}

/** The organisation card and the chat export (CSV message and JSON file) a leader gets. */
async function leaderView(bot: TestBot): Promise<{ card: string; export: string }> {
  const leader = bot.user(LEADER, 'Lea Leader');
  const summary = card(await leader.say('summary'));
  const exported = await leader.say('export summary');
  const files = exported.activities.flatMap((activity) => activity.attachments ?? []).map((a) => a.contentUrl);
  return { card: summary, export: `${textsOf(exported).join('\n')}\n${files.join('\n')}` };
}

const quotesOf = (json: string): string[] => json.match(/“[^”]*”/g) ?? [];

describe('one person joining a team changes nothing in its summaries until a batch of people changed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('shows the same team card and export before and after a new member joins with all their answers', async () => {
    const members = Array.from({ length: 4 }, (_, i) => bot.user(undefined, `Member ${i}`));
    for (const [i, member] of members.entries()) {
      await answerSome(member, '4', `Automate routine reports, member ${i}`);
      await inChannel(member, TEAM, 'help');
    }
    const before = card(await inChannel(members[0], TEAM, 'team summary'));
    expect(before).toContain(`${K} people have answered`);
    expect(quotesOf(before).length).toBeGreaterThan(0);
    const exportBefore = await exportFiles(bot, TEAM.id);

    // The victim answered privately, with words and ratings nobody else gave; then writes once in the channel.
    const victim = bot.user(undefined, 'Vic Victim');
    await answerSome(victim, '1', 'Automate invoice checks the way Vic likes');
    const after = card(await inChannel(victim, TEAM, 'team summary'));
    expect(after).toBe(before);
    expect(await exportFiles(bot, TEAM.id)).toBe(exportBefore);
    expect(after).not.toContain('invoice');

    // Once enough others changed something too, the batch (victim included) reaches the summary together,
    // and the example statements shown before stay where they were.
    const late = bot.user(undefined, 'Lou Late');
    await answerSome(late, '4', 'Automate routine reports, a late member');
    const batch = card(await inChannel(late, TEAM, 'team summary'));
    expect(batch).not.toBe(before);
    expect(batch).toContain(`${members.length + 2} people have answered`);
    for (const quote of quotesOf(before)) expect(batch).toContain(quote);
  }, 120_000);
});

describe('one person answering or editing changes nothing in the organisation summary until a batch changed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('shows the same organisation card and exports before and after one new answer, and after one edit', async () => {
    const people = Array.from({ length: K }, (_, i) => bot.user(undefined, `Person ${i}`));
    for (const [i, person] of people.entries()) await answerSome(person, '4', `Automate routine reports, person ${i}`);
    const before = await leaderView(bot);
    expect(before.card).toContain(`${K} people have answered`);
    const exportBefore = await exportFiles(bot);

    const newcomer = bot.user(undefined, 'Nel Newcomer');
    await answerSome(newcomer, '1', 'Automate invoice checks the way Nel likes');
    const afterAnswer = await leaderView(bot);
    expect(afterAnswer.card).toBe(before.card);
    expect(afterAnswer.export).toBe(before.export);
    expect(await exportFiles(bot)).toBe(exportBefore);

    await answerQuestion(people[0], 'bi-industry-impact', '1');
    const afterEdit = await leaderView(bot);
    expect(afterEdit.card).toBe(before.card);
    expect(afterEdit.export).toBe(before.export);
    expect(await exportFiles(bot)).toBe(exportBefore);

    // A third person's change completes a batch of the threshold's size: now the summary moves.
    await answerQuestion(people[1], 'bi-industry-impact', '2');
    await answerQuestion(people[1], 'bi-innovation-areas', 'Forecast demand');
    await answerQuestion(people[1], 'bi-feedback-loops', '2');
    await answerQuestion(people[1], 'am-ambition-shared', '2');
    await addStatement(people[1], 'am-want', 'Forecast demand from our data');
    const moved = await leaderView(bot);
    expect(moved.card).not.toBe(before.card);
    expect(moved.card).toContain(`${K + 1} people have answered`);
  }, 120_000);
});
