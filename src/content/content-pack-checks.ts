import type { ContentPackProblem } from './content-pack-error';
import { checkPaths } from './path-checks';
import type { ChoiceOption, ContentPack, Question, RowField, RowsQuestion } from './types';

interface LocatedQuestion {
  question: Question;
  path: string;
  /** Position in the whole questionnaire, to tell whether one question comes before another. */
  order: number;
}

interface Context {
  pack: ContentPack;
  questions: ReadonlyMap<string, LocatedQuestion>;
  report: (path: string, message: string) => void;
}

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
  const context: Context = { pack, questions, report };
  for (const entry of located) checkQuestion(entry, context);

  checkStages(pack, report);
  checkGoals(pack, report);
  checkPulseTemplates(context);
  checkSummary(context);
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

function unique(entries: ReadonlyArray<readonly [string, string]>, what: string, report: Context['report']): void {
  const first = new Map<string, string>();
  for (const [value, path] of entries) {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, path);
    else report(path, `duplicate ${what} "${value}" (first used at ${earlier})`);
  }
}

function checkOptions(options: readonly ChoiceOption[], path: string, report: Context['report']): void {
  unique(
    options.map((option, o) => [option.value, `${path}/options/${o}/value`]),
    'option value',
    report,
  );
}

function checkScale(scale: string, path: string, { pack, report }: Context): void {
  if (!Object.hasOwn(pack.scales, scale))
    report(path, `unknown scale "${scale}" (the pack defines: ${Object.keys(pack.scales).join(', ') || 'none'})`);
}

function checkQuestion({ question, path, order }: LocatedQuestion, context: Context): void {
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

function checkRows(question: RowsQuestion, path: string, order: number, context: Context): void {
  const { report } = context;
  unique(
    question.fields.map((field, f) => [field.id, `${path}/fields/${f}/id`]),
    'field id',
    report,
  );
  if (!question.fields.some((field) => field.required && field.page === 1)) {
    report(
      `${path}/fields`,
      'needs at least one required field on page 1, so that every row has something that identifies it',
    );
  }
  question.fields.forEach((field, f) => checkField(field, question, `${path}/fields/${f}`, order, context));
}

function checkField(field: RowField, owner: RowsQuestion, path: string, order: number, context: Context): void {
  const { pack, report } = context;
  switch (field.kind) {
    case 'rating':
      checkScale(field.scale, `${path}/scale`, context);
      break;
    case 'choice':
      checkOptions(field.options, path, report);
      break;
    case 'goal':
      if (pack.goals.length === 0) report(`${path}/kind`, 'a goal field needs at least one business goal in /goals');
      break;
    case 'timeFrame':
      if (pack.timeFrames.length === 0)
        report(`${path}/kind`, 'a timeFrame field needs at least one entry in /timeFrames');
      break;
    case 'metric': {
      const goal = owner.fields.find((candidate) => candidate.id === field.goalField);
      if (goal === undefined) report(`${path}/goalField`, `this row has no field "${field.goalField}"`);
      else if (goal.kind !== 'goal')
        report(`${path}/goalField`, `field "${goal.id}" is a ${goal.kind} field, not a goal field`);
      // The suggested metrics depend on the chosen goal, and a card cannot refilter its choices, so the metric needs a later card.
      else if (goal.page >= field.page)
        report(`${path}/page`, `must be on a later page than its goal field "${goal.id}" (page ${goal.page})`);
      break;
    }
    case 'rowRef':
      checkRowRef(field, owner, path, order, context);
      break;
    case 'text':
      break;
  }
}

function checkRowRef(
  field: Extract<RowField, { kind: 'rowRef' }>,
  owner: RowsQuestion,
  path: string,
  order: number,
  { questions, report }: Context,
): void {
  const target = questions.get(field.question);
  if (target === undefined) return report(`${path}/question`, `unknown question "${field.question}"`);
  const referenced = target.question;
  if (referenced.kind !== 'rows')
    return report(
      `${path}/question`,
      `question "${referenced.id}" is a ${referenced.kind} question, not a rows question`,
    );
  if (referenced.id === owner.id) return report(`${path}/question`, 'a row cannot point at rows of its own question');
  if (target.order > order)
    return report(
      `${path}/question`,
      `question "${referenced.id}" comes later in the pack; a row can only point at rows answered earlier`,
    );
  const title = referenced.fields.find((candidate) => candidate.id === field.titleField);
  if (title === undefined)
    return report(`${path}/titleField`, `question "${referenced.id}" has no field "${field.titleField}"`);
  if (title.kind !== 'text' || !title.required)
    report(
      `${path}/titleField`,
      `field "${title.id}" of question "${referenced.id}" must be a required text field to name its rows`,
    );
}

function checkStages({ stages }: ContentPack, report: Context['report']): void {
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

function checkGoals({ goals, timeFrames }: ContentPack, report: Context['report']): void {
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

function checkPulseTemplates({ pack, questions, report }: Context): void {
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

function checkSummary({ pack, questions, report }: Context): void {
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
  const metrics = rowsQuestion(summary.metrics, '/summary/metrics');
  if (metrics === undefined) return;
  for (const [column, fieldId] of Object.entries(summary.metricFields)) {
    if (!metrics.fields.some((field) => field.id === fieldId))
      report(`/summary/metricFields/${column}`, `question "${metrics.id}" has no field "${fieldId}"`);
  }
}
