import type { NextStepsLink, SummaryMapping } from './types';

/** The pack's next-steps links as a list, whether it gives one link or several (none when it gives none). */
export function nextStepsLinks(summary: SummaryMapping): NextStepsLink[] {
  const { nextSteps } = summary;
  if (nextSteps === undefined) return [];
  return Array.isArray(nextSteps) ? nextSteps : [nextSteps];
}
