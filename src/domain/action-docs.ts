/** An action plan: what a team will do about a pulse's results, who owns it and by when. */

export type ActionStatus = 'open' | 'done';

/** Where the action came from: a pulse's questions, or a recommendation (section) of a summary. */
export type ActionSource =
  { kind: 'pulse'; pulseId: string; questionIds: string[] } | { kind: 'summary'; sectionId: string };

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
  pulseId: string;
  actionId: string;
  /** The team (or group chat) whose results it answers: the pulse's roster id. */
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
  /** The owner's channel account id in the team's roster, for their 1:1 chat. */
  memberId: string;
  /** When the owner was sent the action in their 1:1 chat (absent until then). */
  sentAt?: string;
  /** When the day-before reminder is due (UTC, in the owner's working hours) and when it went out. */
  remindAt?: string;
  remindedAt?: string;
}

export const MAX_ACTION_TEXT = 300;
export const MAX_NOTE_TEXT = 300;
export const MAX_UPDATES = 20;
/** The most actions one pulse can have, and the most a card lists. */
export const MAX_ACTIONS_PER_PULSE = 20;

export function actionDocId(pulseId: string, actionId: string): string {
  return `action|${pulseId}|${actionId}`;
}
