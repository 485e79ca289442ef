import type { ContentIndex } from '../content/content-index';
import type { PathView } from '../content/path-view';
import type { ContentPack, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import type {
  AnswerItemView,
  MetricRowView,
  MyDataView,
  PathChoiceView,
  ReviewView,
  SummaryView,
  WelcomeView,
} from '../cards/view-models';
import { nextStepsLinks } from '../content/next-steps';
import { answerLines, fieldText } from './answer-text';
import { answeredOnPath } from './person-path';
import { useCaseViews } from './use-case-views';
import { personalReadiness, topRecommendations } from './readiness';

/** The welcome card: a greeting, the person's path with how long it takes, and how far they got on it. */
export function welcomeView(index: ContentIndex, answers: AnswerMap, path: PathView, userName: string): WelcomeView {
  const answeredCount = answeredOnPath(path, answers);
  return {
    userName,
    hasProgress: answeredCount > 0,
    answeredCount,
    totalCount: path.questionIds.size,
    path: pathChoiceView(path),
    otherPaths: index.paths.filter((other) => other.id !== path.id).map(pathChoiceView),
  };
}

/** A path as a person can choose it. */
export function pathChoiceView(path: PathView): PathChoiceView {
  return {
    id: path.id,
    label: path.label,
    description: path.description,
    questionCount: path.questionIds.size,
    ...(path.minutes === undefined ? {} : { minutes: path.minutes }),
  };
}

/** Every answered question with its answer as text, in questionnaire order. */
export function answerItems(index: ContentIndex, pack: ContentPack, answers: AnswerMap): AnswerItemView[] {
  return index.allQuestions().flatMap(({ question }) => {
    const value = answers[question.id];
    return value
      ? [{ questionId: question.id, question: question.text, answerLines: answerLines(question, value, pack, answers) }]
      : [];
  });
}

/** The review card: answered questions grouped by section, each with an Edit button. */
export function reviewView(index: ContentIndex, pack: ContentPack, answers: AnswerMap): ReviewView {
  const items = answerItems(index, pack, answers);
  return {
    sections: index.sections
      .map((section) => ({
        title: section.title,
        items: items.filter((item) => index.find(item.questionId)?.section.id === section.id),
      }))
      .filter((section) => section.items.length > 0),
  };
}

/** "My data": everything stored about the user: their answers, and what pulses and digests keep about them. */
export function myDataView(
  index: ContentIndex,
  pack: ContentPack,
  answers: AnswerMap,
  lastUpdated: string,
  other: MyDataView['other'],
): MyDataView {
  return { packId: pack.id, packVersion: pack.version, lastUpdated, answers: answerItems(index, pack, answers), other };
}

/**
 * The personal ambition & metrics card: wants, do-not-wants, use cases, metrics table, readiness and recommendations
 * from the questions of the person's path, and the pack's next-steps links.
 */
export function summaryView(index: ContentIndex, answers: AnswerMap, path: PathView, title: string): SummaryView {
  const { pack } = index;
  const { summary } = pack;
  const nextSteps = nextStepsLinks(summary);
  return {
    title,
    wants: statements(index, answers, summary.want),
    doNotWants: statements(index, answers, summary.doNotWant),
    useCases: useCaseViews(index, pack, answers),
    metrics: metricRows(index, pack, answers),
    readiness: personalReadiness(index, answers, path).map(({ title: section, mean, stage }) => ({
      section,
      mean,
      stage,
    })),
    recommendations: topRecommendations(index, answers, path),
    ...(nextSteps.length > 0 ? { nextSteps } : {}),
  };
}

/** Each row of a statements question as its text fields joined. */
function statements(index: ContentIndex, answers: AnswerMap, questionId: string): string[] {
  const question = index.find(questionId)?.question;
  const value = answers[questionId];
  if (question?.kind !== 'rows' || value?.kind !== 'rows') return [];
  const textIds = question.fields.filter((field) => field.kind === 'text').map((field) => field.id);
  return value.rows
    .map((row) =>
      textIds
        .map((id) => row[id])
        .filter((text): text is string => typeof text === 'string' && text !== '')
        .join(' '),
    )
    .filter((text) => text !== '');
}

function metricRows(index: ContentIndex, pack: ContentPack, answers: AnswerMap): MetricRowView[] {
  const { metrics, metricFields } = pack.summary;
  const question = index.find(metrics)?.question as RowsQuestion | undefined;
  const value = answers[metrics];
  if (!question || value?.kind !== 'rows') return [];
  const cell = (row: RowValue, fieldId: string) => {
    const field = question.fields.find((candidate) => candidate.id === fieldId);
    return (field && fieldText(field, row, pack, answers)) ?? '—';
  };
  return value.rows.map((row) => ({
    goal: cell(row, metricFields.goal),
    metric: cell(row, metricFields.metric),
    baseline: cell(row, metricFields.baseline),
    target: cell(row, metricFields.target),
    byWhen: cell(row, metricFields.timeFrame),
  }));
}
