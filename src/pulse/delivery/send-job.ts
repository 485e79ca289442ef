import type { DeliveryDoc, FanOutProgress, PulseOrigin } from '../../domain/pulse-docs';
import type { OutgoingCard, RosterMember, TeamsChannel } from '../../teams/teams-channel';

/**
 * What a fan-out sends to a roster, one 1:1 message each: a pulse, or an invitation campaign. Each lives in its own
 * partition of the `pulses` container (`pulseId` is the job's id there), with its ledger and send lease beside it.
 */
export interface SendJob {
  tenantId: string;
  pulseId: string;
  /** Only an `open` job is sent. */
  status: string;
  origin: PulseOrigin;
  createdBy: string;
  channelActivityId?: string;
  fanOut: FanOutProgress;
}

/** The writes a fan-out makes to its job's document. */
export interface SendJobStore<J extends SendJob> {
  readJob(tenantId: string, jobId: string): Promise<J | undefined>;
  recordChannelCard(tenantId: string, jobId: string, activityId: string): Promise<void>;
  recordRosterPage(tenantId: string, jobId: string, added: number, continuation: string | undefined): Promise<void>;
  markFanOutDone(tenantId: string, jobId: string): Promise<void>;
}

/** One kind of job: where it is stored, its cards, and who of a roster page gets it. */
export interface SendJobKind<J extends SendJob> {
  /** For the logs: `pulse` or `invitation`. */
  name: string;
  jobs: SendJobStore<J>;
  /** The 1:1 card for one recipient. */
  personalCard(job: J, delivery: DeliveryDoc): OutgoingCard;
  /** The card posted in the channel when sending starts. */
  channelCard(job: J): OutgoingCard;
  /** The ledger entries for the members of one roster page who get it (the bot never does). */
  deliveries(job: J, members: readonly RosterMember[], now: string): Promise<DeliveryDoc[]>;
  /**
   * Asked as each entry is claimed, before anything is sent: false settles it `failed` with `reason` and sends
   * nothing (an invitation to someone who typed `stop invitations` after the roster was read). Pulses have none.
   */
  stillWanted?(job: J, delivery: DeliveryDoc): Promise<{ wanted: true } | { wanted: false; reason: string }>;
  /** After the whole roster is read: false ends the run without sending (a pulse whose audience is too small). */
  enoughRecipients?(job: J, recipients: number, channel: TeamsChannel): Promise<boolean>;
}
