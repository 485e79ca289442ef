import type { AuditTrail } from '../audit/audit-trail';
import type { CardAttachment, CardRenderer } from '../cards/card-renderer';
import type { ContentIndex } from '../content/content-index';
import type { AccessResolver } from '../leadership/access';
import type { Logger } from '../logging/logger';
import type { ActionStore, PulseStore } from '../storage/ports';
import type { TeamsChannel } from '../teams/teams-channel';

/** What the bot says back: a line of text or a card. */
export type ActionReply = string | CardAttachment;

/** What action plans need; no botbuilder. */
export interface ActionDeps {
  actions: ActionStore;
  pulses: PulseStore;
  /** The Teams channel client the pulses use: roster look-ups and the owner's 1:1 chat. */
  channel: TeamsChannel;
  cards: CardRenderer;
  /** The content pack: the recommendations a summary action answers. */
  index: Pick<ContentIndex, 'recommendation'>;
  accessOf: AccessResolver;
  audit: Pick<AuditTrail, 'record'>;
  logger: Logger;
  clock: () => Date;
}

export const ACTION_ID = /^[0-9a-f]{32}$/;
export const PULSE_ID = /^[0-9a-f]{32}$/;
