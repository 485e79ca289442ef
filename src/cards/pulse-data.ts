import { fitLines } from './fit-budget';
import { pulseSeriesData } from './pulse-series-data';
import { actionLinesData } from './action-data';
import {
  CardDataError,
  safeBool,
  safeChoiceValue,
  safeId,
  safeInt,
  safeLine,
  safeList,
  safeObject,
  safeText,
} from './safe-text';

const LIMITS = { title: 200, text: 400, label: 200, description: 400, error: 400, comment: 2000, date: 60 };
const MAX_COUNT = 1_000_000;
const MAX_QUESTIONS = 40;
const MAX_CHOICES = 20;
const MAX_BANK = 200;
/** Comments share what is left of the card's size budget. */
const COMMENT_BUDGET = { totalBytes: 40_000, maxLineBytes: 2_500, minLineBytes: 200, maxLinesPerGroup: 200 };

/** Template data of the pulse setup card. */
export function pulseSetupData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const values = safeObject(view.values, 'values');
  const error = view.error === undefined ? '' : safeText(view.error, 'error', LIMITS.error);
  return {
    placeKind: safeLine(view.placeKind, 'placeKind', 40),
    timeZoneLabel: safeLine(view.timeZoneLabel, 'timeZoneLabel', LIMITS.date),
    templates: safeList(view.templates, 'templates', MAX_CHOICES, (item, path) => {
      const template = safeObject(item, path);
      return {
        id: safeChoiceValue(template.id, `${path}.id`),
        title: safeLine(template.title, `${path}.title`, LIMITS.title),
        description: safeLine(template.description, `${path}.description`, LIMITS.description),
      };
    }),
    bank: safeList(view.bank, 'bank', MAX_BANK, (item, path) => {
      const question = safeObject(item, path);
      return {
        id: safeChoiceValue(question.id, `${path}.id`),
        label: safeLine(question.label, `${path}.label`, LIMITS.label),
      };
    }),
    minQuestions: safeInt(view.minQuestions, 'minQuestions', 1, MAX_QUESTIONS),
    maxQuestions: safeInt(view.maxQuestions, 'maxQuestions', 1, MAX_QUESTIONS),
    token: safeId(view.token, 'token'),
    minThreshold: safeInt(view.minThreshold, 'minThreshold', 1, MAX_COUNT),
    templateValue: safeChoiceValue(values.templateId, 'values.templateId'),
    questionValue: safeList(values.questionIds, 'values.questionIds', MAX_BANK, (id, path) =>
      safeChoiceValue(id, path),
    ).join(','),
    deadlineDate: safeLine(values.deadlineDate, 'values.deadlineDate', LIMITS.date),
    deadlineTime: safeLine(values.deadlineTime, 'values.deadlineTime', LIMITS.date),
    threshold: safeInt(values.threshold, 'values.threshold', 0, MAX_COUNT),
    reminderValue: safeChoiceValue(values.reminder, 'values.reminder'),
    repeatValue: safeChoiceValue(values.repeat, 'values.repeat'),
    hasError: error !== '',
    error,
  };
}

/** Template data of the 1:1 pulse card (and its reminder). */
export function pulseResponseData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const questions = safeList(view.questions, 'questions', MAX_QUESTIONS, (item, path) => {
    const question = safeObject(item, path);
    return {
      id: safeChoiceValue(question.id, `${path}.id`),
      text: safeLine(question.text, `${path}.text`, LIMITS.text),
      choices: safeList(question.choices, `${path}.choices`, MAX_CHOICES, (choice, choicePath) => {
        const option = safeObject(choice, choicePath);
        return {
          value: safeChoiceValue(option.value, `${choicePath}.value`),
          label: safeLine(option.label, `${choicePath}.label`, LIMITS.label),
        };
      }),
    };
  });
  return {
    pulseId: safeId(view.pulseId, 'pulseId'),
    token: safeId(view.token, 'token'),
    title: safeLine(view.title, 'title', LIMITS.title),
    deadline: safeLine(view.deadline, 'deadline', LIMITS.date),
    threshold: safeInt(view.threshold, 'threshold', 0, MAX_COUNT),
    commentThreshold: safeInt(view.commentThreshold, 'commentThreshold', 0, MAX_COUNT),
    questionCount: questions.length,
    questions,
    allowComment: safeBool(view.allowComment, 'allowComment'),
    commentMaxLength: safeInt(view.commentMaxLength, 'commentMaxLength', 1, LIMITS.comment),
    isReminder: safeBool(view.isReminder, 'isReminder'),
  };
}

/** Template data of the channel's pulse card. */
export function pulseChannelData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const isOpen = safeBool(view.isOpen, 'isOpen');
  const isCancelled = safeBool(view.isCancelled, 'isCancelled');
  const responses = safeInt(view.responses, 'responses', 0, MAX_COUNT);
  const recipients = safeInt(view.recipients, 'recipients', 0, MAX_COUNT);
  return {
    pulseId: safeId(view.pulseId, 'pulseId'),
    title: safeLine(view.title, 'title', LIMITS.title),
    isOpen,
    statusLine: isCancelled
      ? 'This pulse was not sent: there are too few people here besides its sender for its anonymity threshold, so answers could have been traced back to someone.'
      : isOpen
        ? 'Everyone here but its sender has been sent a short survey in a 1:1 chat with me. The results appear here when it closes.'
        : 'This pulse is closed. The results are in the message below.',
    responsesText: recipients > 0 ? `${responses} of ${recipients}` : String(responses),
    deadline: safeLine(view.deadline, 'deadline', LIMITS.date),
    questionCount: String(safeInt(view.questionCount, 'questionCount', 0, MAX_QUESTIONS)),
    thresholdText: answers(safeInt(view.threshold, 'threshold', 0, MAX_COUNT)),
  };
}

/** Template data of the results card. */
export function pulseResultsData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const responses = safeInt(view.responses, 'responses', 0, MAX_COUNT);
  const reached = safeInt(view.reached, 'reached', 0, MAX_COUNT);
  const unreachable = safeInt(view.unreachable, 'unreachable', 0, MAX_COUNT);
  const rate = view.responseRate === null ? null : fraction(view.responseRate, 'responseRate');
  const questions =
    view.questions === null
      ? null
      : safeList(view.questions, 'questions', MAX_QUESTIONS, (item, path) => questionData(item, path));
  const allowComment = safeBool(view.allowComment, 'allowComment');
  const actions = actionLinesData(view.actions);
  // The action list takes its bytes out of the comments' share of the budget.
  const commentBytes = COMMENT_BUDGET.totalBytes - actions.bytes;
  const commentBudget = {
    ...COMMENT_BUDGET,
    totalBytes: commentBytes,
    maxLinesPerGroup: Math.min(COMMENT_BUDGET.maxLinesPerGroup, Math.floor(commentBytes / COMMENT_BUDGET.minLineBytes)),
  };
  const comments =
    view.comments === null
      ? null
      : fitLines(
          [safeList(view.comments, 'comments', MAX_COUNT, (comment, path) => safeText(comment, path, LIMITS.comment))],
          commentBudget,
        ).groups[0];
  const { changes, ...series } = pulseSeriesData(view.series, questions?.length ?? 0);
  return {
    ...series,
    ...actions.data,
    title: safeLine(view.title, 'title', LIMITS.title),
    responses,
    responsesText: reached > 0 ? `${responses} of ${reached}` : String(responses),
    responseRate: rate === null ? 'not known' : percent(rate),
    unreachable: String(unreachable),
    hasUnreachable: unreachable > 0,
    threshold: safeInt(view.threshold, 'threshold', 0, MAX_COUNT),
    commentThreshold: safeInt(view.commentThreshold, 'commentThreshold', 0, MAX_COUNT),
    showScores: questions !== null,
    questions: (questions ?? []).map((question, index) => ({
      ...question,
      change: (changes as string[] | undefined)?.[index] ?? '',
    })),
    showComments: comments !== null && comments.length > 0,
    comments: (comments ?? []).map((text) => ({ text })),
    commentsHidden: allowComment && comments === null,
  };
}

function questionData(raw: unknown, path: string): Record<string, unknown> {
  const question = safeObject(raw, path);
  const answered = safeInt(question.answered, `${path}.answered`, 0, MAX_COUNT);
  const dontKnow = safeInt(question.dontKnow, `${path}.dontKnow`, 0, MAX_COUNT);
  const mean = question.mean === null ? null : finite(question.mean, `${path}.mean`);
  const favourable = question.favourable === null ? null : fraction(question.favourable, `${path}.favourable`);
  const bars = safeList(question.bars, `${path}.bars`, MAX_CHOICES, (item, barPath) => {
    const bar = safeObject(item, barPath);
    const label = safeLine(bar.label, `${barPath}.label`, LIMITS.label);
    const count = safeInt(bar.count, `${barPath}.count`, 0, MAX_COUNT);
    const share = answered > 0 ? ` (${percent(count / answered)})` : '';
    return { label, count, line: `${label}: ${count}${share}` };
  });
  const parts = [
    mean === null ? undefined : `Mean ${mean.toFixed(1)} of 5`,
    favourable === null ? undefined : `${percent(favourable)} favourable (4 or 5)`,
    `${answered} answered`,
    dontKnow > 0 ? `${dontKnow} don't know` : undefined,
  ];
  return {
    text: safeLine(question.text, `${path}.text`, LIMITS.text),
    summary: parts.filter((part) => part !== undefined).join(' · '),
    bars,
  };
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CardDataError(path, 'a finite number');
  return value;
}

function fraction(value: unknown, path: string): number {
  const number = finite(value, path);
  if (number < 0 || number > 1) throw new CardDataError(path, 'a number from 0 to 1');
  return number;
}

function answers(count: number): string {
  return `${count} ${count === 1 ? 'answer' : 'answers'}`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
