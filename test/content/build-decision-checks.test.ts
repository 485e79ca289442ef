/**
 * The build decision is checked when the pack loads: the JSON Schema for its shape, the pack checks for what the schema
 * cannot say (references to the rows question, its choice fields and options, known approaches, and a tree that gives
 * every combination of answers an approach). A broken decision stops start-up with the JSON path and what is wrong.
 */
import { ContentPackError, validateContentPack, type ContentPack, type RowsQuestion } from '../../src/content';
import type { BuildDecision, ChoiceField, RowField } from '../../src/content/types';
import { defaultPackCopy } from './pack-files';

/** Where dr-build-approach sits in the default pack (decision framework, its first question). */
const APPROACH = '/sections/6/considerations/0/questions/0';

function approachRows(pack: ContentPack): RowsQuestion {
  const question = pack.sections[6]?.considerations[0]?.questions[0];
  if (question?.kind !== 'rows' || question.id !== 'dr-build-approach') throw new Error('dr-build-approach moved');
  return question;
}

function decisionOf(pack: ContentPack): BuildDecision {
  if (pack.buildDecision === undefined) throw new Error('the default pack has no build decision');
  return pack.buildDecision;
}

function fieldOf(pack: ContentPack, id: string): RowField {
  const field = approachRows(pack).fields.find((candidate) => candidate.id === id);
  if (field === undefined) throw new Error(`no field ${id}`);
  return field;
}

function choiceField(pack: ContentPack, id: string): ChoiceField {
  const field = fieldOf(pack, id);
  if (field.kind !== 'choice') throw new Error(`${id} is not a choice field`);
  return field;
}

/** The problems reported for a copy of the default pack changed by `mutate` (fails when it still loads). */
function problemsAfter(mutate: (pack: ContentPack) => void): string[] {
  const pack = defaultPackCopy();
  mutate(pack);
  try {
    validateContentPack(pack, 'broken-pack.json');
  } catch (error) {
    if (!(error instanceof ContentPackError)) throw error;
    return error.problems.map(({ path, message }) => `${path}: ${message}`);
  }
  throw new Error('expected the pack to be rejected');
}

describe('the default build decision', () => {
  it('passes every check', () => {
    expect(() => validateContentPack(defaultPackCopy(), 'default')).not.toThrow();
  });
});

describe('a build decision with broken references is rejected', () => {
  it('a rule that names an approach the decision lacks', () => {
    expect(
      problemsAfter((pack) => {
        decisionOf(pack).rules[2]!.approach = 'outsource';
      }),
    ).toEqual([
      '/buildDecision/rules/2/approach: unknown approach "outsource" (the decision defines: m365-copilot-saas, copilot-studio, ai-foundry-paas, custom-model-iaas)',
    ]);
  });

  it('a rule that asks about a field the decision does not list, or an option its field lacks', () => {
    expect(
      problemsAfter((pack) => {
        const rules = decisionOf(pack).rules;
        rules[0]!.when = { budget: ['small'] };
        rules[4]!.when = { skills: ['business', 'wizards'] };
      }),
    ).toEqual([
      `/buildDecision/rules/0/when/budget: "budget" is not one of the decision's fields (/buildDecision/fields)`,
      '/buildDecision/rules/4/when/skills/1: "wizards" is not an option of field "skills" (its options: business, makers, developers, ml-infra)',
    ]);
  });

  it('a listed field that the question lacks, that is not a choice field, or that is listed twice (and one left out)', () => {
    expect(
      problemsAfter((pack) => {
        decisionOf(pack).fields = ['users', 'budget', 'use-case', 'skills', 'skills', 'own-data', 'custom-model'];
      }),
    ).toEqual([
      '/buildDecision/fields/1: question "dr-build-approach" has no field "budget"',
      '/buildDecision/fields/2: field "use-case" is a rowRef field; the decision\'s questions must be choice fields',
      '/buildDecision/fields/4: field "skills" is listed twice',
      `/buildDecision/rules/5/when/time-to-value: "time-to-value" is not one of the decision's fields (/buildDecision/fields)`,
    ]);
  });

  it('a decision on an unknown question, or on a question that is not rows', () => {
    expect(problemsAfter((pack) => (decisionOf(pack).question = 'dr-nothing'))).toEqual([
      `${APPROACH}/fields/6/kind: only question "dr-nothing" (named by /buildDecision/question) can hold a recommendation field`,
      '/buildDecision/question: unknown question "dr-nothing"',
    ]);
    expect(problemsAfter((pack) => (decisionOf(pack).question = 'dr-decision-process'))).toContain(
      '/buildDecision/question: question "dr-decision-process" is a rating question, not a rows question',
    );
  });

  it('a decision whose question has no recommendation field to hold the approach', () => {
    expect(
      problemsAfter((pack) => {
        approachRows(pack).fields = approachRows(pack).fields.filter((field) => field.kind !== 'recommendation');
      }),
    ).toEqual([
      '/buildDecision/question: question "dr-build-approach" has no recommendation field to hold the approach',
    ]);
  });

  it('a recommendation field without a decision, twice in a question, or in another question', () => {
    expect(problemsAfter((pack) => delete pack.buildDecision)).toEqual([
      `${APPROACH}/fields/6/kind: a recommendation field needs a build decision in /buildDecision to work it out`,
    ]);
    expect(
      problemsAfter((pack) => {
        approachRows(pack).fields.push({ id: 'again', kind: 'recommendation', label: 'Again' });
      }),
    ).toEqual([`${APPROACH}/fields/7/kind: a question holds at most one recommendation field`]);
    const shipped = defaultPackCopy().sections[2]?.considerations[0]?.questions[0];
    const useCaseFields = shipped?.kind === 'rows' ? shipped.fields.length : -1;
    expect(
      problemsAfter((pack) => {
        const useCases = pack.sections[2]?.considerations[0]?.questions[0];
        if (useCases?.kind === 'rows') useCases.fields.push({ id: 'approach', kind: 'recommendation', label: 'Fit' });
      }),
    ).toEqual([
      `/sections/2/considerations/0/questions/0/fields/${useCaseFields}/kind: only question "dr-build-approach" (named by /buildDecision/question) can hold a recommendation field`,
    ]);
  });

  it('duplicate approach ids, and a former option that reads as an approach', () => {
    expect(
      problemsAfter((pack) => {
        decisionOf(pack).approaches[3]!.id = 'copilot-studio';
        const approach = fieldOf(pack, 'approach');
        if (approach.kind === 'recommendation') approach.formerOptions![1]!.value = 'ai-foundry-paas';
      }),
    ).toEqual([
      `${APPROACH}/fields/6/formerOptions/1/value: "ai-foundry-paas" is also an approach id: a stored "ai-foundry-paas" would read as the approach`,
      '/buildDecision/approaches/3/id: duplicate approach id "copilot-studio"',
      '/buildDecision/rules/0/approach: unknown approach "custom-model-iaas" (the decision defines: m365-copilot-saas, copilot-studio, ai-foundry-paas, copilot-studio)',
    ]);
  });
});

describe('a build decision that leaves a row without an approach is rejected', () => {
  it('no catch-all and a combination no rule covers: the first such combination is named', () => {
    expect(problemsAfter((pack) => decisionOf(pack).rules.pop())).toEqual([
      '/buildDecision/rules: no rule matches users "process", own-data "none", custom-model "no", skills "developers", time-to-value "months": add a rule for it, or end the rules with one whose "when" is empty',
    ]);
  });

  it('an optional guided field counts "unanswered" as one more answer to cover', () => {
    expect(
      problemsAfter((pack) => {
        choiceField(pack, 'time-to-value').required = false;
        decisionOf(pack).rules.at(-1)!.when = { 'time-to-value': ['weeks', 'months', 'later'] };
      }),
    ).toEqual([
      '/buildDecision/rules: no rule matches users "process", own-data "none", custom-model "no", skills "developers", time-to-value unanswered: add a rule for it, or end the rules with one whose "when" is empty',
    ]);
  });

  it('a rule that earlier rules leave nothing to decide', () => {
    expect(
      problemsAfter((pack) => {
        const rules = decisionOf(pack).rules;
        rules.splice(1, 0, { when: { 'custom-model': ['own'], users: ['individual'] }, approach: 'copilot-studio' });
        rules.push({ when: { skills: ['business'] }, approach: 'm365-copilot-saas' });
      }),
    ).toEqual([
      '/buildDecision/rules/1: never applies: the rules before it already decide every row it matches',
      '/buildDecision/rules/8: never applies: the rules before it already decide every row it matches',
    ]);
  });

  it('too many combinations to try one by one: a catch-all rule is required', () => {
    const manyOptions = Array.from({ length: 20 }, (_, index) => ({ value: `o${index}`, label: `Option ${index}` }));
    const widen = (pack: ContentPack) => {
      for (const id of ['users', 'own-data', 'custom-model', 'skills']) choiceField(pack, id).options = manyOptions;
      decisionOf(pack).rules = [{ when: { users: ['o1'] }, approach: 'copilot-studio' }];
    };
    expect(problemsAfter(widen)).toEqual([
      '/buildDecision/rules: the decision\'s fields give 480000 combinations of answers, too many to check one by one: end the rules with one whose "when" is empty',
    ]);
    const pack = defaultPackCopy();
    widen(pack);
    decisionOf(pack).rules.push({ when: {}, approach: 'ai-foundry-paas' });
    expect(() => validateContentPack(pack, 'wide-pack.json')).not.toThrow();
  });
});

describe('the schema holds the decision to its shape', () => {
  it('an approach without its why, a rule without an approach, a condition with no values or a bad field id', () => {
    expect(
      problemsAfter((pack) => {
        const decision = decisionOf(pack);
        delete (decision.approaches[0] as { why?: string }).why;
        delete (decision.rules[0] as { approach?: string }).approach;
        decision.rules[1]!.when = { 'custom-model': [] };
        decision.rules[2]!.when = { 'Own Data': ['none'] };
      }),
    ).toEqual([
      '/buildDecision/approaches/0/why: is required',
      '/buildDecision/rules/0/approach: is required',
      '/buildDecision/rules/1/when/custom-model: must NOT have fewer than 1 items',
      '/buildDecision/rules/2/when/Own Data: is not a valid id (lowercase letters, digits and hyphens)',
    ]);
  });

  it('a recommendation field takes no page, required flag or options', () => {
    expect(
      problemsAfter((pack) => {
        Object.assign(fieldOf(pack, 'approach'), { page: 1, options: [] });
      }),
    ).toEqual([
      `${APPROACH}/fields/6/page: is not a known property here`,
      `${APPROACH}/fields/6/options: is not a known property here`,
    ]);
  });
});
