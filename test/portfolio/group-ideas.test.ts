import {
  byWeightThenKey,
  groupId,
  groupIdeas,
  ideasFromTitles,
  SIMILARITY_THRESHOLD,
  type Idea,
  type IdeaGroup,
} from '../../src/portfolio/group-ideas';
import { loadContentPack } from '../../src/content';
import { NO_CONCEPTS, packLexicon, type ConceptLexicon } from '../../src/portfolio/concept-lexicon';
import { normaliseTitle } from '../../src/portfolio/normalise-title';
import { keyTokens, TokenTable } from '../../src/portfolio/token-table';
import { CORPUS_FILES, labelledTitles, loadCorpus } from '../../scripts/portfolio-grouping/corpus';
import { scoreGrouping } from '../../scripts/portfolio-grouping/score-grouping';
import { syntheticIdeas } from '../../scripts/portfolio-grouping/synthetic-ideas';

const corpus = loadCorpus(CORPUS_FILES.main);
const corpusTitles = labelledTitles(corpus).map(({ title }) => title);
const lexicon = packLexicon(loadContentPack());

/** The group holding the idea of this title. */
function groupWith(groups: readonly IdeaGroup[], title: string): IdeaGroup | undefined {
  const { key } = normaliseTitle(title);
  return groups.find((group) => group.members.some((member) => member.key === key));
}

/** The same ideas in another order: a seeded Fisher–Yates shuffle. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The rule without the index: every idea is compared with every anchor. */
function groupWithoutIndex(ideas: readonly Idea[], vocabulary: ConceptLexicon): string[][] {
  const table = new TokenTable(
    ideas.map((idea) => keyTokens(idea.key)),
    vocabulary,
  );
  const termsOf = new Map(ideas.map((idea, at) => [idea.key, table.terms[at]]));
  const groups: { anchor: number[]; keys: string[] }[] = [];
  for (const idea of [...ideas].sort(byWeightThenKey)) {
    const tokens = termsOf.get(idea.key) ?? [];
    const similarities = groups.map(({ anchor }) => table.similarity(tokens, anchor));
    const best = Math.max(SIMILARITY_THRESHOLD, ...similarities);
    const at = similarities.findIndex((value) => value === best && value > SIMILARITY_THRESHOLD);
    if (at >= 0) groups[at].keys.push(idea.key);
    else groups.push({ anchor: tokens, keys: [idea.key] });
  }
  return groups.map(({ keys }) => [...keys].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const keySets = (groups: readonly IdeaGroup[]) =>
  groups.map((group) => group.members.map((member) => member.key).sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe("groupIdeas on the labelled corpus, with the default pack's vocabulary", () => {
  it('puts together few ideas labelled apart: pairwise precision at least 0.95', () => {
    expect(scoreGrouping(corpus, SIMILARITY_THRESHOLD, lexicon).precision).toBeGreaterThanOrEqual(0.95);
  });

  it('finds at least two pairs in three labelled together (the 0.9 target is not met: docs/portfolio.md)', () => {
    expect(scoreGrouping(corpus, SIMILARITY_THRESHOLD, lexicon).recall).toBeGreaterThanOrEqual(0.67);
  });

  it('on the blind set (written without seeing the grouping) stays precise and finds more with the vocabulary', () => {
    const blind = loadCorpus(CORPUS_FILES.blind);
    const withWords = scoreGrouping(blind, SIMILARITY_THRESHOLD, lexicon);
    expect(withWords.precision).toBeGreaterThanOrEqual(0.95);
    // The honest recall: far below the 0.9 target (docs/portfolio.md); leaders merge what it misses.
    expect(withWords.recall).toBeGreaterThan(2 * scoreGrouping(blind, SIMILARITY_THRESHOLD, NO_CONCEPTS).recall);
  });

  it('finds more pairs with the vocabulary than with the words alone, and no more wrong ones', () => {
    const withWords = scoreGrouping(corpus, SIMILARITY_THRESHOLD, lexicon);
    const wordsAlone = scoreGrouping(corpus, SIMILARITY_THRESHOLD, NO_CONCEPTS);
    expect(withWords.agreeing).toBeGreaterThan(wordsAlone.agreeing + 50);
    expect(withWords.grouped - withWords.agreeing).toBeLessThan(wordsAlone.grouped - wordsAlone.agreeing);
  });

  it('gives the same groups, anchors and ids whatever order the ideas come in', () => {
    const ideas = ideasFromTitles(corpusTitles);
    const first = groupIdeas(ideas, SIMILARITY_THRESHOLD, lexicon);
    for (const seed of [1, 2, 3, 4, 5])
      expect(groupIdeas(shuffled(ideas, seed), SIMILARITY_THRESHOLD, lexicon)).toEqual(first);
  });

  it('finds through its index exactly the groups a comparison with every anchor finds', () => {
    const ideas = [...ideasFromTitles(corpusTitles), ...syntheticIdeas(corpusTitles, 2_000)];
    const unique = [...new Map(ideas.map((idea) => [idea.key, idea])).values()];
    for (const vocabulary of [lexicon, NO_CONCEPTS])
      expect(keySets(groupIdeas(unique, SIMILARITY_THRESHOLD, vocabulary))).toEqual(
        groupWithoutIndex(unique, vocabulary),
      );
  });
});

describe('groupIdeas, case by case', () => {
  const groupsOf = (titles: string[]) => groupIdeas(ideasFromTitles(titles), SIMILARITY_THRESHOLD, lexicon);
  const groupsOfWords = (titles: string[]) => groupIdeas(ideasFromTitles(titles));

  it('absorbs typos', () => {
    expect(groupsOf(['Chatbot for HR questions', 'HR questions chatbott'])).toHaveLength(1);
    expect(groupsOf(['Summarise meeting notes', 'Sumarise meeting notes'])).toHaveLength(1);
  });

  it('counts the same words in another order as the same idea, with one more person', () => {
    const ideas = ideasFromTitles(['Meeting notes summary', 'Summary of meeting notes']);
    expect(ideas).toEqual([{ key: 'meet not summary', title: 'Meeting notes summary', weight: 2 }]);
  });

  it('groups near-duplicates', () => {
    const groups = groupsOf(['Draft replies to customer emails', 'Draft first replies to routine customer emails']);
    expect(groups).toHaveLength(1);
    expect(groups[0].weight).toBe(2);
  });

  it('groups synonyms and other word forms through the vocabulary, which the words alone do not', () => {
    for (const pair of [
      ['Flag suspicious invoices', 'Invoice fraud detection'],
      ['Meeting recap', 'Meeting summaries'],
      ['Route IT tickets', 'IT incident triage'],
      ['Classify inbox messages', 'Sort incoming mail'],
      ['Predict staff attrition', 'Employee churn forecast'],
    ]) {
      expect(groupsOf(pair)).toHaveLength(1);
      expect(groupsOfWords(pair)).toHaveLength(2);
    }
  });

  it('gives a typo of a vocabulary word its concept', () => {
    expect(groupsOf(['Sumarise sales meetings', 'Sales meeting recap'])).toHaveLength(1);
  });

  it('keeps apart ideas that share only one word or concept', () => {
    expect(groupsOf(['Customer email triage', 'Customer churn forecast'])).toHaveLength(2);
    expect(groupsOf(['Contract review', 'Code review'])).toHaveLength(2);
    expect(groupsOf(['Invoice data extraction', 'Invoice fraud detection'])).toHaveLength(2);
    expect(groupsOf(['Bill payment reminders', 'Invoice fraud detection'])).toHaveLength(2);
  });

  it('keeps apart ideas that do different work on the same thing', () => {
    expect(groupsOf(['Customer email triage', 'Customer email replies'])).toHaveLength(2);
    expect(groupsOf(['Summarise supplier contracts', 'Review supplier contracts'])).toHaveLength(2);
    // The words alone put them together: they share two words of three.
    expect(groupsOfWords(['Customer email triage', 'Customer email replies'])).toHaveLength(1);
  });

  it('anchors a group at its heaviest idea (tie: fewest words, then the smaller key), the id from that key', () => {
    const ideas: Idea[] = [
      { key: 'contract review', title: 'Contract review', weight: 2 },
      { key: 'contract review supplier', title: 'Reviewing supplier contracts', weight: 3 },
      { key: 'claus contract review', title: 'Contract clause review', weight: 3 },
    ];
    const [group] = groupIdeas(ideas);
    expect(group.anchorKey).toBe('claus contract review');
    expect(group.id).toBe(groupId('claus contract review'));
    expect(group.id).toMatch(/^[0-9a-f]{12}$/);
    expect(group.members.map((member) => member.key)).toEqual([
      'claus contract review',
      'contract review supplier',
      'contract review',
    ]);
    expect(group.weight).toBe(8);
    const plainest = groupIdeas([
      ...ideas,
      { key: 'contract review vendor', title: 'Vendor contract review', weight: 3 },
    ]);
    expect(plainest[0].anchorKey).toBe('claus contract review');
    const shorter = groupIdeas([{ ...ideas[0], weight: 3 }, ...ideas.slice(1)]);
    expect(shorter[0].anchorKey).toBe('contract review');
  });

  it('ranks groups by the people behind them', () => {
    const groups = groupsOf(['Code review', 'Contract review', 'Contract review', 'Contracts review']);
    expect(groups.map((group) => [group.anchorKey, group.weight])).toEqual([
      ['contract review', 3],
      ['cod review', 1],
    ]);
  });

  it('refuses two ideas with one key', () => {
    const idea = { key: 'cod review', title: 'Code review', weight: 1 };
    expect(() => groupIdeas([idea, { ...idea, title: 'Code reviews' }])).toThrow(/one idea per key/);
  });
});

describe('groupIdeas when new ideas arrive, with the vocabulary', () => {
  const newTitles = [
    'Draft replies to customer complaints',
    'HR chatbot for holiday questions',
    'Translate product documentation into Japanese',
    'Fleet route planning',
    'Summarise board meeting notes',
    'Podcast transcript summaries',
  ];

  it('keeps every group id and member, and adds the new ideas to the groups they resemble', () => {
    const before = groupIdeas(ideasFromTitles(corpusTitles), SIMILARITY_THRESHOLD, lexicon);
    const after = groupIdeas(ideasFromTitles([...corpusTitles, ...newTitles]), SIMILARITY_THRESHOLD, lexicon);
    const afterById = new Map(after.map((group) => [group.id, group]));
    for (const group of before) {
      const keys = afterById.get(group.id)?.members.map((member) => member.key);
      expect(keys).toEqual(expect.arrayContaining(group.members.map((member) => member.key)));
    }
    expect(groupWith(after, 'HR chatbot for holiday questions')?.id).toBe(
      groupWith(before, 'HR questions chatbott')?.id,
    );
    expect(groupWith(after, 'Summarise board meeting notes')?.id).toBe(groupWith(before, 'Meeting notes summary')?.id);
    expect(groupWith(after, 'Fleet route planning')?.members).toHaveLength(1);
  });

  it('moves the anchor, and so the id, when an idea with more people joins', () => {
    const before = groupIdeas(ideasFromTitles(['Contract review', 'Contract review', 'Supplier contract review']));
    const after = groupIdeas(
      ideasFromTitles(['Contract review', 'Contract review', ...Array(3).fill('Supplier contract review')]),
    );
    expect(before.map((group) => group.anchorKey)).toEqual(['contract review']);
    expect(after.map((group) => [group.anchorKey, group.id])).toEqual([
      ['contract review supplier', groupId('contract review supplier')],
    ]);
  });
});

describe('ideasFromTitles', () => {
  it('counts the people per key, shows the commonest spelling and skips titles with no words', () => {
    expect(ideasFromTitles(['code review', 'Code review', 'Code review ', 'Code reviews', '???'])).toEqual([
      { key: 'cod review', title: 'Code review', weight: 4 },
    ]);
  });
});
