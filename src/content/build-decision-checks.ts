import { firstMatchingRule, recommendationField } from './build-decision';
import { pointerSegment } from './content-pack-error';
import type {
  BuildDecision,
  ChoiceField,
  ContentPack,
  DecisionRule,
  Question,
  RecommendationField,
  RowsQuestion,
} from './types';

type Report = (path: string, message: string) => void;

const BASE = '/buildDecision';

/** Up to this many combinations of answers are tried one by one; beyond it the rules must end with a catch-all. */
const MAX_COMBINATIONS = 20_000;

/** A recommendation field sits in the question the build decision names, once, and its former options stay apart. */
export function checkRecommendationField(
  field: RecommendationField,
  owner: RowsQuestion,
  path: string,
  pack: ContentPack,
  report: Report,
): void {
  const decision = pack.buildDecision;
  if (decision === undefined)
    return report(`${path}/kind`, `a recommendation field needs a build decision in ${BASE} to work it out`);
  if (decision.question !== owner.id)
    return report(
      `${path}/kind`,
      `only question "${decision.question}" (named by ${BASE}/question) can hold a recommendation field`,
    );
  if (recommendationField(owner) !== field) report(`${path}/kind`, 'a question holds at most one recommendation field');
  const values = new Set<string>();
  field.formerOptions?.forEach((option, o) => {
    const at = `${path}/formerOptions/${o}/value`;
    if (values.has(option.value)) report(at, `duplicate former option value "${option.value}"`);
    else if (decision.approaches.some((approach) => approach.id === option.value))
      report(at, `"${option.value}" is also an approach id: a stored "${option.value}" would read as the approach`);
    values.add(option.value);
  });
}

/** The build decision's references, then that its rules give every combination of answers an approach. */
export function checkBuildDecision(
  pack: ContentPack,
  find: (questionId: string) => Question | undefined,
  report: Report,
): void {
  const decision = pack.buildDecision;
  if (decision === undefined) return;
  const question = find(decision.question);
  if (question === undefined) return report(`${BASE}/question`, `unknown question "${decision.question}"`);
  if (question.kind !== 'rows')
    return report(`${BASE}/question`, `question "${question.id}" is a ${question.kind} question, not a rows question`);
  if (recommendationField(question) === undefined)
    report(`${BASE}/question`, `question "${question.id}" has no recommendation field to hold the approach`);
  const inputs = decisionInputs(decision, question, report);
  const approachesSound = checkApproaches(decision, report);
  const rulesSound = decision.rules
    .map((rule, r) => checkRule(rule, `${BASE}/rules/${r}`, decision, inputs, report))
    .every(Boolean);
  if (inputs.length === decision.fields.length && approachesSound && rulesSound) checkTotal(decision, inputs, report);
}

function decisionInputs(decision: BuildDecision, question: RowsQuestion, report: Report): ChoiceField[] {
  const inputs: ChoiceField[] = [];
  decision.fields.forEach((fieldId, f) => {
    const path = `${BASE}/fields/${f}`;
    const field = question.fields.find((candidate) => candidate.id === fieldId);
    if (field === undefined) report(path, `question "${question.id}" has no field "${fieldId}"`);
    else if (field.kind !== 'choice')
      report(path, `field "${fieldId}" is a ${field.kind} field; the decision's questions must be choice fields`);
    else if (inputs.includes(field)) report(path, `field "${fieldId}" is listed twice`);
    else inputs.push(field);
  });
  return inputs;
}

function checkApproaches(decision: BuildDecision, report: Report): boolean {
  const seen = new Set<string>();
  let sound = true;
  decision.approaches.forEach((approach, a) => {
    if (seen.has(approach.id)) {
      report(`${BASE}/approaches/${a}/id`, `duplicate approach id "${approach.id}"`);
      sound = false;
    }
    seen.add(approach.id);
  });
  return sound;
}

/** Whether the rule names only the decision's fields, their options and a known approach (problems reported). */
function checkRule(
  rule: DecisionRule,
  path: string,
  decision: BuildDecision,
  inputs: readonly ChoiceField[],
  report: Report,
): boolean {
  let sound = true;
  const problem = (at: string, message: string) => {
    report(at, message);
    sound = false;
  };
  if (!decision.approaches.some((approach) => approach.id === rule.approach)) {
    const known = decision.approaches.map((approach) => approach.id).join(', ');
    problem(`${path}/approach`, `unknown approach "${rule.approach}" (the decision defines: ${known})`);
  }
  for (const [fieldId, values] of Object.entries(rule.when)) {
    const at = `${path}/when/${pointerSegment(fieldId)}`;
    const input = inputs.find((candidate) => candidate.id === fieldId);
    if (!decision.fields.includes(fieldId)) {
      problem(at, `"${fieldId}" is not one of the decision's fields (${BASE}/fields)`);
      continue;
    }
    if (input === undefined) continue; // the field itself is reported under /buildDecision/fields
    values.forEach((value, v) => {
      if (!input.options.some((option) => option.value === value)) {
        const options = input.options.map((option) => option.value).join(', ');
        problem(`${at}/${v}`, `"${value}" is not an option of field "${fieldId}" (its options: ${options})`);
      }
    });
  }
  return sound;
}

/** Every combination of answers reaches an approach, and every rule decides at least one of them. */
function checkTotal(decision: BuildDecision, inputs: readonly ChoiceField[], report: Report): void {
  const domains = inputs.map((field) => [
    ...field.options.map((option): string | undefined => option.value),
    ...(field.required ? [] : [undefined]),
  ]);
  const count = domains.reduce((product, domain) => product * domain.length, 1);
  if (count > MAX_COMBINATIONS) {
    if (!decision.rules.some((rule) => Object.keys(rule.when).length === 0))
      report(
        `${BASE}/rules`,
        `the decision's fields give ${count} combinations of answers, too many to check one by one: end the rules with one whose "when" is empty`,
      );
    return;
  }
  const used = new Set<DecisionRule>();
  for (const answers of combinations(inputs, domains)) {
    const rule = firstMatchingRule(decision, answers);
    if (rule === undefined)
      return report(
        `${BASE}/rules`,
        `no rule matches ${describe(answers, inputs)}: add a rule for it, or end the rules with one whose "when" is empty`,
      );
    used.add(rule);
  }
  decision.rules.forEach((rule, r) => {
    if (!used.has(rule))
      report(`${BASE}/rules/${r}`, 'never applies: the rules before it already decide every row it matches');
  });
}

type Answers = Record<string, string | undefined>;

function combinations(inputs: readonly ChoiceField[], domains: readonly (string | undefined)[][]): Answers[] {
  let all: Answers[] = [{}];
  inputs.forEach((field, i) => {
    all = all.flatMap((partial) => (domains[i] ?? []).map((value) => ({ ...partial, [field.id]: value })));
  });
  return all;
}

function describe(answers: Answers, inputs: readonly ChoiceField[]): string {
  return inputs
    .map((field) => {
      const value = answers[field.id];
      return value === undefined ? `${field.id} unanswered` : `${field.id} "${value}"`;
    })
    .join(', ');
}
