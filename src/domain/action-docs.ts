import { createHash } from 'node:crypto';

/** An action plan: what a team will do about a pulse's results, who owns it and by when. */

export type ActionStatus = 'open' | 'done';

/** Where the action came from: a pulse's questions, or recommendations of a team's or the organisation's summary. */
export type ActionSource =
  | { kind: 'pulse'; pulseId: string; questionIds: string[] }
  /** The content pack's recommendation ids (a consideration's or, for the weakest section's fallback, a section's). */
  | { kind: 'summary'; scope: ActionScope; recommendationIds: string[] };

/** Whose summary a summary action answers: one team's, or the whole organisation's (planned by a leader). */
export type ActionScope = 'team' | 'organisation';

/** Where a summary action's owner is reached (a pulse action uses its pulse's origin instead). */
export interface ActionReach {
  serviceUrl: string;
  botId: string;
  botName: string;
}

/** One change to an action, by the owner or the creator; the note is their own words (neutralised, bounded). */
export interface ActionUpdate {
  at: string;
  by: string;
  kind: 'done' | 'due' | 'note';
  dueDate?: string;
  note?: string;
}

/** Kept in the `pulses` container, in the partition of the pulse it was planned from. */
export interface ActionDoc {
  /** `action|<pulse>|<action>`. */
  id: string;
  type: 'action';
  tenantId: string;
  /** The pulse it was planned from; for a summary action, the scope's plan key (summaryPlanKey), a partition of its own. */
  pulseId: string;
  actionId: string;
  /** The team (or group chat) whose results it answers: the pulse's roster id; '' for the organisation's summary. */
  rosterId: string;
  /** The team's name as Teams sent it with the plan (absent when it sent none): the digest's label. */
  teamName?: string;
  what: string;
  /** Entra object id and the name Teams gave for them in the team's roster. */
  ownerId: string;
  ownerName: string;
  /** A day, `YYYY-MM-DD`. */
  dueDate: string;
  status: ActionStatus;
  source: ActionSource;
  createdBy: string;
  createdAt: string;
  /** At most MAX_UPDATES, newest last. */
  updates: ActionUpdate[];
  /** The planner's IANA zone: the due day and the reminder's working hours are read in it. */
  timeZone: string;
  /** The owner's channel account id in the team's roster (or their Entra object id), for their 1:1 chat. */
  memberId: string;
  /** Summary actions only: where the owner's 1:1 chat is reached. */
  reach?: ActionReach;
  /** When the owner was sent the action in their 1:1 chat (absent until then). */
  sentAt?: string;
  /** When the day-before reminder is due (UTC, in the owner's working hours) and when it went out. */
  remindAt?: string;
  remindedAt?: string;
}

export const MAX_ACTION_TEXT = 300;
export const MAX_NOTE_TEXT = 300;
export const MAX_UPDATES = 20;
/** The most open actions a pulse (or a summary) may have at a time, and the most a results card lists. */
export const MAX_ACTIONS_PER_PULSE = 20;

export function actionDocId(pulseId: string, actionId: string): string {
  return `action|${pulseId}|${actionId}`;
}

/** The partition a summary's actions share (32 hex digits, like a pulse id): one per team, one for the organisation. */
export function summaryPlanKey(tenantId: string, scope: ActionScope, rosterId: string): string {
  const place = scope === 'organisation' ? 'organisation' : `team|${rosterId}`;
  return createHash('sha256').update(`summary|${tenantId}|${place}`).digest('hex').slice(0, 32);
}
