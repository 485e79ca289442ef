import type { PulseChannelView, PulseResponseView, PulseResultsView, PulseSetupView } from '../cards/pulse-view-models';
import type { ContentIndex } from '../content/content-index';
import { formatInZone, timeZoneOrUtc, zoneLabel } from '../domain/time-zones';
import type { DeliveryDoc, PulseDoc, PulseResults } from '../domain/pulse-docs';

/** Pulse templates hold 3 to 8 questions; a hand-picked set follows the same rule. */
export const QUESTION_RANGE = { min: 3, max: 8 };

/** "Wed 9 Dec, 17:00 Berlin time": the zone is named, so a team spread over time zones can work it out. */
export function formatDeadline(iso: string, timeZone: string): string {
  return formatInZone(new Date(iso), timeZone);
}

/** The zone a pulse's times are shown in: its sender's, or UTC for a pulse stored before pulses kept one. */
export function pulseTimeZone(pulse: Pick<PulseDoc, 'timeZone'>): string {
  return timeZoneOrUtc(pulse.timeZone);
}

/** The rating and single-choice questions of the pack, which a pulse can ask. */
export function questionBank(index: ContentIndex): { id: string; label: string }[] {
  return index
    .allQuestions()
    .filter(({ question }) => question.kind === 'rating' || question.kind === 'single')
    .map(({ question, section }) => ({ id: question.id, label: `${section.title}: ${question.text}` }));
}

export function setupView(
  index: ContentIndex,
  placeKind: string,
  token: string,
  minThreshold: number,
  zone: { timeZone: string; now: Date },
  values: PulseSetupView['values'],
  error?: string,
): PulseSetupView {
  return {
    placeKind,
    timeZoneLabel: zoneLabel(zone.timeZone, zone.now),
    templates: index.pack.pulseTemplates.map(({ id, title, description }) => ({ id, title, description })),
    bank: questionBank(index),
    minQuestions: QUESTION_RANGE.min,
    maxQuestions: QUESTION_RANGE.max,
    token,
    minThreshold,
    values,
    error,
  };
}

export function responseView(
  pulse: PulseDoc,
  delivery: Pick<DeliveryDoc, 'token'>,
  isReminder: boolean,
  commentMaxLength: number,
): PulseResponseView {
  return {
    pulseId: pulse.pulseId,
    token: delivery.token,
    title: pulse.title,
    deadline: formatDeadline(pulse.deadline, pulseTimeZone(pulse)),
    threshold: pulse.threshold,
    commentThreshold: pulse.commentThreshold,
    questions: pulse.questions.map((question) => ({
      id: question.id,
      text: question.text,
      choices:
        question.kind === 'rating'
          ? [
              ...question.labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} · ${label}` })),
              { value: 'dk', label: question.dontKnowLabel },
            ]
          : question.options,
    })),
    allowComment: pulse.allowComment,
    commentMaxLength,
    isReminder,
  };
}

export function channelView(pulse: PulseDoc): PulseChannelView {
  return {
    pulseId: pulse.pulseId,
    title: pulse.title,
    isOpen: pulse.status === 'open',
    isCancelled: pulse.status === 'cancelled',
    responses: pulse.responses,
    recipients: pulse.fanOut.recipients,
    deadline: formatDeadline(pulse.deadline, pulseTimeZone(pulse)),
    questionCount: pulse.questions.length,
    threshold: pulse.threshold,
  };
}

export function resultsView(pulse: PulseDoc, results: PulseResults, unreachable: number): PulseResultsView {
  return {
    title: results.title,
    responses: results.responses,
    reached: results.reached,
    unreachable,
    responseRate: results.responseRate,
    threshold: results.threshold,
    commentThreshold: results.commentThreshold,
    questions:
      results.questions?.map(({ questionId, text, kind, answered, dontKnow, mean, favourable, bars }) => ({
        questionId,
        text,
        kind,
        answered,
        dontKnow,
        mean,
        favourable,
        bars,
      })) ?? null,
    comments: pulse.allowComment ? results.comments : null,
    allowComment: pulse.allowComment,
  };
}
