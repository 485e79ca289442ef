import type { PulseResultsView } from '../cards/pulse-view-models';
import { clip } from '../cards/safe-text';
import type { PulseDoc, PulseQuestion } from '../domain/pulse-docs';
import type { SeriesDoc } from '../domain/pulse-series';
import type { ActionStore, SeriesStore } from '../storage/ports';

/** At most this many "Has this improved?" questions are added to a run. */
const MAX_FOLLOW_UPS = 3;
/** The id prefix of a follow-up question: `improved-<the question it follows up>`. */
export const FOLLOW_UP_PREFIX = 'improved-';
const WHAT_CHARS = 120;

/** True for a "Has this improved?" question: the plan card does not offer it (an action addresses its question). */
export function isFollowUp(questionId: string): boolean {
  return questionId.startsWith(FOLLOW_UP_PREFIX);
}

/** The question a follow-up asks about (the id itself for any other question). */
export function followedUp(questionId: string): string {
  let id = questionId;
  while (isFollowUp(id)) id = id.slice(FOLLOW_UP_PREFIX.length);
  return id;
}

/** The follow-up's wording; with the action's words only for the team's own eyes (its cards). */
function followUpText(asked: string | undefined, what?: string): string {
  const question = asked ? `Has this improved since last time? “${asked}”` : 'Has this improved since last time?';
  return what === undefined ? question : `${question} (the team's action: ${clip(what, WHAT_CHARS)})`;
}

/**
 * A pulse's results with its follow-ups worded without the team's action, for people outside the team (a leader
 * browsing every team's pulses sees what a team planned only as counts).
 */
export function withoutActionWords(pulse: PulseDoc, results: PulseResultsView): PulseResultsView {
  const texts = new Map(pulse.questions.map((question) => [question.id, question.text]));
  const worded = ({ questionId, text }: { questionId: string; text: string }) =>
    isFollowUp(questionId) ? followUpText(texts.get(followedUp(questionId))) : text;
  return {
    ...results,
    questions: results.questions?.map((question) => ({ ...question, text: worded(question) })) ?? null,
  };
}

/**
 * The "Has this improved?" questions a new run of `series` adds: one per question the actions planned from the
 * previous run's results addressed (at most three), answered yes, partly or no, and shown on the run's results card
 * like any other single-choice question (so held to the same threshold).
 */
export async function followUpQuestions(
  stores: { series: SeriesStore; actions: ActionStore },
  series: SeriesDoc,
  now: Date,
): Promise<PulseQuestion[]> {
  const [previous] = await stores.series.closedRunsBefore(series.tenantId, series.seriesId, now.toISOString(), 1);
  if (!previous) return [];
  const actions = await stores.actions.actionsOfPulse(series.tenantId, previous.pulseId, 20);
  const asked = new Map(previous.questions.map((question) => [question.id, question.text]));
  const followUps: PulseQuestion[] = [];
  for (const action of actions) {
    if (action.source.kind !== 'pulse') continue;
    // An action stored before follow-ups were kept off the plan card may address one: ask about its question instead.
    for (const questionId of action.source.questionIds.map(followedUp)) {
      const text = asked.get(questionId);
      const id = `${FOLLOW_UP_PREFIX}${questionId}`;
      if (!text || followUps.some((question) => question.id === id) || followUps.length >= MAX_FOLLOW_UPS) continue;
      followUps.push({
        id,
        kind: 'single',
        text: followUpText(text, action.what),
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'partly', label: 'Partly' },
          { value: 'no', label: 'No' },
        ],
      });
    }
  }
  return followUps;
}
