import { checkRecommendationField } from './build-decision-checks';
import { checkOptions, checkScale, unique, type CheckContext } from './check-context';
import type { ConsentField, RowField, RowRefField, RowsQuestion } from './types';

/** The rules of a rows question's fields that the JSON Schema cannot express. */
export function checkRows(question: RowsQuestion, path: string, order: number, context: CheckContext): void {
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

function checkField(field: RowField, owner: RowsQuestion, path: string, order: number, context: CheckContext): void {
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
    case 'consent':
      checkConsent(field, owner, path, context);
      break;
    case 'recommendation':
      checkRecommendationField(field, owner, path, pack, report);
      break;
    case 'text':
      break;
  }
}

/** A consent field says whether the row's words may be shown: it can always be turned off, and there is one per row. */
function checkConsent(field: ConsentField, owner: RowsQuestion, path: string, { report }: CheckContext): void {
  if (field.required)
    report(`${path}/required`, 'a consent field cannot be required: saying no must always be possible');
  const first = owner.fields.find((candidate) => candidate.kind === 'consent');
  if (first !== field)
    report(`${path}/kind`, `a row takes one consent field; "${first?.id}" already asks whether the row is shared`);
  if (!owner.fields.some((candidate) => candidate.kind === 'text'))
    report(`${path}/kind`, 'a consent field needs a text field in its row: it decides whether those words are shared');
}

function checkRowRef(
  field: RowRefField,
  owner: RowsQuestion,
  path: string,
  order: number,
  { questions, report }: CheckContext,
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
