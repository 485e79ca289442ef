import { hasVisibleText } from '../cards/safe-text';
import type { PulseAnswers, PulseDoc } from '../domain/pulse-docs';

export type ResponseCheck = { ok: true; answers: PulseAnswers; comment?: string } | { ok: false; message: string };

const ANSWER_PREFIX = 'answer.';

/** Checks the answers on a 1:1 pulse card against the pulse's own questions; anything unexpected is refused whole. */
export function checkResponse(value: Record<string, unknown>, pulse: PulseDoc, maxComment: number): ResponseCheck {
  const answers: PulseAnswers = {};
  const asked = new Map(pulse.questions.map((question) => [question.id, question]));
  for (const key of Object.keys(value).filter((name) => name.startsWith(ANSWER_PREFIX))) {
    if (!asked.has(key.slice(ANSWER_PREFIX.length)))
      return { ok: false, message: "That card holds a question this pulse doesn't ask, so I haven't saved anything." };
  }
  for (const question of pulse.questions) {
    const raw = value[`${ANSWER_PREFIX}${question.id}`];
    const answer = typeof raw === 'string' ? raw.trim() : '';
    if (answer === '') return { ok: false, message: 'Please answer every question, then send again.' };
    const allowed =
      question.kind === 'rating'
        ? ['1', '2', '3', '4', '5', 'dk'].includes(answer)
        : question.options.some((option) => option.value === answer);
    if (!allowed)
      return { ok: false, message: "One of the answers isn't an option on the card, so I haven't saved anything." };
    answers[question.id] = answer;
  }
  const rawComment = value.comment;
  if (rawComment !== undefined && typeof rawComment !== 'string')
    return { ok: false, message: "The comment couldn't be read, so I haven't saved anything." };
  const typed = (rawComment ?? '').trim();
  const comment = hasVisibleText(typed) ? typed : '';
  if (comment !== '' && !pulse.allowComment)
    return { ok: false, message: "This pulse doesn't take comments, so I haven't saved anything." };
  if (Array.from(comment).length > maxComment)
    return { ok: false, message: `Please keep the comment under ${maxComment} characters.` };
  return { ok: true, answers, comment: comment === '' ? undefined : comment };
}
