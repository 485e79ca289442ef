import { lexiconProblems } from '../portfolio/concept-lexicon';
import { checkBuildDecision } from './build-decision-checks';
import {
  checkOptions,
  checkScale,
  unique,
  type CheckContext,
  type LocatedQuestion,
  type Report,
} from './check-context';
import type { ContentPackProblem } from './content-pack-error';
import { checkPaths } from './path-checks';
import { checkRows } from './row-checks';
import type { ContentPack, RowsQuestion, SummaryQuestion } from './types';

/** The rules the JSON Schema cannot express (unique ids, cross-references, stage order); returns every problem found. */
export function checkContentPack(pack: ContentPack): ContentPackProblem[] {
  const problems: ContentPackProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const located = locateQuestions(pack);

  unique(
    pack.sections.map((section, s) => [section.id, `/sections/${s}/id`]),
    'section id',
    report,
  );
  unique(
    pack.sections.flatMap((section, s) =>
      section.considerations.map((consideration, c): [string, string] => [
        consideration.id,
        `/sections/${s}/considerations/${c}/id`,
      ]),
    ),
    'consideration id',
    report,
  );
  unique(
    located.map(({ question, path }) => [question.id, `${path}/id`]),
    'question id',
    report,
  );

  const questions = new Map<string, LocatedQuestion>();
  for (const entry of located) if (!questions.has(entry.question.id)) questions.set(entry.question.id, entry);
  const context: CheckContext = { pack, questions, report };
  for (const entry of located) checkQuestion(entry, context);

  checkStages(pack, report);
  checkGoals(pack, report);
  checkPulseTemplates(context);
  checkSummary(context);
  checkBuildDecision(pack, (id) => questions.get(id)?.question, report);
  checkSynonyms(pack, report);
  checkPaths(pack, [...questions.keys()], report);
  return problems;
}

function locateQuestions(pack: ContentPack): LocatedQuestion[] {
  const located: LocatedQuestion[] = [];
  pack.sections.forEach((section, s) =>
    section.considerations.forEach((consideration, c) =>
      consideration.questions.forEach((question, q) => {
        located.push({ question, path: `/sections/${s}/considerations/${c}/questions/${q}`, order: located.length });
      }),
    ),
  );
  return located;
}

function checkQuestion({ question, path, order }: LocatedQuestion, context: CheckContext): void {
  switch (question.kind) {
    case 'rating':
      checkScale(question.scale, `${path}/scale`, context);
      break;
    case 'single':
      checkOptions(question.options, path, context.report);
      break;
    case 'multi':
      checkOptions(question.options, path, context.report);
      if (question.exclusive !== undefined && !question.options.some((option) => option.value === question.exclusive)) {
        context.report(`${path}/exclusive`, `"${question.exclusive}" is not one of this question's option values`);
      }
      break;
    case 'text':
      break;
    case 'rows':
      checkRows(question, path, order, context);
      break;
  }
}

function checkStages({ stages }: ContentPack, report: Report): void {
  unique(
    stages.map((stage, s) => [stage.id, `/stages/${s}/id`]),
    'stage id',
    report,
  );
  const first = stages[0];
  if (first !== undefined && first.minMean !== 1)
    report('/stages/0/minMean', `the first stage must start at 1, the lowest rating (found ${first.minMean})`);
  stages.forEach((stage, s) => {
    const previous = stages[s - 1];
    if (previous !== undefined && stage.minMean <= previous.minMean) {
      report(
        `/stages/${s}/minMean`,
        `must be greater than the previous stage's minMean (${previous.minMean}); stages are listed in ascending order`,
      );
    }
  });
}

function checkGoals({ goals, timeFrames }: ContentPack, report: Report): void {
  unique(
    goals.map((goal, g) => [goal.value, `/goals/${g}/value`]),
    'goal value',
    report,
  );
  goals.forEach((goal, g) =>
    unique(
      goal.metrics.map((metric, m) => [metric.value, `/goals/${g}/metrics/${m}/value`]),
      'metric value',
      report,
    ),
  );
  unique(
    timeFrames.map((timeFrame, t) => [timeFrame.value, `/timeFrames/${t}/value`]),
    'time frame value',
    report,
  );
}

function checkPulseTemplates({ pack, questions, report }: CheckContext): void {
  unique(
    pack.pulseTemplates.map((template, t) => [template.id, `/pulseTemplates/${t}/id`]),
    'pulse template id',
    report,
  );
  pack.pulseTemplates.forEach((template, t) => {
    const path = `/pulseTemplates/${t}/questions`;
    unique(
      template.questions.map((id, q) => [id, `${path}/${q}`]),
      'question in this template',
      report,
    );
    template.questions.forEach((id, q) => {
      const target = questions.get(id);
      if (target === undefined) report(`${path}/${q}`, `unknown question "${id}"`);
      else if (target.question.kind !== 'rating' && target.question.kind !== 'single') {
        report(
          `${path}/${q}`,
          `question "${id}" is a ${target.question.kind} question; pulse templates take only rating or single-choice questions`,
        );
      }
    });
  });
}

function checkSummary({ pack, questions, report }: CheckContext): void {
  const rowsQuestion = (id: string, path: string): RowsQuestion | undefined => {
    const target = questions.get(id)?.question;
    if (target === undefined) report(path, `unknown question "${id}"`);
    else if (target.kind !== 'rows') report(path, `question "${id}" is a ${target.kind} question, not a rows question`);
    else return target;
    return undefined;
  };
  const { summary } = pack;
  rowsQuestion(summary.want, '/summary/want');
  rowsQuestion(summary.doNotWant, '/summary/doNotWant');
  const listed = (list: SummaryQuestion[] | undefined, name: string, kinds: string[]) =>
    list?.forEach(({ question }, i) => {
      const kind = questions.get(question)?.question.kind;
      if (kind === undefined) report(`/summary/${name}/${i}/question`, `unknown question "${question}"`);
      else if (!kinds.includes(kind))
        report(
          `/summary/${name}/${i}/question`,
          `question "${question}" is a ${kind} question, not ${kinds.join(' or ')}`,
        );
    });
  listed(summary.themes, 'themes', ['text']);
  listed(summary.counts, 'counts', ['single', 'multi']);
  const metrics = rowsQuestion(summary.metrics, '/summary/metrics');
  if (metrics === undefined) return;
  for (const [column, fieldId] of Object.entries(summary.metricFields)) {
    if (!metrics.fields.some((field) => field.id === fieldId))
      report(`/summary/metricFields/${column}`, `question "${metrics.id}" has no field "${fieldId}"`);
  }
}

/** Each word of the portfolio's synonym lists names one concept, and each entry has a word the grouping reads. */
function checkSynonyms({ portfolio }: ContentPack, report: Report): void {
  const path = (list: string, group: number, entry: number) => `/portfolio/${list}/${group}/${entry}`;
  for (const { list, group, entry, message } of lexiconProblems(portfolio ?? {}, path))
    report(path(list, group, entry), message);
}
