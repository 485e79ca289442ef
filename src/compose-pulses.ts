import { randomUUID } from 'node:crypto';
import { channelTokenProvider } from './bot/channel-token';
import type { CardRenderer } from './cards/card-renderer';
import type { Config } from './config';
import type { ContentIndex } from './content/content-index';
import type { Logger } from './logging/logger';
import { countedSends } from './teams/counted-channel';
import { FanOut } from './pulse/delivery/fan-out';
import { HttpTeamsChannel } from './teams/http-teams-channel';
import { pulseCards } from './pulse/pulse-cards';
import { PulseJobs } from './pulse/delivery/pulse-jobs';
import { PulseScheduler } from './pulse/pulse-scheduler';
import { PulseService } from './pulse/pulse-service';
import { SeriesRuns } from './pulse/series/series-runs';
import { followUpQuestions } from './actions/follow-ups';
import { TenantRateLimiters } from './teams/rate-limiter';
import { SendLeases } from './pulse/delivery/send-lease';
import type { TeamsChannel } from './teams/teams-channel';
import type { AccessResolver } from './leadership/access';
import type { PulseStores } from './storage/ports';
import type { Telemetry } from './telemetry/telemetry';

/** An instance that stops renewing its send lease loses it after this long. */
const SEND_LEASE_TTL_MS = 30_000;
/** The channel card's count is updated at most this often per pulse. */
const CHANNEL_CARD_INTERVAL_MS = 10_000;

export interface PulseParts {
  stores: PulseStores;
  /** The Teams channel client and per-tenant rate limiters every proactive send shares (invitations, reminders). */
  channel: TeamsChannel;
  limiters: TenantRateLimiters;
  service: PulseService;
  jobs: PulseJobs;
  scheduler: PulseScheduler;
}

export interface PulsePartsOptions {
  config: Config;
  /** The person's effective access, for the pulse policy (the one resolver the app builds). */
  accessOf: AccessResolver;
  stores: PulseStores;
  cards: CardRenderer;
  index: ContentIndex;
  logger: Logger;
  clock: () => Date;
  /** The Teams channel service client; by default HTTP to each pulse's serviceUrl with the bot's token. */
  teamsChannel?: TeamsChannel;
  telemetry: Telemetry;
}

/** The pulse feature's part of the composition root: channel client, fan-out, service and scheduler. */
export function composePulses(options: PulsePartsOptions): PulseParts {
  const { config, cards, index, logger, clock } = options;
  const { stores } = options;
  const { pulses, ledger, responses } = stores;
  const channel = countedSends(
    options.teamsChannel ?? new HttpTeamsChannel(channelTokenProvider(config)),
    options.telemetry,
  );
  const limiters = new TenantRateLimiters(config.pulse.sendRate);
  const fanOut = new FanOut({
    pulses,
    ledger,
    channel,
    limiters,
    leases: new SendLeases(stores.leases, randomUUID(), SEND_LEASE_TTL_MS, clock),
    cards: pulseCards(cards, index),
    logger,
    clock,
    telemetry: options.telemetry,
  });
  const jobs = new PulseJobs(fanOut, logger);
  const service = new PulseService({
    pulses,
    ledger,
    responses,
    series: stores.series,
    actions: stores.actions,
    index,
    cards,
    jobs,
    channel,
    limiters,
    policy: config.pulsePolicy,
    accessOf: options.accessOf,
    minThreshold: config.pulse.minThreshold,
    defaultThreshold: config.pulse.defaultThreshold,
    commentThreshold: config.pulse.commentThreshold,
    logger,
    clock,
  });
  const scheduler = new PulseScheduler({
    pulses,
    service,
    jobs,
    seriesRuns: new SeriesRuns({
      pulses,
      series: stores.series,
      jobs,
      logger,
      clock,
      policy: config.pulsePolicy,
      accessOf: options.accessOf,
      channel,
      limiters,
      followUps: (series, now) => followUpQuestions(stores, series, now),
    }),
    tenants: config.allowedTenants,
    logger,
    clock,
    channelCardIntervalMs: CHANNEL_CARD_INTERVAL_MS,
  });
  return { stores, channel, limiters, service, jobs, scheduler };
}
