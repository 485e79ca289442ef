import { cardsOf, type TestUser } from './bot-harness';
import { progressOf } from './card-driver';
import type { FakeConnector, ReceivedPost, SentActivity, UpdateRequest } from './fake-connector';

export interface NormalModeTurn {
  status: number;
  /** What the connector posted to this user's conversation during the turn. */
  delivered: SentActivity[];
  /** Every POST of the turn that reached the connector. */
  posts: ReceivedPost[];
  /** Every PUT (message update) of the turn that reached the connector. */
  updates: UpdateRequest[];
}

/**
 * One activity in Teams' normal mode: the HTTP answer is empty and the replies go to the (fake) connector. What the
 * connector got is read when the turn's HTTP answer arrives.
 */
export async function inNormalMode(
  connector: FakeConnector,
  user: TestUser,
  fields: Record<string, unknown>,
): Promise<NormalModeTurn> {
  const [sentBefore, receivedBefore, updatesBefore] = [
    connector.sent.length,
    connector.received.length,
    connector.updates.length,
  ];
  const reply = await user.post({
    type: 'message',
    ...fields,
    deliveryMode: undefined,
    serviceUrl: connector.serviceUrl,
  });
  expect(reply.activities).toEqual([]);
  const mine = <T extends { conversationId: string }>(items: T[]) =>
    items.filter((item) => item.conversationId === user.conversationId);
  return {
    status: reply.status,
    delivered: mine(connector.sent.slice(sentBefore)),
    posts: mine(connector.received.slice(receivedBefore)),
    updates: mine(connector.updates.slice(updatesBefore)),
  };
}

/** The progress line ("Business impact · 2 of 12") of each card the connector posted in the turn. */
export function progressOfDelivered(turn: NormalModeTurn): (string | undefined)[] {
  return turn.delivered.map(({ activity }) => progressOf(cardsOf({ status: 200, activities: [activity] }).at(-1)));
}
