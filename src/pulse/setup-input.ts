import type { PulseSetupView } from '../cards/pulse-view-models';
import type { ContentIndex } from '../content/content-index';
import type { Question } from '../content/types';
import { QUESTION_RANGE } from './pulse-views';
import { checkThreshold, DEFAULT_THRESHOLD, MIN_THRESHOLD, type ThresholdRule } from './thresholds';
import type { PulseQuestion } from './types';

/** A checked request to start a pulse. */
export interface PulseSetup {
  title: string;
  templateId?: string;
  questions: PulseQuestion[];
  allowComment: boolean;
  threshold: number;
  deadline: Date;
  reminderAt?: Date;
}

/** `values` is what the card showed, to send it back when something else turns out to be wrong. */
export type SetupCheck =
  | { ok: true; setup: PulseSetup; values: PulseSetupView['values'] }
  | { ok: false; error: string; values: PulseSetupView['values'] };

const REMINDER_HOURS: Record<string, number | undefined> = { '24': 24, '4': 4, '1': 1, none: undefined };
const MIN_LEAD_MS = 10 * 60_000;
const MAX_LEAD_MS = 90 * 86_400_000;

/** The setup card's first values: the first template, a deadline three days out at 17:00, a reminder a day before. */
export function defaultSetupValues(
  index: ContentIndex,
  now: Date,
  threshold = DEFAULT_THRESHOLD,
): PulseSetupView['values'] {
  const deadline = new Date(now.getTime() + 3 * 86_400_000);
  return {
    templateId: index.pack.pulseTemplates[0]?.id ?? 'custom',
    questionIds: [],
    deadlineDate: deadline.toISOString().slice(0, 10),
    deadlineTime: '17:00',
    threshold,
    reminder: '24',
  };
}

/**
 * Checks the setup card's submit. Dates and times are the sender's local ones; `utcOffsetMinutes` comes from the
 * activity's local timestamp.
 */
export function checkSetup(
  raw: Record<string, unknown>,
  index: ContentIndex,
  now: Date,
  utcOffsetMinutes: number,
  thresholds: ThresholdRule = { minimum: MIN_THRESHOLD, fallback: DEFAULT_THRESHOLD },
): SetupCheck {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : '');
  const values: PulseSetupView['values'] = {
    templateId: /^[^\s,]{1,100}$/.test(text('templateId')) ? text('templateId') : 'custom',
    questionIds: text('questionIds')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => /^[^\s,]{1,100}$/.test(id)),
    deadlineDate: text('deadlineDate').slice(0, 40),
    deadlineTime: text('deadlineTime').slice(0, 40),
    threshold:
      text('threshold') !== '' && Number.isInteger(Number(text('threshold')))
        ? Number(text('threshold'))
        : thresholds.fallback,
    reminder: Object.hasOwn(REMINDER_HOURS, text('reminder')) ? text('reminder') : '24',
  };
  const refuse = (error: string): SetupCheck => ({ ok: false, error, values });

  const template = values.templateId === 'custom' ? undefined : index.pulseTemplate(values.templateId);
  if (values.templateId !== 'custom' && !template) return refuse('Choose one of the listed sets of questions.');
  const questionIds = template ? template.questions : values.questionIds;
  if (!template && (questionIds.length < QUESTION_RANGE.min || questionIds.length > QUESTION_RANGE.max))
    return refuse(`Pick from ${QUESTION_RANGE.min} to ${QUESTION_RANGE.max} questions for your own set.`);
  const questions: PulseQuestion[] = [];
  for (const id of new Set(questionIds)) {
    const question = index.find(id)?.question;
    const asked = question && pulseQuestion(question, index);
    if (!asked) return refuse('One of the picked questions cannot be used in a pulse. Please pick again.');
    questions.push(asked);
  }

  const threshold = checkThreshold(text('threshold'), thresholds);
  if (!threshold.ok) return refuse(threshold.message);

  const deadline = localToUtc(values.deadlineDate, values.deadlineTime, utcOffsetMinutes);
  if (!deadline) return refuse('Pick a deadline day and time.');
  if (deadline.getTime() < now.getTime() + MIN_LEAD_MS)
    return refuse('The deadline must be at least 10 minutes from now.');
  if (deadline.getTime() > now.getTime() + MAX_LEAD_MS) return refuse('The deadline can be at most 90 days away.');
  if (!Object.hasOwn(REMINDER_HOURS, text('reminder'))) return refuse('Choose when to remind people.');
  const hours = REMINDER_HOURS[values.reminder];
  const reminder = hours === undefined ? undefined : new Date(deadline.getTime() - hours * 3_600_000);

  return {
    ok: true,
    values,
    setup: {
      title: template?.title ?? 'Team pulse',
      templateId: template?.id,
      questions,
      allowComment: template?.allowComment ?? true,
      threshold: threshold.value,
      deadline,
      // A reminder that would fall before now is dropped rather than sent at once.
      reminderAt: reminder && reminder.getTime() > now.getTime() ? reminder : undefined,
    },
  };
}

function pulseQuestion(question: Question, index: ContentIndex): PulseQuestion | undefined {
  if (question.kind === 'single')
    return { id: question.id, kind: 'single', text: question.text, options: question.options };
  if (question.kind !== 'rating') return undefined;
  const scale = index.scale(question.scale);
  if (!scale) return undefined;
  return {
    id: question.id,
    kind: 'rating',
    text: question.text,
    labels: scale.labels,
    dontKnowLabel: scale.dontKnowLabel,
  };
}

function localToUtc(date: string, time: string, utcOffsetMinutes: number): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!day || !clock) return undefined;
  const [year, month, dayOfMonth, hour, minute] = [day[1], day[2], day[3], clock[1], clock[2]].map(Number);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hour > 23 || minute > 59) return undefined;
  const utc = Date.UTC(year, month - 1, dayOfMonth, hour, minute) - utcOffsetMinutes * 60_000;
  const result = new Date(utc);
  return Number.isNaN(result.getTime()) ? undefined : result;
}

/** The sender's offset from UTC, from a Teams local timestamp such as 2026-11-28T15:00:00.000+01:00. */
export function utcOffsetOf(localTimestamp: unknown): number {
  const text =
    localTimestamp instanceof Date ? undefined : typeof localTimestamp === 'string' ? localTimestamp : undefined;
  const match = text ? /([+-])(\d{2}):(\d{2})$/.exec(text) : null;
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
