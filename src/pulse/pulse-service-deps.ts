import type { CardAttachment, CardRenderer } from '../cards/card-renderer';
import type { PulsePolicy } from '../config';
import type { ContentIndex } from '../content/content-index';
import type { AccessResolver } from '../leadership/access';
import type { Logger } from '../logging/logger';
import type { ActionStore, DeliveryLedger, PulseResponses, PulseStore, SeriesStore } from '../storage/ports';
import type { PulseJobs } from './delivery/pulse-jobs';
import type { TenantRateLimiters } from '../teams/rate-limiter';
import type { TeamsChannel } from '../teams/teams-channel';
import type { PulseDoc } from '../domain/pulse-docs';

/** What the bot says back: a line of text or a card. */
export type PulseReply = string | CardAttachment;

export interface PulseServiceDeps {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  responses: PulseResponses;
  series: SeriesStore;
  actions: ActionStore;
  index: ContentIndex;
  cards: CardRenderer;
  jobs: PulseJobs;
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  policy: PulsePolicy;
  /** The person's effective access, configured or granted in chat (checked on every privileged action). */
  accessOf: AccessResolver;
  minThreshold: number;
  /** What the setup card proposes, and what an empty threshold means. */
  defaultThreshold: number;
  commentThreshold: number;
  logger: Logger;
  clock: () => Date;
}

export const PULSE_ID = /^[0-9a-f]{32}$/;

export function logChannelFailure(
  deps: PulseServiceDeps,
  event: string,
  pulse: Pick<PulseDoc, 'tenantId' | 'pulseId'>,
  error: unknown,
): void {
  deps.logger.warn(event, {
    tenantId: pulse.tenantId,
    pulseId: pulse.pulseId,
    status: (error as { status?: number }).status,
  });
}
