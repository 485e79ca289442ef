import type restify from 'restify';
import type { AggregateQueue } from './aggregation/aggregate-queue';
import type { BackgroundWork } from './bot/background-work';
import type { ReplyDeliveryOptions } from './bot/connector-replies';
import type { AuthEndpoints } from './bot/authentication';
import type { PulseParts } from './compose-pulses';
import type { ActionParts } from './compose-actions';
import type { InvitationParts } from './compose-invitations';
import type { SnapshotParts } from './compose-snapshots';
import type { Config } from './config';
import type { Logger } from './logging/logger';
import type { FileUploader } from './privacy/file-uploader';
import type { SessionStore } from './storage/ports';
import type { TeamsChannel } from './teams/teams-channel';
import type { Telemetry } from './telemetry/telemetry';

/** What the composition root (src/app.ts) is given, and what it hands back to whoever started it. */

export interface RunningApp {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978. */
  url: string;
  server: restify.Server;
  sessions: SessionStore;
  /** Jobs that finish after their turn and reply proactively. */
  background: BackgroundWork;
  pulses: Omit<PulseParts, 'service'>;
  /** Action plans: their store and service (tests tick the owners' reminders through it). */
  actions: ActionParts;
  /** Invitation campaigns and reminders: their scheduler (tests tick it) and stores. */
  invitations: Pick<InvitationParts, 'scheduler' | 'stores'>;
  /** Monthly readiness snapshots: `snapshots.series(tenant, scope)` for the dashboard's trend lines; the scheduler. */
  snapshots: SnapshotParts;
  /** Sends the digests that are due now (the scheduler also runs this every minute); returns how many went out. */
  sendDueDigests(): Promise<number>;
  close(): Promise<void>;
  /** How long close() may wait for turns, background work and the counters, in all (the schedulers' last pass aside). */
  drainLimitMs: number;
  /** Applies the counters behind the turns; `settle()` waits until every stored answer is counted. */
  counters: AggregateQueue;
}

export interface AppOptions {
  config: Config;
  /** The Cosmos endpoint and key to use (the embedded server's in local mode). */
  cosmos: { endpoint: string; key?: string };
  logger: Logger;
  clock?: () => Date;
  /** Listen on this host; loopback in local mode, every interface in production. */
  host?: string;
  /** Tests only: where token signing keys are published (a local OpenID metadata server). */
  authEndpoints?: AuthEndpoints;
  /** Tests only: where a tenant's Entra ID signing keys for the dashboard's tokens are published (a local fake). */
  dashboardJwksUrlFor?: (tenantId: string) => string;
  /** The Teams channel service client for pulses (tests pass the HTTP client pointed elsewhere). */
  teamsChannel?: TeamsChannel;
  /** How often pulse deadlines, reminders and counts are looked at; 0 leaves it to the caller (tests). */
  pulseTickMs?: number;
  /**
   * On close: how long turns in progress, then background work, may take to finish (each). By default a turn gets
   * the time of its Cosmos work and one reply attempt (20 s), background work 10 s.
   */
  drainTimeoutMs?: number;
  /** Replies to the Teams connector: how to wait between attempts and how long one may take (tests shorten both). */
  replyDelivery?: ReplyDeliveryOptions;
  /** Puts exports into the person's OneDrive (tests pass one with a shorter timeout). */
  fileUploader?: FileUploader;
  /** Where turns, answers, pulse sends, digests and Cosmos throttling are counted (nowhere by default). */
  telemetry?: Telemetry;
  /** How long a counter change waits for others to the same document before they are written together. */
  aggregateFlushMs?: number;
  /** Heartbeats and sweeps of stopped instances' owed changes: how often, and after how long without one (tests shorten both). */
  sweepEveryMs?: number;
  instanceDeadAfterMs?: number;
}
