import { firstMatchingRule, recommend, recommendationField } from '../../src/content/build-decision';
import { loadContentPack, type ContentPack, type RowsQuestion } from '../../src/content';
import { recommendationNote, rowText } from '../../src/strategy/answer-text';
import { withRecommendation } from '../../src/strategy/recommended-row';

const pack: ContentPack = loadContentPack();
const decision = pack.buildDecision;
if (decision === undefined) throw new Error('the default pack has no build decision');

const approachRows = pack.sections
  .flatMap((section) => section.considerations.flatMap((consideration) => consideration.questions))
  .find((question): question is RowsQuestion => question.id === 'dr-build-approach' && question.kind === 'rows');
if (approachRows === undefined) throw new Error('no rows question dr-build-approach');

/** A row's answers: a business process, no own data or model, developers, a few months; `change` overrides. */
const answers = (change: Record<string, string> = {}): Record<string, string> => ({
  users: 'process',
  'own-data': 'none',
  'custom-model': 'no',
  skills: 'developers',
  'time-to-value': 'months',
  ...change,
});

/** The option values of one guided field of the default pack. */
const optionsOf = (fieldId: string): string[] => {
  const field = approachRows.fields.find((candidate) => candidate.id === fieldId);
  if (field?.kind !== 'choice') throw new Error(`${fieldId} is not a choice field`);
  return field.options.map((option) => option.value);
};

/** Every combination of answers to the guided fields. */
function everyCombination(): Record<string, string>[] {
  let all: Record<string, string>[] = [{}];
  for (const fieldId of decision?.fields ?? [])
    all = all.flatMap((partial) => optionsOf(fieldId).map((value) => ({ ...partial, [fieldId]: value })));
  return all;
}

describe('the build decision of the default pack (CAF: define an AI technology strategy)', () => {
  it('asks five guided questions, each a choice field of the build-approach rows', () => {
    expect(decision.question).toBe('dr-build-approach');
    expect(decision.fields).toEqual(['users', 'own-data', 'custom-model', 'skills', 'time-to-value']);
    expect(decision.approaches.map((approach) => approach.id)).toEqual([
      'm365-copilot-saas',
      'copilot-studio',
      'ai-foundry-paas',
      'custom-model-iaas',
    ]);
    for (const approach of decision.approaches) {
      expect(approach.label).not.toBe('');
      expect(approach.why.length).toBeLessThanOrEqual(200);
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ['a model brought and run by the team → IaaS', { 'custom-model': 'own', skills: 'ml-infra' }, 'custom-model-iaas'],
    [
      'a model of its own even for personal productivity and no ML skills → IaaS',
      { users: 'individual', 'custom-model': 'own', skills: 'business', 'time-to-value': 'weeks' },
      'custom-model-iaas',
    ],
    ['a model tuned on own data → Foundry', { 'custom-model': 'tuned', skills: 'makers' }, 'ai-foundry-paas'],
    ['personal productivity on general knowledge → Copilot', { users: 'individual' }, 'm365-copilot-saas'],
    [
      'personal productivity on Microsoft 365 content → Copilot',
      { users: 'individual', 'own-data': 'm365', skills: 'ml-infra', 'time-to-value': 'later' },
      'm365-copilot-saas',
    ],
    [
      'personal productivity on data in other systems → a Copilot Studio agent',
      { users: 'individual', 'own-data': 'systems' },
      'copilot-studio',
    ],
    ['a business process with business users only → Copilot Studio', { skills: 'business' }, 'copilot-studio'],
    ['a business process with low-code makers → Copilot Studio', { skills: 'makers' }, 'copilot-studio'],
    ['a business process needed within weeks → Copilot Studio', { 'time-to-value': 'weeks' }, 'copilot-studio'],
    ['a business process, developers, a few months → Foundry', {}, 'ai-foundry-paas'],
    [
      'a business process on own data, ML engineers, no hurry → Foundry',
      { 'own-data': 'systems', skills: 'ml-infra', 'time-to-value': 'later' },
      'ai-foundry-paas',
    ],
  ])('%s', (_path, change, approach) => {
    const recommendation = recommend(pack, answers(change));
    const expected = decision.approaches.find((candidate) => candidate.id === approach);
    expect(recommendation).toEqual({ approach, label: expected?.label, why: expected?.why });
  });

  it('reaches every rule, and every approach, from some combination of answers', () => {
    const combinations = everyCombination();
    expect(combinations).toHaveLength(2 * 3 * 3 * 4 * 3);
    const rulesUsed = new Set(combinations.map((combination) => firstMatchingRule(decision, combination)));
    expect(rulesUsed).toEqual(new Set(decision.rules));
    const approaches = new Set(combinations.map((combination) => recommend(pack, combination)?.approach));
    expect([...approaches].sort()).toEqual(decision.approaches.map((approach) => approach.id).sort());
  });

  it('is deterministic: the same answers, in any key order, give the same approach', () => {
    for (const combination of everyCombination()) {
      const reversed = Object.fromEntries(Object.entries(combination).reverse());
      expect(recommend(pack, reversed)).toEqual(recommend(pack, combination));
    }
  });

  it('treats a missing or odd answer as unanswered: only the rules that do not ask about it can match', () => {
    expect(recommend(pack, {})?.approach).toBe('ai-foundry-paas');
    expect(recommend(pack, { users: 'individual' })?.approach).toBe('copilot-studio');
    expect(recommend(pack, answers({ 'custom-model': 'OWN' }))?.approach).toBe('ai-foundry-paas');
    expect(recommend(pack, { ...answers(), 'custom-model': ['own'] })?.approach).toBe('ai-foundry-paas');
    expect(recommend(pack, { ...answers(), skills: 3 })?.approach).toBe('ai-foundry-paas');
    expect(recommend(pack, Object.create({ 'custom-model': 'own' }) as Record<string, unknown>)?.approach).toBe(
      'ai-foundry-paas',
    );
  });

  it('gives nothing for a pack without a build decision, or a rule list that leaves a case open', () => {
    const withoutDecision = structuredClone(pack);
    delete withoutDecision.buildDecision;
    expect(recommend(withoutDecision, answers())).toBeUndefined();
    const open = { ...pack, buildDecision: { ...decision, rules: decision.rules.slice(0, 2) } };
    expect(recommend(open, answers())).toBeUndefined();
    expect(recommend(open, answers({ 'custom-model': 'tuned' }))?.approach).toBe('ai-foundry-paas');
  });
});

describe('a build-approach row as it is stored', () => {
  it('gets the approach worked out from its answers, next to the answers themselves', () => {
    const row = { 'use-case': 'u1', ...answers({ users: 'individual' }) };
    expect(withRecommendation(pack, approachRows, row)).toEqual({ ...row, approach: 'm365-copilot-saas' });
  });

  it('drops an approach the row came with and stores the worked-out one instead', () => {
    const row = { ...answers({ 'custom-model': 'own' }), approach: 'm365-copilot-saas' };
    expect(withRecommendation(pack, approachRows, row)).toEqual({ ...row, approach: 'custom-model-iaas' });
  });

  it('leaves rows of questions without a recommendation field as they are', () => {
    const useCases = pack.sections[2]?.considerations[0]?.questions[0];
    if (useCases?.kind !== 'rows') throw new Error('expected the use-case rows');
    expect(recommendationField(useCases)).toBeUndefined();
    const row = { title: 'Triage tickets', approach: 'anything' };
    expect(withRecommendation(pack, useCases, row)).toBe(row);
  });

  it('holds no approach when no rule matches (a pack whose rules are not checked)', () => {
    const open = { ...pack, buildDecision: { ...decision, rules: decision.rules.slice(0, 1) } };
    expect(withRecommendation(open, approachRows, { ...answers(), approach: 'ai-foundry-paas' })).toEqual(answers());
  });
});

describe('a build-approach row as a person reads it', () => {
  const useCases = { 'uc-use-cases': { kind: 'rows' as const, rows: [{ rowId: 'u1', title: 'Invoice triage' }] } };
  const field = recommendationField(approachRows);
  if (field === undefined) throw new Error('no recommendation field');

  it('with a recommendation: the approach and why under the row, the approach in the review line', () => {
    const row = { rowId: 'b1', 'use-case': 'u1', ...answers({ 'custom-model': 'own' }), approach: 'custom-model-iaas' };
    const iaas = decision.approaches.find((approach) => approach.id === 'custom-model-iaas');
    expect(recommendationNote(pack, field, row)).toBe(`Recommended: ${iaas?.label} — ${iaas?.why}`);
    const line = rowText(approachRows.fields, row, pack, useCases);
    expect(line.startsWith('Use case: Invoice triage · Who will use it: ')).toBe(true);
    expect(line.endsWith(` · Recommended approach: ${iaas?.label}`)).toBe(true);
  });

  it('stored before the guided questions: the approach chosen then, named as such', () => {
    const row = { rowId: 'b0', 'use-case': 'u1', approach: 'undecided' };
    expect(recommendationNote(pack, field, row)).toBe('Your earlier choice: Not decided yet');
    expect(rowText(approachRows.fields, row, pack, useCases)).toBe(
      'Use case: Invoice triage · Recommended approach: Not decided yet (your earlier choice)',
    );
  });

  it('an approach the pack no longer knows is shown by its id; a row without one has no line under it', () => {
    expect(recommendationNote(pack, field, { rowId: 'b2', approach: 'retired-approach' })).toBe(
      'Recommended approach: retired-approach',
    );
    expect(recommendationNote(pack, field, { rowId: 'b3', 'use-case': 'u1' })).toBeUndefined();
  });
});
