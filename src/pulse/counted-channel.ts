import type { Telemetry } from '../telemetry/telemetry';
import { ChannelError, type TeamsChannel } from './teams-channel';

/** The channel service client, telling the telemetry how each attempt to post a card went (sent, throttled, failed). */
export function countedSends(channel: TeamsChannel, telemetry: Telemetry): TeamsChannel {
  return {
    rosterPage: (...args) => channel.rosterPage(...args),
    createPersonalConversation: (...args) => channel.createPersonalConversation(...args),
    update: (...args) => channel.update(...args),
    send: async (...args) => {
      try {
        const activityId = await channel.send(...args);
        telemetry.pulseSendAttempted('sent');
        return activityId;
      } catch (error) {
        telemetry.pulseSendAttempted(error instanceof ChannelError && error.status === 429 ? 'throttled' : 'failed');
        throw error;
      }
    },
  };
}
