import type { CardAttachment, CardRenderer } from '../cards/card-renderer';
import type { ContentIndex } from '../content/content-index';
import type { FanOutCards } from './delivery/fan-out';
import { channelView, responseView } from './pulse-views';
import type { OutgoingCard } from '../teams/teams-channel';

/** The cards the fan-out sends, rendered through the one card renderer. */
export function pulseCards(cards: CardRenderer, index: ContentIndex): FanOutCards {
  const commentMaxLength = index.pack.limits.longText;
  return {
    response: (pulse, delivery) =>
      asMessage(cards.pulseResponse(responseView(pulse, delivery, false, commentMaxLength))),
    reminder: (pulse, delivery) =>
      asMessage(cards.pulseResponse(responseView(pulse, delivery, true, commentMaxLength))),
    channel: (pulse) => asMessage(cards.pulseChannel(channelView(pulse))),
  };
}

/** One card as a message of its own (Teams wants text and cards in separate activities). */
export function asMessage(card: CardAttachment): OutgoingCard {
  return { type: 'message', attachments: [card] };
}
