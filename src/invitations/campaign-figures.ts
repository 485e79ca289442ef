import type { ShownCounts } from '../domain/invitation-docs';
import type { InvitationChannelView } from '../cards/invitation-view-models';
import { isSafe } from '../leadership/disclosure';

/**
 * The channel card's view, no names anywhere. Invited, Started and Finished are nested, so a reader subtracts them:
 * they are exact only when every difference between them is none or at least the group threshold k. Otherwise all
 * three are shown in bands of k ("fewer than 5", "5 to 9", …), which leave every difference open: two counts in one
 * band differ by 0 to k − 1, in neighbouring bands by 1 to 2k − 1. ("Invited 6 · Started 5" would say one person
 * has not started.)
 */
export function channelView(
  counts: ShownCounts,
  status: InvitationChannelView['status'],
  threshold: number,
): InvitationChannelView {
  const { invited, started, finished } = counts;
  const exact = [invited - started, started - finished, invited - finished].every((gap) => isSafe(gap, threshold));
  const text = (count: number) => (exact && count >= threshold ? String(count) : band(count, threshold));
  return {
    status,
    invitedText: text(invited),
    startedText: text(started),
    finishedText: text(finished),
    threshold,
  };
}

function band(count: number, k: number): string {
  if (count < k) return `fewer than ${k}`;
  const low = Math.floor(count / k) * k;
  return `${low} to ${low + k - 1}`;
}
