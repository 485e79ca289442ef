import { groupId, groupIdeas, ideasFromTitles, type IdeaGroup } from '../../src/portfolio/group-ideas';
import { normaliseTitle } from '../../src/portfolio/normalise-title';
import { applyEdits, type PortfolioEdit, type PortfolioGroup } from '../../src/portfolio/portfolio-edits';
import { CORPUS_FILES, labelledTitles, loadCorpus } from '../../scripts/portfolio-grouping/corpus';

const corpusTitles = labelledTitles(loadCorpus(CORPUS_FILES.main)).map(({ title }) => title);
const key = (title: string) => normaliseTitle(title).key;

function holdingKey<G extends IdeaGroup>(groups: readonly G[], wanted: string): G {
  const group = groups.find((candidate) => candidate.members.some((member) => member.key === wanted));
  if (!group) throw new Error(`no group holds "${wanted}"`);
  return group;
}

const holding = <G extends IdeaGroup>(groups: readonly G[], title: string): G => holdingKey(groups, key(title));

const keysOf = (group: IdeaGroup) => group.members.map((member) => member.key).sort();

/**
 * What leaders did: took the e-mail triage ideas out of the reply-drafting group and put them together, moved the
 * policy chatbots to policy search, renamed two groups and moved two along.
 */
const EDITS: PortfolioEdit[] = [
  { kind: 'rename', anchorKey: key('Draft replies to customer emails'), label: 'Customer email assistant' },
  { kind: 'split', key: key('Customer email triage') },
  { kind: 'split', key: key('Classify incoming customer emails') },
  { kind: 'merge', fromKey: key('Classify incoming customer emails'), intoKey: key('Customer email triage') },
  { kind: 'rename', anchorKey: key('Customer email triage'), label: 'Email triage' },
  {
    kind: 'merge',
    fromKey: key('Chatbot that answers questions on internal policies'),
    intoKey: key('Search internal policies in plain language'),
  },
  { kind: 'status', anchorKey: key('Meeting notes summary'), status: 'piloting' },
  { kind: 'status', anchorKey: key('Draft replies to customer emails'), status: 'shortlisted' },
];

/** What the edits must have done, whatever else arrived. */
function expectEditsHeld(groups: readonly PortfolioGroup[]): void {
  const email = holding(groups, 'Draft replies to customer emails');
  expect(email).toMatchObject({ label: 'Customer email assistant', renamed: true, status: 'shortlisted' });
  expect(holding(groups, 'Generate customer email replies')).toBe(email);
  const triage = holding(groups, 'Customer email triage');
  expect(triage).toMatchObject({ label: 'Email triage', status: 'idea' });
  expect(triage).not.toBe(email);
  expect(holding(groups, 'Classify incoming customer emails')).toBe(triage);
  const policyBot = holding(groups, 'Chatbot that answers questions on internal policies');
  expect(holding(groups, 'Search internal policies in plain language')).toBe(policyBot);
  expect(holding(groups, 'Policy Q&A chatbot')).toBe(policyBot);
  expect(holding(groups, 'Chatbot answering HR questions')).not.toBe(policyBot);
  expect(holding(groups, 'Meeting notes summary').status).toBe('piloting');
  expect(holding(groups, 'Supplier risk assessment')).toMatchObject({ status: 'idea', renamed: false });
}

describe('applyEdits', () => {
  it('renames, merges, splits and sets status on the groups holding the keys', () => {
    // Grouped by their words alone, the triage ideas sit with reply drafting.
    const groups = groupIdeas(ideasFromTitles(corpusTitles));
    const email = holding(groups, 'Draft replies to customer emails');
    expect(holding(groups, 'Customer email triage')).toBe(email);
    expect(holding(groups, 'Classify incoming customer emails')).toBe(email);
    const policyBot = holding(groups, 'Chatbot that answers questions on internal policies');
    expect(holding(groups, 'Search internal policies in plain language')).not.toBe(policyBot);

    const edited = applyEdits(groups, EDITS);
    expectEditsHeld(edited);
    expect(edited).toHaveLength(groups.length); // two split off, two merged away
    expect(keysOf(holding(edited, 'Draft replies to customer emails'))).toEqual(
      keysOf(email).filter(
        (member) => member !== key('Customer email triage') && member !== key('Classify incoming customer emails'),
      ),
    );
  });

  it('still does what the leaders meant after new ideas arrive and the groups are made again', () => {
    const more = [
      ...Array(2).fill('Customer email triage'),
      'Draft replies to customer complaints',
      'Summarise board meeting notes',
      'Policy chatbot for travel rules',
      'Fleet route planning',
    ];
    const regrouped = applyEdits(groupIdeas(ideasFromTitles([...corpusTitles, ...more])), EDITS);
    expectEditsHeld(regrouped);
    expect(holding(regrouped, 'Customer email triage').weight).toBeGreaterThan(
      holding(applyEdits(groupIdeas(ideasFromTitles(corpusTitles)), EDITS), 'Customer email triage').weight,
    );
    expect(holding(regrouped, 'Draft replies to customer complaints')).toBe(
      holding(regrouped, 'Draft replies to customer emails'),
    );
    expect(holding(regrouped, 'Summarise board meeting notes').status).toBe('piloting');
  });

  it('follows the keys when a regrouping gives a group another anchor', () => {
    const titles = [...corpusTitles, ...Array(5).fill('Customer email triage')];
    const regrouped = groupIdeas(ideasFromTitles(titles));
    // With eight people behind it (reply drafting has seven), triage now anchors the group reply drafting is in.
    expect(holding(regrouped, 'Draft replies to customer emails').anchorKey).toBe(key('Customer email triage'));

    const edited = applyEdits(regrouped, EDITS.slice(0, 2));
    expect(holding(edited, 'Draft replies to customer emails')).toMatchObject({
      anchorKey: key('Draft replies to customer emails'),
      label: 'Customer email assistant',
    });
    expect(holding(edited, 'Customer email triage')).toMatchObject({ label: 'Customer email triage', weight: 8 });
  });

  it('skips edits whose key is in no group and edits that change nothing', () => {
    const groups = groupIdeas(ideasFromTitles(corpusTitles));
    const untouched = applyEdits(groups, []);
    const lone = key('Legal research assistant');
    const edited = applyEdits(groups, [
      { kind: 'rename', anchorKey: 'no such idea', label: 'Ghost' },
      { kind: 'status', anchorKey: 'no such idea', status: 'live' },
      { kind: 'merge', fromKey: 'no such idea', intoKey: lone },
      { kind: 'merge', fromKey: lone, intoKey: 'no such idea' },
      { kind: 'merge', fromKey: key('Code review assistant'), intoKey: key('AI-assisted code review') },
      { kind: 'split', key: 'no such idea' },
      { kind: 'split', key: lone },
      { kind: 'rename', anchorKey: lone, label: '   ' },
    ]);
    expect(edited).toEqual(untouched);
    expect(untouched.every((group) => group.status === 'idea' && !group.renamed)).toBe(true);
    expect(untouched.map((group) => group.label)).toEqual(untouched.map((group) => group.members[0].title));
  });

  it('applies edits in their stored order', () => {
    const groups = groupIdeas(ideasFromTitles(['Contract review', 'Code review', 'Contract clause review']));
    const rename = (label: string): PortfolioEdit => ({ kind: 'rename', anchorKey: 'cod review', label });
    expect(holding(applyEdits(groups, [rename('First'), rename('Second')]), 'Code review').label).toBe('Second');

    const merge: PortfolioEdit = { kind: 'merge', fromKey: 'cod review', intoKey: 'contract review' };
    const split: PortfolioEdit = { kind: 'split', key: 'cod review' };
    expect(applyEdits(groups, [merge, split]).map(keysOf)).toEqual(applyEdits(groups, []).map(keysOf));
    expect(applyEdits(groups, [split, merge])).toHaveLength(1);
  });

  it('gives a merged group the name and status of the group merged into, and anchors it at its heaviest idea', () => {
    const groups = groupIdeas(ideasFromTitles(['Code review', 'Contract review', 'Contract review']));
    const [merged, ...others] = applyEdits(groups, [
      { kind: 'rename', anchorKey: 'contract review', label: 'Legal reviews' },
      { kind: 'status', anchorKey: 'cod review', status: 'live' },
      { kind: 'merge', fromKey: 'contract review', intoKey: 'cod review' },
    ]);
    expect(others).toEqual([]);
    expect(merged).toMatchObject({
      anchorKey: 'contract review',
      id: groupId('contract review'),
      weight: 3,
      label: 'Contract review',
      renamed: false,
      status: 'live',
    });
  });

  it('leaves the name and status with the rest of a group when an idea is split off, even its anchor', () => {
    const groups = groupIdeas(ideasFromTitles(['Contract review', 'Contract review', 'Supplier contract review']));
    const edited = applyEdits(groups, [
      { kind: 'rename', anchorKey: 'contract review', label: 'Contracts' },
      { kind: 'status', anchorKey: 'contract review', status: 'dropped' },
      { kind: 'split', key: 'contract review' },
    ]);
    expect(edited.map(({ anchorKey, label, status }) => ({ anchorKey, label, status }))).toEqual([
      { anchorKey: 'contract review', label: 'Contract review', status: 'idea' },
      { anchorKey: 'contract review supplier', label: 'Contracts', status: 'dropped' },
    ]);
  });

  it('keeps leaders’ build decision with the group: the latest wins, a merge keeps the target’s, a split-off has none', () => {
    const groups = groupIdeas(
      ideasFromTitles(['Code review', 'Contract review', 'Contract review', 'Supplier contract review']),
    );
    const decide = (anchorKey: string, approach: string): PortfolioEdit => ({
      kind: 'decide',
      anchorKey,
      answers: { users: 'process' },
      approach,
    });
    const edited = applyEdits(groups, [
      decide('contract review', 'copilot-studio'),
      decide('contract review', 'ai-foundry-paas'),
      decide('cod review', 'm365-copilot-saas'),
      { kind: 'merge', fromKey: 'cod review', intoKey: 'contract review' },
      { kind: 'split', key: 'contract review supplier' },
    ]);
    expect(edited.map(({ anchorKey, decision }) => ({ anchorKey, approach: decision?.approach }))).toEqual([
      { anchorKey: 'contract review', approach: 'ai-foundry-paas' },
      { anchorKey: 'contract review supplier', approach: undefined },
    ]);
  });
});
