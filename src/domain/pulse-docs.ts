/** A pulse survey and its parts, as stored in the `pulses` container, and the results computed when it closed. */

/** A question as the pulse asked it: copied from the content pack when the pulse was made, so a later pack change cannot alter it. */
export type PulseQuestion =
  | {
      id: string;
      kind: 'rating';
      text: string;
      labels: [string, string, string, string, string];
      dontKnowLabel: string;
    }
  | { id: string; kind: 'single'; text: string; options: { value: string; label: string }[] };

/** Where the pulse was started: the channel or group chat its cards go to, and the roster it is sent to. */
export interface PulseOrigin {
  serviceUrl: string;
  /** The channel or group chat conversation that gets the pulse card and the results. */
  conversationId: string;
  /** The conversation whose roster is read: the team for a channel, the chat itself for a group chat. */
  rosterId: string;
  /** The bot's own id in that conversation ("28:..."), left out of the recipients. */
  botId: string;
  botName: string;
}

/** `cancelled`: never sent, because at send time its audience was too small for its threshold (see thresholds.ts). */
export type PulseStatus = 'open' | 'closed' | 'cancelled';

export interface PulseDoc {
  id: string;
  type: 'pulse';
  tenantId: string;
  pulseId: string;
  title: string;
  templateId?: string;
  questions: PulseQuestion[];
  allowComment: boolean;
  threshold: number;
  commentThreshold: number;
  /** ISO times. */
  deadline: string;
  /**
   * The sender's IANA time zone at set-up (from the activity's `localTimezone`; "UTC" when it had none or an unknown
   * one): the deadline was read in it and every card shows times in it. Absent on pulses stored before; read as UTC.
   */
  timeZone?: string;
  reminderAt?: string;
  /** When the reminder round was claimed. */
  remindedAt?: string;
  /** `sending` from the claim until every non-responder was reminded; the scheduler resumes a round cut short. */
  reminderRound?: 'sending' | 'done';
  createdBy: string;
  createdAt: string;
  status: PulseStatus;
  closedAt?: string;
  closedBy?: 'sender' | 'deadline';
  /** Closed at the deadline and the results card not yet in the channel; cleared once it landed (or given up). */
  resultsDue?: boolean;
  /** When an instance last claimed posting the results (one try at a time, at most once a minute). */
  resultsAttemptAt?: string;
  /** When the results card landed in the channel. */
  resultsPostedAt?: string;
  origin: PulseOrigin;
  /** Id of the pulse card in the channel, kept to update it in place. */
  channelActivityId?: string;
  /** Response count the channel card last showed. */
  shownResponses?: number;
  shownAt?: string;
  fanOut: FanOutProgress;
  responses: number;
  /** A run of a recurring pulse (see pulse-series.ts): the series it belongs to, and its period index (none for Run again). */
  seriesId?: string;
  runIndex?: number;
}

export interface FanOutProgress {
  /** `roster` while roster pages are being read into the ledger; `sending` until every recipient is settled. */
  phase: 'roster' | 'sending' | 'done';
  /** The roster page to read next. */
  rosterContinuation?: string;
  recipients: number;
}

/**
 * One recipient's ledger entry. `sending` is written (ETag-conditionally) before the message goes out: a sender that
 * dies after that point may or may not have delivered it, so the next run queues it again and sends it once more (at
 * least once: a second copy carries the same pulse and token, and an answer is stored once per person). At most the
 * sends in flight at the moment of a crash are sent twice. `interrupted` is what earlier versions wrote instead; the
 * next run queues those again too.
 */
export type DeliveryState = 'queued' | 'sending' | 'sent' | 'failed' | 'interrupted';

export interface DeliveryDoc {
  id: string;
  type: 'delivery';
  tenantId: string;
  pulseId: string;
  /** The member's channel account id ("29:..."), for creating the 1:1 conversation. */
  memberId: string;
  /** Entra object id: identity of the respondent, matched against the activity's `from.aadObjectId`. */
  userId: string;
  state: DeliveryState;
  /** Why it failed, e.g. `403 MessageWritesBlocked`, `404`, `gave up after 503`. */
  reason?: string;
  attempts: number;
  conversationId?: string;
  activityId?: string;
  /** Echoed by the response card; a submit without it is refused. */
  token: string;
  sentAt?: string;
  respondedAt?: string;
  remindedAt?: string;
  updatedAt: string;
}

/** A rating answer is "1".."5" or "dk"; a single-choice answer is an option value. */
export type PulseAnswers = Record<string, string>;

export interface ResponseDoc {
  id: string;
  type: 'response';
  tenantId: string;
  pulseId: string;
  /** Kept only so a person's one response can be found and edited; results never show it. */
  userId: string;
  answers: PulseAnswers;
  comment?: string;
  submittedAt: string;
  updatedAt: string;
}

/** The results of a closed pulse, computed once when it closed and shown from here ever after: they never change. */
export interface ResultsDoc {
  id: string;
  type: 'results';
  tenantId: string;
  pulseId: string;
  results: PulseResults;
  /** Recipients Teams refused, or whose send kept failing. */
  unreachable: number;
  computedAt: string;
}

export interface LeaseDoc {
  id: string;
  type: 'lease';
  tenantId: string;
  pulseId: string;
  owner: string;
  expiresAt: string;
}

/** Ids are unique within a tenant (the local Cosmos server partitions by the first key only). */
export const pulseIds = {
  pulse: (pulseId: string) => `pulse|${pulseId}`,
  delivery: (pulseId: string, userId: string) => `delivery|${pulseId}|${userId}`,
  response: (pulseId: string, userId: string) => `response|${pulseId}|${userId}`,
  lease: (pulseId: string) => `lease|${pulseId}`,
  results: (pulseId: string) => `results|${pulseId}`,
};

/** One bar of a distribution. */
export interface ResultBar {
  label: string;
  count: number;
}

export interface QuestionResult {
  questionId: string;
  text: string;
  kind: PulseQuestion['kind'];
  /** How many gave this question an answer other than "don't know". */
  answered: number;
  dontKnow: number;
  bars: ResultBar[];
  /** Rating questions only: mean of 1–5, null when nobody rated. */
  mean: number | null;
  /** Rating questions only: share of 4s and 5s among those who rated, 0–1. */
  favourable: number | null;
}

/** What the results card may show: only counts below the threshold, comments only at or above theirs. */
export interface PulseResults {
  title: string;
  responses: number;
  /** People the pulse reached (sent to). */
  reached: number;
  responseRate: number | null;
  threshold: number;
  commentThreshold: number;
  questions: QuestionResult[] | null;
  comments: string[] | null;
}

/** What the results are computed from: the answers and comments, never who gave them. */
export interface AnonymousResponse {
  answers: PulseAnswers;
  comment?: string;
}
