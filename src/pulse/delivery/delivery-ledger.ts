import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { DeliveryLedger } from '../../storage/ports';
import { recipientKey } from '../audience';
import type { RosterMember } from '../../teams/teams-channel';
import { pulseIds, type DeliveryDoc } from '../../domain/pulse-docs';
import type { SendJob } from './send-job';

/** A roster member's ledger entry, queued; its token is what their card (and any second copy of it) carries. */
export function newDelivery(tenantId: string, pulseId: string, member: RosterMember, now: string): DeliveryDoc {
  const userId = recipientKey(member);
  return {
    id: pulseIds.delivery(pulseId, userId),
    type: 'delivery',
    tenantId,
    pulseId,
    memberId: member.id,
    userId,
    state: 'queued',
    attempts: 0,
    token: randomBytes(12).toString('base64url'),
    updatedAt: now,
  };
}

export function failureReason(error: { status: number; code?: string }, attempts: number): string {
  const what = `${error.status === 0 ? 'network error' : error.status}${error.code ? ` ${error.code}` : ''}`;
  return [403, 404].includes(error.status) || attempts <= 1 ? what : `gave up after ${attempts} attempts: ${what}`;
}

/** Why an entry is queued again. */
const SENT_AGAIN = 'sent again: the sender stopped mid-send, so it may not have arrived';

/**
 * Queues again the entries left `sending` (by a sender that died mid-send, or whose `sending` write was reported lost)
 * and those earlier versions marked `interrupted`: they may or may not have arrived, and a second copy is harmless
 * (same pulse, same token, one answer per person), so they go out again. Someone who has answered already has it.
 * Only the holder of the send lease calls this. Returns how many were queued.
 */
export async function requeueInFlight(
  ledger: DeliveryLedger,
  pulse: Pick<SendJob, 'tenantId' | 'pulseId'>,
  clock: () => Date,
  logger: Logger,
  kind = 'pulse',
): Promise<number> {
  let requeued = 0;
  for (;;) {
    const page = await ledger.deliveriesIn(pulse.tenantId, pulse.pulseId, ['sending', 'interrupted'], 100);
    let changed = 0;
    for (const entry of page.deliveries) {
      const at = clock().toISOString();
      const done = entry.doc.respondedAt
        ? await ledger.markAnswered(entry, at)
        : await ledger.requeue(entry, SENT_AGAIN, at);
      if (done) changed++;
    }
    requeued += changed;
    if (changed === 0) break;
  }
  if (requeued > 0)
    logger.warn(`${kind}.fan-out.requeued`, { tenantId: pulse.tenantId, pulseId: pulse.pulseId, requeued });
  return requeued;
}
