import type { ContentIndex } from '../content/content-index';
import type { ContentPack, RowsQuestion } from '../content/types';
import type { AnswerMap, RowValue } from '../domain/answers';
import type {
  AnswerItemView,
  MetricRowView,
  MyDataView,
  ReviewView,
  SummaryView,
  WelcomeView,
} from '../cards/view-models';
import { nextStepsLinks } from '../content/next-steps';
import { answerLines, fieldText } from './answer-text';
import { useCaseViews } from './use-case-views';
import { personalReadiness, topRecommendations } from './readiness';

/** The welcome card: a greeting and how far the user has got. */
export function welcomeView(index: ContentIndex, answers: AnswerMap, userName: string): WelcomeView {
  const answeredCount = index.allQuestions().filter(({ question }) => answers[question.id] !== undefined).length;
  return { userName, hasProgress: answeredCount > 0, answeredCount, totalCount: index.allQuestions().length };
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
 * The personal ambition & metrics card: wants, do-not-wants, use cases, metrics table, readiness, recommendations and
 * the pack's next-steps links.
 */
export function summaryView(index: ContentIndex, pack: ContentPack, answers: AnswerMap, title: string): SummaryView {
  const { summary } = pack;
  const nextSteps = nextStepsLinks(summary);
  return {
    title,
    wants: statements(index, answers, summary.want),
    doNotWants: statements(index, answers, summary.doNotWant),
    useCases: useCaseViews(index, pack, answers),
    metrics: metricRows(index, pack, answers),
    readiness: personalReadiness(index, answers).map(({ title: section, mean, stage }) => ({ section, mean, stage })),
    recommendations: topRecommendations(index, answers),
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
