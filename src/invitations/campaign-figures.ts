import type { ShownCounts } from '../domain/invitation-docs';
import type { InvitationChannelView } from '../cards/invitation-view-models';

/** A count as a card may show it: itself from the group threshold up, "fewer than k" below (zero included). */
export function coarsened(count: number, threshold: number): string {
  return count >= threshold ? String(count) : `fewer than ${threshold}`;
}

/** The channel card's view: every figure held to the group threshold, no names anywhere. */
export function channelView(
  counts: ShownCounts,
  status: InvitationChannelView['status'],
  threshold: number,
): InvitationChannelView {
  return {
    status,
    invitedText: coarsened(counts.invited, threshold),
    startedText: coarsened(counts.started, threshold),
    finishedText: coarsened(counts.finished, threshold),
    threshold,
  };
}
