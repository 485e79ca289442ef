import type { ContentIndex } from '../content/content-index';
import type { ActionSource } from '../domain/action-docs';

/** A summary action's origin: whose summary it answers, then the recommendations it addresses (the pack's words). */
export function summarySourceLine(
  source: Extract<ActionSource, { kind: 'summary' }>,
  teamName: string | undefined,
  index: Pick<ContentIndex, 'recommendation'>,
): string {
  const scope =
    source.scope === 'organisation' ? 'Organisation summary' : `Team summary${teamName ? `: ${teamName}` : ''}`;
  return [scope, ...source.recommendationIds.flatMap((id) => index.recommendation(id) ?? [])].join(' · ');
}
