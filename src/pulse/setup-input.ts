import type { PulseSetupView } from '../cards/pulse-view-models';
import type { ContentIndex } from '../content/content-index';
import type { Question } from '../content/types';
import {
  addLocalDays,
  formatInZone,
  isoDate,
  parseWallTime,
  wallTimeAt,
  wallTimeToInstant,
} from '../domain/time-zones';
import { QUESTION_RANGE } from './pulse-views';
import { isRepeat, REPEAT_LABELS, shiftByPeriods, type Repeat } from '../domain/pulse-series';
import { checkThreshold, DEFAULT_THRESHOLD, MIN_THRESHOLD, type ThresholdRule } from './thresholds';
import type { PulseQuestion } from '../domain/pulse-docs';

/** A checked request to start a pulse. */
export interface PulseSetup {
  title: string;
  templateId?: string;
  questions: PulseQuestion[];
  allowComment: boolean;
  threshold: number;
  deadline: Date;
  reminderAt?: Date;
  repeat: Repeat;
}

/** `values` is what the card showed, to send it back when something else turns out to be wrong. */
export type SetupCheck =
  | { ok: true; setup: PulseSetup; values: PulseSetupView['values'] }
  | { ok: false; error: string; values: PulseSetupView['values'] };

const HOUR_MS = 3_600_000;
/** When each reminder choice falls; "a day before" is the same wall-clock time the day before, in the sender's zone. */
const REMINDERS: Record<string, ((deadline: Date, timeZone: string) => Date) | undefined> = {
  '24': (deadline, timeZone) => addLocalDays(deadline, -1, timeZone),
  '4': (deadline) => new Date(deadline.getTime() - 4 * HOUR_MS),
  '1': (deadline) => new Date(deadline.getTime() - HOUR_MS),
  none: undefined,
};
const MIN_LEAD_MS = 10 * 60_000;
const MAX_LEAD_MS = 90 * 86_400_000;

/**
 * The setup card's first values: the first template, a deadline three days out (in the sender's `timeZone`) at 17:00,
 * a reminder a day before.
 */
export function defaultSetupValues(
  index: ContentIndex,
  now: Date,
  timeZone: string,
  threshold = DEFAULT_THRESHOLD,
): PulseSetupView['values'] {
  return {
    templateId: index.pack.pulseTemplates[0]?.id ?? 'custom',
    questionIds: [],
    deadlineDate: isoDate(wallTimeAt(addLocalDays(now, 3, timeZone), timeZone)),
    deadlineTime: '17:00',
    threshold,
    reminder: '24',
    repeat: 'never',
  };
}

/**
 * Checks the setup card's submit. Its day and time are wall-clock ones in `timeZone` (the sender's IANA zone, checked by
 * the caller), so a deadline after a daylight-saving change still falls at the time the sender picked.
 */
export function checkSetup(
  raw: Record<string, unknown>,
  index: ContentIndex,
  now: Date,
  timeZone: string,
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
    reminder: Object.hasOwn(REMINDERS, text('reminder')) ? text('reminder') : '24',
    repeat: isRepeat(text('repeat')) ? text('repeat') : 'never',
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

  const wall = parseWallTime(values.deadlineDate, values.deadlineTime);
  if (!wall) return refuse('Pick a deadline day and time.');
  const deadline = wallTimeToInstant(wall, timeZone);
  if (deadline.getTime() < now.getTime() + MIN_LEAD_MS)
    return refuse('The deadline must be at least 10 minutes from now.');
  if (deadline.getTime() > now.getTime() + MAX_LEAD_MS) return refuse('The deadline can be at most 90 days away.');
  if (!Object.hasOwn(REMINDERS, text('reminder'))) return refuse('Choose when to remind people.');
  const reminder = REMINDERS[values.reminder]?.(deadline, timeZone);
  // An absent field is an older card (never repeats); a value not among the choices is forged.
  if (raw.repeat !== undefined && !isRepeat(text('repeat'))) return refuse('Choose how often the pulse repeats.');
  const repeat = values.repeat as Repeat;
  if (repeat !== 'never') {
    const nextRun = shiftByPeriods(now, repeat, 1, timeZone);
    if (deadline.getTime() >= nextRun.getTime())
      return refuse(
        `A pulse that repeats ${REPEAT_LABELS[repeat].toLowerCase()} must close before its next run goes out (${formatInZone(nextRun, timeZone)}). Pick an earlier deadline.`,
      );
  }

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
      repeat,
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
