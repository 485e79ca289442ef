/**
 * The build decision per use case, through the real bot (HTTP + CloudAdapter + embedded Cosmos): the guided questions
 * on the build-approach rows card, the approach worked out when the row is stored, shown under the row, stored on it
 * and counted as `field:approach:<id>`; and a row stored when the approach was still chosen by hand (pack 1.0.0),
 * still shown and counted after the upgrade.
 */
import { writeFileSync } from 'node:fs';
import { recomputeCounters, counterDifferences } from '../../src/aggregation/recompute';
import { total } from '../../src/aggregation/contributions';
import { ContentIndex, loadContentPack, type ContentPack, type RowsQuestion } from '../../src/content';
import type { DecisionApproach } from '../../src/content/types';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { cardKind, inputsOf, questionIdOf, type Card } from '../cards-sent/drive';
import { openQuestion } from '../bad-input/checks';
import { PackFiles } from '../content/pack-files';
import {
  cardsOf,
  startTestBot,
  TENANT,
  textsOf,
  type TestBot,
  type TestUser,
  type TurnReply,
} from '../support/bot-harness';
import { storedAnswer } from '../support/stored';

const DONE = 'Done — next question';
const pack = loadContentPack();

function approach(id: string): DecisionApproach {
  const found = pack.buildDecision?.approaches.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no approach ${id}`);
  return found;
}

const recommended = (id: string): string => `Recommended: ${approach(id).label} — ${approach(id).why}`;

/** Every TextRun of a card, in order: on a rows card, each row's number, its line and the line under it. */
function runsOf(card: Card): string[] {
  const runs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextRun') runs.push(String(record.text));
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return runs;
}

const newest = (reply: TurnReply): Card => {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`no card; the bot said ${JSON.stringify(textsOf(reply))}`);
  return card;
};

async function counters(bot: TestBot, questionId: string): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates.item(`aggregate|${questionId}`, [TENANT, questionId]).read();
  return (resource?.counters ?? {}) as Record<string, number>;
}

/** Adds the use case "Invoice triage", moves on and skips to the build-approach card; returns it and the use case's row id. */
async function useCaseThenBuildApproach(user: TestUser): Promise<{ card: Card; useCaseId: string }> {
  const useCases = await openQuestion(user, 'uc-use-cases');
  const added = newest(await user.press(useCases, 'Add', { 'field.title': 'Invoice triage', 'field.value': '4' }));
  let card = newest(await user.press(added, DONE));
  for (let turn = 0; questionIdOf(card) !== 'dr-build-approach'; turn++) {
    if (turn > 40) throw new Error('never reached dr-build-approach');
    card = newest(await user.press(card, 'Skip'));
  }
  const useCaseId = inputsOf(card).find((input) => input.id === 'field.use-case')?.choices?.[0]?.value;
  if (useCaseId === undefined) throw new Error('the build-approach card offers no use case');
  return { card, useCaseId };
}

describe('a build approach per use case, worked out from the guided questions', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot();
  }, 60_000);

  afterAll(async () => {
    await bot?.close();
  });

  it('asks the guided questions, never the approach, and shows, stores and counts the recommendation', async () => {
    const user = bot.user();
    const { card, useCaseId } = await useCaseThenBuildApproach(user);
    expect(inputsOf(card).map((input) => input.id)).toEqual([
      'field.use-case',
      'field.users',
      'field.own-data',
      'field.custom-model',
      'field.skills',
      'field.time-to-value',
    ]);
    const before = await counters(bot, 'dr-build-approach');

    const process = { 'field.users': 'process', 'field.own-data': 'systems', 'field.custom-model': 'no' };
    const first = {
      'field.use-case': useCaseId,
      ...process,
      'field.skills': 'makers',
      'field.time-to-value': 'months',
    };
    const added = await user.press(card, 'Add', first);
    expect(textsOf(added)).toEqual(['Added. 1 so far — add another build approach, or press **Done** to move on.']);
    expect(runsOf(newest(added))).toEqual([
      '1. ',
      "Use case: Invoice triage · Who will use it: A business process or a service to customers · Needs our own data: Yes, data in other systems or databases · Needs a model of its own: No, a ready-made model will do · The team's skills: Low-code makers (apps and flows) · Value needed: Within a few months",
      recommended('copilot-studio'),
    ]);

    // Done with a second row typed in: stored with its own recommendation, and the question left.
    const second = { ...first, 'field.custom-model': 'own', 'field.skills': 'ml-infra' };
    const done = await user.press(newest(added), DONE, second);
    expect(textsOf(done)).toEqual(['Saved your build approach “Invoice triage” and moved on.']);
    expect(questionIdOf(newest(done))).toBe('dr-decision-process');

    const guided = { users: 'process', 'own-data': 'systems', 'custom-model': 'no', 'time-to-value': 'months' };
    expect(await storedAnswer(bot.containers, user.aadObjectId, 'dr-build-approach')).toEqual({
      kind: 'rows',
      rows: [
        { rowId: expect.any(String), 'use-case': useCaseId, ...guided, skills: 'makers', approach: 'copilot-studio' },
        {
          rowId: expect.any(String),
          'use-case': useCaseId,
          ...guided,
          'custom-model': 'own',
          skills: 'ml-infra',
          approach: 'custom-model-iaas',
        },
      ],
    });
    const after = await counters(bot, 'dr-build-approach');
    for (const [name, added] of [
      ['field:approach:copilot-studio', 1],
      ['field:approach:custom-model-iaas', 1],
      ['field:approach:ai-foundry-paas', 0],
      ['field:skills:makers', 1],
      ['rows', 2],
    ] as const)
      expect([name, total(after, name) - total(before, name)]).toEqual([name, added]);

    // Back on the card (Edit from the review), each row shows its recommendation.
    const again = newest(await user.submit({ sg: 'edit', questionId: 'dr-build-approach' }));
    expect(cardKind(again)).toBe('rows');
    expect(runsOf(again).filter((run) => run.startsWith('Recommended:'))).toEqual([
      recommended('copilot-studio'),
      recommended('custom-model-iaas'),
    ]);
  }, 60_000);

  it('works out the approach for a row kept on Save & exit too', async () => {
    const user = bot.user();
    const { card, useCaseId } = await useCaseThenBuildApproach(user);
    const individual = { 'field.users': 'individual', 'field.own-data': 'm365', 'field.custom-model': 'no' };
    const reply = await user.press(card, 'Save & exit', {
      'field.use-case': useCaseId,
      ...individual,
      'field.skills': 'business',
      'field.time-to-value': 'weeks',
    });
    expect(textsOf(reply)[0]).toBe('Saved your build approach “Invoice triage”.');
    expect(await storedAnswer(bot.containers, user.aadObjectId, 'dr-build-approach')).toMatchObject({
      rows: [{ 'use-case': useCaseId, users: 'individual', approach: 'm365-copilot-saas' }],
    });
  }, 60_000);
});

/** The default pack as it was before the guided questions (1.0.0): the approach chosen by hand. */
function packBeforeTheDecision(): ContentPack {
  const earlier = structuredClone(pack);
  earlier.version = '1.0.0';
  delete earlier.buildDecision;
  const question = new ContentIndex(earlier).find('dr-build-approach')?.question as RowsQuestion;
  const useCase = question.fields.find((field) => field.id === 'use-case');
  const choice = question.fields.find((field) => field.kind === 'recommendation');
  if (!useCase || choice?.kind !== 'recommendation' || !choice.formerOptions) throw new Error('unexpected pack');
  question.fields = [
    useCase,
    { id: 'approach', kind: 'choice', label: 'Build approach', required: true, page: 1, options: choice.formerOptions },
  ];
  return earlier;
}

describe('a build approach chosen by hand before the guided questions, after the upgrade', () => {
  const files = new PackFiles();
  const packFile = files.write(packBeforeTheDecision());
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ env: { CONTENT_PACK: packFile } });
  }, 60_000);

  afterAll(async () => {
    await bot?.close();
    files.cleanup();
  });

  it('is still shown and counted as chosen, beside a new row with its recommendation, with nothing for a rebuild to repair', async () => {
    const user = bot.user();
    const { card, useCaseId } = await useCaseThenBuildApproach(user);
    await user.press(card, 'Add', { 'field.use-case': useCaseId, 'field.approach': 'buy-saas' });
    const oldRow = { rowId: expect.any(String), 'use-case': useCaseId, approach: 'buy-saas' };
    expect(await storedAnswer(bot.containers, user.aadObjectId, 'dr-build-approach')).toEqual({
      kind: 'rows',
      rows: [oldRow],
    });

    writeFileSync(packFile, JSON.stringify(pack));
    await bot.restart();
    const reopened = await user.submit({ sg: 'edit', questionId: 'dr-build-approach' });
    expect(textsOf(reopened)[0]).toMatch(/The questions have been updated/);
    expect(runsOf(newest(reopened))).toEqual([
      '1. ',
      'Use case: Invoice triage',
      'Your earlier choice: Buy a SaaS solution',
    ]);

    const added = await user.press(newest(reopened), 'Add', {
      'field.use-case': useCaseId,
      'field.users': 'process',
      'field.own-data': 'none',
      'field.custom-model': 'tuned',
      'field.skills': 'developers',
      'field.time-to-value': 'later',
    });
    expect(runsOf(newest(added)).filter((run) => /^(Recommended|Your earlier choice):/.test(run))).toEqual([
      'Your earlier choice: Buy a SaaS solution',
      recommended('ai-foundry-paas'),
    ]);
    const stored = await storedAnswer(bot.containers, user.aadObjectId, 'dr-build-approach');
    expect(stored).toEqual({
      kind: 'rows',
      rows: [oldRow, expect.objectContaining({ 'custom-model': 'tuned', approach: 'ai-foundry-paas' })],
    });

    const live = await counters(bot, 'dr-build-approach');
    expect(total(live, 'field:approach:buy-saas')).toBe(1);
    expect(total(live, 'field:approach:ai-foundry-paas')).toBe(1);
    // The counters kept turn by turn equal those a rebuild would compute from the stored answers with the new pack.
    const answerStore = new CosmosAnswerStore(bot.containers.users);
    const answers = await answerStore.listForUser(TENANT, user.aadObjectId);
    const rebuilt = recomputeCounters(new ContentIndex(pack), answers, await answerStore.listPathsInTenant(TENANT));
    const maintained = new Map(
      await Promise.all([...rebuilt.keys()].map(async (id) => [id, await counters(bot, id)] as const)),
    );
    expect(counterDifferences(maintained, rebuilt)).toEqual([]);
  }, 90_000);
});
