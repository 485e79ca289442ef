import type { ResponseOutcome } from '../storage/ports';
import { formatDeadline } from './pulse-views';
import { minimumAudience } from './thresholds';
import type { PulseDoc } from '../domain/pulse-docs';

/** What the bot says about a pulse in words (the cards are in pulse-views.ts). */

/** Said to someone the pulse policy does not let start a pulse (or a run of one); nothing is created. */
export const NOT_ALLOWED_TO_START =
  "Only managers can start a pulse here. If you think you should be able to, ask your Teams admin to add you to the bot's managers.";

export const NEVER_SENT =
  'This pulse was never sent: when it was about to go out, there were too few people for its anonymity threshold.';

/** Said to someone answering a closed pulse; times in `timeZone`, the person's own. */
export function closedMessage(pulse: PulseDoc, timeZone: string): string {
  if (pulse.status === 'cancelled') return NEVER_SENT;
  return `This pulse has closed (${formatDeadline(pulse.closedAt ?? pulse.deadline, timeZone)}), so it no longer takes answers. Thank you all the same.`;
}

/** The reply to a stored (or refused) response, the deadline in `timeZone`; `closed` is answered with closedMessage. */
export function responseReply(outcome: Exclude<ResponseOutcome, 'closed'>, deadline: string, timeZone: string): string {
  const closes = formatDeadline(deadline, timeZone);
  if (outcome === 'created')
    return `Thank you, your answers are in. You can change them on the card and send again until ${closes}.`;
  if (outcome === 'updated')
    return `Updated: your new answers replace the earlier ones. You can change them until ${closes}.`;
  if (outcome === 'busy')
    return "A lot of answers are arriving at once, so I haven't saved yours yet. Please press Send again.";
  return "This pulse wasn't sent to you, so I can't take answers for it.";
}

export interface AudienceCheck {
  /** People the pulse would go to: the roster without the bot and the sender. */
  audience: number;
  threshold: number;
  /** The lowest threshold the sender could pick. */
  minThreshold: number;
  placeKind: string;
}

/** Why the pulse cannot go to this audience, or undefined when it can (at least threshold + 2 besides the sender). */
export function audienceRefusal({ audience, threshold, minThreshold, placeKind }: AudienceCheck): string | undefined {
  const needed = minimumAudience(threshold);
  if (audience >= needed) return undefined;
  const people = `${audience} ${audience === 1 ? 'person' : 'people'}`;
  const smallest = minimumAudience(minThreshold);
  if (audience < smallest)
    return `This ${placeKind} is too small for a pulse: it would go to ${people} besides you, and a pulse needs at least ${smallest}, so that nobody's answers can be picked out.`;
  return `With a threshold of ${threshold}, a pulse needs at least ${needed} people besides you, so that nobody's answers can be picked out; this ${placeKind} has ${people}. Lower the threshold to ${audience - 2} or less and send it again.`;
}
