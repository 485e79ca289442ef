import type { PulseQuestion } from '../domain/pulse-docs';
import type { SeriesDoc } from '../domain/pulse-series';
import type { ActionStore, SeriesStore } from '../storage/ports';

/** At most this many "Has this improved?" questions are added to a run. */
const MAX_FOLLOW_UPS = 3;
/** The id prefix of a follow-up question: `improved-<the question it follows up>`. */
export const FOLLOW_UP_PREFIX = 'improved-';
const WHAT_CHARS = 120;

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
    for (const questionId of action.source.questionIds) {
      const text = asked.get(questionId);
      const id = `${FOLLOW_UP_PREFIX}${questionId}`;
      if (!text || followUps.some((question) => question.id === id) || followUps.length >= MAX_FOLLOW_UPS) continue;
      const what = action.what.length > WHAT_CHARS ? `${action.what.slice(0, WHAT_CHARS - 1)}…` : action.what;
      followUps.push({
        id,
        kind: 'single',
        text: `Has this improved since last time? “${text}” (the team's action: ${what})`,
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
