import type { PulseSendStep, Telemetry } from '../telemetry/telemetry';
import { ChannelError, type TeamsChannel } from './teams-channel';

/**
 * The channel service client, telling the telemetry how each call that posts or prepares a card went (sent, throttled,
 * failed), by step: opening the 1:1 chat, sending, replacing. Roster reads are not counted.
 */
export function countedSends(channel: TeamsChannel, telemetry: Telemetry): TeamsChannel {
  const counted = async <T>(step: PulseSendStep, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      telemetry.pulseSendAttempted('sent', step);
      return result;
    } catch (error) {
      telemetry.pulseSendAttempted(
        error instanceof ChannelError && error.status === 429 ? 'throttled' : 'failed',
        step,
      );
      throw error;
    }
  };
  return {
    rosterPage: (...args) => channel.rosterPage(...args),
    member: (...args) => channel.member(...args),
    createPersonalConversation: (...args) => counted('conversation', () => channel.createPersonalConversation(...args)),
    send: (...args) => counted('send', () => channel.send(...args)),
    update: (...args) => counted('update', () => channel.update(...args)),
  };
}
