import type { ShownCounts } from '../domain/invitation-docs';
import type { InvitationChannelView } from '../cards/invitation-view-models';
import { isSafe } from '../leadership/disclosure';

/** Largest first: everyone who finished started, everyone who started was invited. */
const NESTED = ['invited', 'started', 'finished'] as const;
type Figure = (typeof NESTED)[number];

/**
 * The channel card's view, no names anywhere. A count is exact only from the group threshold up and only when its
 * difference from every other exact count is none or the threshold too (otherwise "Invited 6 · Started 5" would say
 * one person has not started); a count held back is "k or more", one below the threshold "fewer than k".
 */
export function channelView(
  counts: ShownCounts,
  status: InvitationChannelView['status'],
  threshold: number,
): InvitationChannelView {
  const exact = exactFigures(counts, threshold);
  const text = (figure: Figure) =>
    exact.includes(figure)
      ? String(counts[figure])
      : counts[figure] >= threshold
        ? `${threshold} or more`
        : `fewer than ${threshold}`;
  return {
    status,
    invitedText: text('invited'),
    startedText: text('started'),
    finishedText: text('finished'),
    threshold,
  };
}

/** The figures shown exactly: the smaller of any pair a reader could subtract to a small group is held back. */
function exactFigures(counts: ShownCounts, k: number): Figure[] {
  const exact: Figure[] = NESTED.filter((figure) => counts[figure] >= k);
  for (;;) {
    const pair = exact.flatMap((larger, i) => exact.slice(i + 1).map((smaller) => [larger, smaller] as const));
    const unsafe = pair.find(([larger, smaller]) => !isSafe(counts[larger] - counts[smaller], k));
    if (!unsafe) return exact;
    exact.splice(exact.indexOf(unsafe[1]), 1);
  }
}
