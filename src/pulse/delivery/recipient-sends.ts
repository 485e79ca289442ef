import type { Logger } from '../../logging/logger';
import type { Telemetry } from '../../telemetry/telemetry';
import type { DeliveryLedger, Versioned } from '../../storage/ports';
import { failureReason } from './delivery-ledger';
import type { Attempted } from '../../teams/retry';
import type { OutgoingCard, TeamsChannel } from '../../teams/teams-channel';
import type { DeliveryDoc } from '../../domain/pulse-docs';
import type { SendJob } from './send-job';

/** The card for one recipient's ledger entry. */
export type CardFor = (delivery: DeliveryDoc) => OutgoingCard;

/** What sending to one recipient needs: the ledger to settle the entry in and a retrying caller. */
export interface RecipientSends {
  ledger: DeliveryLedger;
  logger: Logger;
  telemetry: Telemetry;
  clock: () => Date;
  retrying<T>(call: () => Promise<T>): Promise<Attempted<T>>;
}

function openPersonalConversation(
  sends: RecipientSends,
  pulse: SendJob,
  entry: Versioned<DeliveryDoc>,
  channel: TeamsChannel,
): Promise<Attempted<string>> {
  return sends.retrying(() =>
    channel.createPersonalConversation(
      pulse.origin.serviceUrl,
      pulse.tenantId,
      { id: pulse.origin.botId, name: pulse.origin.botName },
      entry.doc.memberId,
    ),
  );
}

/** How one job's entries are sent: its card, the lease check, its kind's name and optional last-moment check. */
export interface SendHow {
  card: CardFor;
  /** Runs once the entry is this instance's, and throws to end the run. */
  checkLease: () => void;
  /** `pulse` or `invitation`: the logs' prefix; only pulses count in the pulse failure metric. */
  kind: string;
  stillWanted?: (delivery: DeliveryDoc) => Promise<{ wanted: true } | { wanted: false; reason: string }>;
}

/**
 * Marks the entry `sending` (conditional on its ETag), opens the 1:1 conversation, sends the job's card and settles the
 * entry `sent` or `failed`.
 */
export async function sendToRecipient(
  sends: RecipientSends,
  pulse: SendJob,
  entry: Versioned<DeliveryDoc>,
  channel: TeamsChannel,
  how: SendHow,
): Promise<void> {
  const { card, checkLease, stillWanted } = how;
  const { ledger, clock } = sends;
  const sending = await ledger.markSending(entry, clock().toISOString());
  if (!sending) return; // Someone else changed this entry since it was read: it is theirs.
  checkLease();
  // An entry unlinked by an erasure (an earlier version's) names nobody: settled, never sent to "undefined".
  if (!sending.doc.memberId) {
    await ledger.markFailed(sending, { reason: 'no recipient: their data was deleted', at: clock().toISOString() });
    return;
  }
  const wanted = stillWanted ? await stillWanted(sending.doc) : { wanted: true as const };
  if (!wanted.wanted) {
    await ledger.markFailed(sending, { reason: wanted.reason, at: clock().toISOString() });
    return;
  }
  const { serviceUrl } = pulse.origin;
  const conversation = await openPersonalConversation(sends, pulse, entry, channel);
  let outcome: Attempted<string> = conversation;
  if (conversation.ok)
    outcome = await sends.retrying(() => channel.send(serviceUrl, conversation.value, card(sending.doc)));
  const at = clock().toISOString();
  const conversationId = conversation.ok ? conversation.value : undefined;
  const settled = outcome.ok
    ? await ledger.markSent(sending, { conversationId, activityId: outcome.value, at })
    : await ledger.markFailed(sending, {
        conversationId,
        reason: failureReason(outcome.error, outcome.attempts),
        at,
      });
  // Counted only by the instance whose write settled the entry, so a person is not counted twice.
  const ids = { tenantId: pulse.tenantId, pulseId: pulse.pulseId };
  if (!settled) sends.logger.warn(`${how.kind}.delivery.settled-elsewhere`, ids);
  else if (outcome.ok) return;
  else if (how.kind === 'pulse') sends.telemetry.pulseDeliveryFailed();
  else sends.logger.warn(`${how.kind}.delivery.failed`, { ...ids, status: outcome.error.status });
}

/** Marks the entry reminded, then sends the reminder card (opening the 1:1 conversation if the pulse never did). */
export async function remindRecipient(
  sends: RecipientSends,
  pulse: SendJob,
  entry: Versioned<DeliveryDoc>,
  channel: TeamsChannel,
  card: CardFor,
): Promise<void> {
  const { ledger, clock } = sends;
  const marked = await ledger.markReminded(entry, clock().toISOString());
  if (!marked) return;
  const { serviceUrl } = pulse.origin;
  let conversationId = entry.doc.conversationId;
  if (!conversationId) {
    const created = await openPersonalConversation(sends, pulse, entry, channel);
    if (!created.ok) {
      sends.telemetry.pulseDeliveryFailed();
      return;
    }
    conversationId = created.value;
  }
  const target = conversationId;
  const sent = await sends.retrying(() => channel.send(serviceUrl, target, card(marked.doc)));
  if (sent.ok) return;
  sends.telemetry.pulseDeliveryFailed();
  sends.logger.warn('pulse.reminder.failed', {
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    status: sent.error.status,
  });
}
