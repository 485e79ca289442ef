import { CardDataError, safeId, safeLine, safeList, safeObject, safeText } from './safe-text';

const MAX_QUESTIONS = 40;
const MAX_LINES = 8;
const MAX_POINTS = 6;
const BLOCKS = '▁▂▃▄▅▆▇█';

/** Template data of a results card's series part (buttons, changes, caution, trend chart and its text fallback). */
export function pulseSeriesData(raw: unknown, questionCount: number): Record<string, unknown> {
  if (raw === undefined)
    return {
      hasActions: false,
      pulseId: '',
      canStop: false,
      repeatText: '',
      hasCaution: false,
      caution: '',
      hasTrend: false,
      trendLines: [],
    };
  const view = safeObject(raw, 'series');
  const repeat = view.repeatLabel === null ? '' : safeLine(view.repeatLabel, 'series.repeatLabel', 60);
  const caution = view.caution === null ? '' : safeText(view.caution, 'series.caution', 400);
  const trendLines = safeList(view.lines, 'series.lines', MAX_LINES, (item, path) => {
    const line = safeObject(item, path);
    const points = safeList(line.points, `${path}.points`, MAX_POINTS, (point, pointPath) => {
      const entry = safeObject(point, pointPath);
      return { x: safeLine(entry.x, `${pointPath}.x`, 20), y: mean(entry.y, `${pointPath}.y`) };
    });
    const legend = safeLine(line.legend, `${path}.legend`, 80);
    return { legend, points, sparkline: `${legend}: ${sparkline(points.map((p) => p.y))}` };
  });
  return {
    hasActions: true,
    pulseId: safeId(view.pulseId, 'series.pulseId'),
    canStop: repeat !== '',
    repeatText: repeat ? `This pulse repeats: ${repeat.toLowerCase()}.` : '',
    hasCaution: caution !== '',
    caution,
    hasTrend: trendLines.length > 0,
    trendLines,
    changes:
      view.changes === null
        ? Array.from({ length: questionCount }, () => '')
        : safeList(view.changes, 'series.changes', MAX_QUESTIONS, (change, path) =>
            change === null ? '' : changeText(finite(change, path)),
          ),
  };
}

/** "▲ 0.4 since last run", "▼ 0.2 since last run", "No change since last run". */
export function changeText(change: number): string {
  if (Math.abs(change) < 0.05) return 'No change since last run';
  return `${change > 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)} since last run`;
}

/** "3.2 → 3.5 → 3.9 ▃▄▆": the means, then one block per run (1 is the lowest, 5 the highest). */
function sparkline(values: number[]): string {
  const blocks = values.map((value) => BLOCKS[Math.min(7, Math.max(0, Math.round(((value - 1) / 4) * 7)))]).join('');
  return `${values.map((value) => value.toFixed(1)).join(' → ')} ${blocks}`;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 4)
    throw new CardDataError(path, 'a change from -4 to 4');
  return value;
}

function mean(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 5)
    throw new CardDataError(path, 'a mean from 1 to 5');
  return value;
}
