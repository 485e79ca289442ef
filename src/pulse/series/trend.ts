import type { PulseSeriesView, PulseTrendLine } from '../../cards/pulse-view-models';
import type { PulseResults } from '../../domain/pulse-docs';

/** How much the number of people reached may differ between two runs before the card cautions against comparing. */
export const AUDIENCE_CHANGE = 0.2;
/** Runs the trend chart spans, this one included. */
export const TREND_RUNS = 6;

/** One closed run as the trend sees it: when it was sent and its final (thresholded) results. */
export interface RunResults {
  createdAt: string;
  results: PulseResults;
}

/**
 * The comparison with the previous run: per question the change of the mean, only when both runs met their threshold
 * (a run below it shows no figure, so it cannot be compared either); a caution when the number of people reached
 * differs by more than 20% of the larger; and the means of the last runs that met the threshold, for the chart.
 * `previous` is newest first.
 */
export function seriesTrend(
  current: RunResults,
  previous: RunResults[],
  timeZone: string,
): Pick<PulseSeriesView, 'changes' | 'caution' | 'lines'> {
  const last = previous[0];
  const comparable = current.results.questions !== null && last?.results.questions != null;
  const changes = comparable
    ? (current.results.questions ?? []).map((question) => {
        const before = last.results.questions?.find((q) => q.questionId === question.questionId);
        return question.mean === null || before?.mean == null ? null : round1(question.mean - before.mean);
      })
    : null;
  return {
    changes: changes?.some((change) => change !== null) ? changes : null,
    caution: comparable ? audienceCaution(current.results.reached, last.results.reached) : null,
    lines: trendLines([...previous.slice(0, TREND_RUNS - 1).reverse(), current], timeZone),
  };
}

function audienceCaution(now: number, before: number): string | null {
  const larger = Math.max(now, before);
  if (larger === 0 || Math.abs(now - before) <= AUDIENCE_CHANGE * larger) return null;
  return `This run reached ${now} people and the last one ${before}: with the audience this different, a change may come from who was asked rather than from what people think.`;
}

/** One line per rating question of the newest run, over the runs (oldest first) that met their threshold. */
function trendLines(runs: RunResults[], timeZone: string): PulseTrendLine[] {
  const shown = runs.filter((run) => run.results.questions !== null);
  if (shown.length < 2) return [];
  const newest = shown.at(-1)?.results.questions ?? [];
  const labels = runLabels(shown, timeZone);
  return newest
    .filter((question) => question.kind === 'rating')
    .map((question) => ({
      legend: question.text,
      points: shown.flatMap((run, at) => {
        const mean = run.results.questions?.find((q) => q.questionId === question.questionId)?.mean;
        return mean == null ? [] : [{ x: labels[at], y: round1(mean) }];
      }),
    }))
    .filter((line) => line.points.length >= 2);
}

/** Each run's day ("3 Dec"), with its time ("3 Dec 14:00") where two runs fall on the same day (Run again). */
function runLabels(runs: RunResults[], timeZone: string): string[] {
  const days = runs.map((run) => dayLabel(run.createdAt, timeZone));
  return days.map((day, at) =>
    days.indexOf(day) === days.lastIndexOf(day) ? day : `${day} ${timeLabel(runs[at].createdAt, timeZone)}`,
  );
}

function dayLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

function timeLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(iso),
  );
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
