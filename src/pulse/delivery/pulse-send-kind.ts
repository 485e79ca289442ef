import type { PulseDoc } from '../../domain/pulse-docs';
import type { PulseStore } from '../../storage/ports';
import type { Attempted } from '../../teams/retry';
import type { TeamsChannel } from '../../teams/teams-channel';
import type { Logger } from '../../logging/logger';
import { isRecipient } from '../audience';
import { minimumAudience } from '../thresholds';
import { newDelivery } from './delivery-ledger';
import type { FanOutCards } from './fan-out-options';
import type { SendJobKind } from './send-job';

interface PulseKindDeps {
  pulses: PulseStore;
  cards: FanOutCards;
  logger: Logger;
  clock: () => Date;
  retrying<T>(call: () => Promise<T>): Promise<Attempted<T>>;
}

/** A pulse as a fan-out sends it: to everyone but the bot and its sender, and only to an audience above threshold + 2. */
export function pulseSendKind(deps: PulseKindDeps): SendJobKind<PulseDoc> {
  const { pulses, cards } = deps;
  return {
    name: 'pulse',
    jobs: {
      readJob: async (tenantId, pulseId) => (await pulses.readPulse(tenantId, pulseId))?.doc,
      recordChannelCard: (tenantId, pulseId, activityId) => pulses.recordChannelCard(tenantId, pulseId, activityId),
      recordRosterPage: (tenantId, pulseId, added, continuation) =>
        pulses.recordRosterPage(tenantId, pulseId, added, continuation),
      markFanOutDone: (tenantId, pulseId) => pulses.markFanOutDone(tenantId, pulseId),
    },
    personalCard: (pulse, delivery) => cards.response(pulse, delivery),
    channelCard: (pulse) => cards.channel(pulse),
    deliveries: (pulse, members, now) =>
      Promise.resolve(
        members
          .filter((member) => isRecipient(member, pulse.origin, pulse.createdBy))
          .map((member) => newDelivery(pulse.tenantId, pulse.pulseId, member, now)),
      ),
    enoughRecipients: (pulse, audience, channel) => audienceLargeEnough(deps, pulse, audience, channel),
  };
}

/**
 * The roster as read, against the threshold: a pulse whose audience (everyone but the bot and its sender) is below
 * threshold + 2 goes to nobody. It is cancelled and the channel card says so. The set-up checked this too, but the
 * roster can change in between.
 */
async function audienceLargeEnough(
  deps: PulseKindDeps,
  pulse: PulseDoc,
  audience: number,
  channel: TeamsChannel,
): Promise<boolean> {
  const { pulses, clock, logger } = deps;
  if (audience >= minimumAudience(pulse.threshold)) return true;
  const cancelled = await pulses.cancelPulse(pulse.tenantId, pulse.pulseId, clock().toISOString());
  logger.warn('pulse.fan-out.too-few', { tenantId: pulse.tenantId, pulseId: pulse.pulseId, audience });
  if (cancelled?.channelActivityId) {
    const { serviceUrl, conversationId } = pulse.origin;
    const card = deps.cards.channel(cancelled);
    await deps.retrying(() => channel.update(serviceUrl, conversationId, cancelled.channelActivityId ?? '', card));
  }
  return false;
}
