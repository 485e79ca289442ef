import { scrubNames } from '../aggregation/quotes';
import { visibility } from './thresholds';
import type { AnonymousResponse, PulseDoc, PulseQuestion, PulseResults, QuestionResult } from '../domain/pulse-docs';

/** Aggregates the responses of a pulse, hiding everything the thresholds do not allow. */
export function computeResults(
  pulse: Pick<PulseDoc, 'title' | 'questions' | 'threshold' | 'commentThreshold'>,
  responses: readonly AnonymousResponse[],
  reached: number,
): PulseResults {
  const shown = visibility(responses.length, pulse.threshold, pulse.commentThreshold);
  return {
    title: pulse.title,
    responses: responses.length,
    reached,
    responseRate: reached > 0 ? Math.min(1, responses.length / reached) : null,
    threshold: pulse.threshold,
    commentThreshold: pulse.commentThreshold,
    questions: shown.scores ? pulse.questions.map((question) => questionResult(question, responses)) : null,
    // Names and mentions taken out, as in the leadership quotes; sorted so that their order says nothing about who
    // answered when.
    comments: shown.comments
      ? responses
          .map((response) => scrubNames(response.comment?.trim() ?? ''))
          .filter((comment) => comment !== '')
          .sort((a, b) => a.localeCompare(b))
      : null,
  };
}

function questionResult(question: PulseQuestion, responses: readonly AnonymousResponse[]): QuestionResult {
  const values = responses.map((response) => response.answers[question.id]).filter((value) => value !== undefined);
  if (question.kind === 'single') {
    const bars = question.options.map((option) => ({
      label: option.label,
      count: values.filter((value) => value === option.value).length,
    }));
    const answered = bars.reduce((sum, bar) => sum + bar.count, 0);
    return { ...base(question), answered, dontKnow: 0, bars, mean: null, favourable: null };
  }
  const ratings = values.filter((value) => /^[1-5]$/.test(value)).map(Number);
  const bars = question.labels.map((label, index) => ({
    label,
    count: ratings.filter((rating) => rating === index + 1).length,
  }));
  const answered = ratings.length;
  return {
    ...base(question),
    answered,
    dontKnow: values.filter((value) => value === 'dk').length,
    bars,
    mean: answered > 0 ? ratings.reduce((sum, rating) => sum + rating, 0) / answered : null,
    favourable: answered > 0 ? ratings.filter((rating) => rating >= 4).length / answered : null,
  };
}

function base(question: PulseQuestion): Pick<QuestionResult, 'questionId' | 'text' | 'kind'> {
  return { questionId: question.id, text: question.text, kind: question.kind };
}
