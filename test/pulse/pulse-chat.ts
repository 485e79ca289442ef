/** Drives pulses through the real bot (HTTP + CloudAdapter + embedded Cosmos) with the FAKE Teams channel service. */
import { inputsOf, type Card } from '../cards-sent/drive';
import { pressedValue } from '../../scripts/bench/press-button';
import { cardsOf, textsOf, type TestUser, type TurnReply } from '../support/bot-harness';
import type { FakeTeamsService } from '../../scripts/bench/fake-teams-service';

export const CHANNEL_ID = '19:general@thread.tacv2;messageid=1700000000000';
export const TEAM_ID = '19:team@thread.tacv2';

/** Posts as `user` in the team channel; the fake service is the activity's serviceUrl. */
export function inChannel(
  user: TestUser,
  service: FakeTeamsService,
  fields: Record<string, unknown>,
): Promise<TurnReply> {
  return user.post({
    type: 'message',
    serviceUrl: service.url,
    recipient: { id: service.botId, name: 'Strategy Guide' },
    conversation: {
      id: CHANNEL_ID,
      conversationType: 'channel',
      tenantId: user.tenantId,
      isGroup: true,
      name: 'General',
    },
    channelData: { tenant: { id: user.tenantId }, team: { id: TEAM_ID } },
    ...fields,
  });
}

/** `@Strategy Guide pulse` in the channel. */
export function askForPulse(user: TestUser, service: FakeTeamsService): Promise<TurnReply> {
  return inChannel(user, service, { text: '<at>Strategy Guide</at> pulse' });
}

/** The setup card's inputs for a pulse closing tomorrow. */
export function setupInputs(overrides: Record<string, string> = {}): Record<string, string> {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return {
    templateId: 'leadership-support',
    questionIds: '',
    deadlineDate: tomorrow,
    deadlineTime: '17:00',
    threshold: '5',
    reminder: '24',
    ...overrides,
  };
}

/** Starts a pulse as `manager` with the setup card's Send button; returns the reply. */
export async function startPulse(
  manager: TestUser,
  service: FakeTeamsService,
  overrides: Record<string, string> = {},
): Promise<TurnReply> {
  const setup = cardsOf(await askForPulse(manager, service)).at(-1);
  if (!setup) throw new Error('no setup card');
  return inChannel(manager, service, { value: pressedValue(setup, 'Send the pulse', setupInputs(overrides)) });
}

/** The last 1:1 card the member got through the fake service. */
export function pulseCardOf(service: FakeTeamsService, memberId: string): Card {
  const sent = service
    .of('send')
    .filter((request) => request.conversationId === `a:1on1|${memberId}` && request.status === 200)
    .at(-1);
  const attachments = sent?.body?.attachments as { content: Card }[] | undefined;
  if (!attachments) throw new Error(`no pulse card for ${memberId}`);
  return attachments[0].content;
}

/** The submit of a 1:1 pulse card with every question answered `rating` (or the first option). */
export function answersFor(card: Card, rating: string, comment?: string): Record<string, unknown> {
  const answers: Record<string, string> = {};
  for (const input of inputsOf(card).filter((candidate) => candidate.id.startsWith('answer.'))) {
    const values = (input.choices ?? []).map((choice) => choice.value);
    answers[input.id] = values.includes(rating) ? rating : values[0];
  }
  if (comment !== undefined) answers.comment = comment;
  return pressedValue(card, 'Send my answers', answers);
}

export function saidIn(reply: TurnReply): string {
  return textsOf(reply).join('\n');
}
