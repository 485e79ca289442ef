import type { ActionSource } from '../domain/action-docs';

/** What the dashboard calls where an action came from: its pulse by title, or whose summary it answers. */
export function actionSourceLabel(source: ActionSource, pulseTitles: ReadonlyMap<string, string>): string {
  if (source.kind === 'summary') return source.scope === 'organisation' ? 'Organisation summary' : 'Team summary';
  const title = pulseTitles.get(source.pulseId);
  // A pulse beyond the titles read (or gone) is still named as a pulse.
  return title ? `Pulse: ${title}` : 'Pulse';
}
