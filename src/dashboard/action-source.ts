import { summarySourceLine } from '../actions/action-source';
import type { ContentIndex } from '../content/content-index';
import type { ActionSource } from '../domain/action-docs';

/** What the pulse titles and the pack's recommendations name an action's origin by. */
export interface SourceNames {
  pulseTitles: ReadonlyMap<string, string>;
  index: Pick<ContentIndex, 'recommendation'>;
}

/** What the dashboard calls where an action came from: its pulse by title, or whose summary and which recommendations. */
export function actionSourceLabel(source: ActionSource, { pulseTitles, index }: SourceNames): string {
  // The team has a column of its own.
  if (source.kind === 'summary') return summarySourceLine(source, undefined, index);
  const title = pulseTitles.get(source.pulseId);
  // A pulse beyond the titles read (or gone) is still named as a pulse.
  return title ? `Pulse: ${title}` : 'Pulse';
}
