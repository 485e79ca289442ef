/** What the action-plan cards show, resolved by the caller; `what` and notes are user text, shown as plain text runs. */

/** Where a plan card's submit leads back to: the pulse it was planned from, or the summary's scope. */
export type ActionPlanTarget = { kind: 'pulse'; pulseId: string } | { kind: 'summary'; scope: 'team' | 'organisation' };

export interface ActionPlanView {
  target: ActionPlanTarget;
  /** Echoed by the submit: one action per card, however often it is sent. */
  token: string;
  title: string;
  /** What the action can address: the pulse's questions, or the summary's recommendations. */
  options: { id: string; label: string }[];
  /** Whom the people picker offers: the conversation's members (a team), or anyone in the organisation. */
  ownerFrom: 'team' | 'organisation';
  /** `YYYY-MM-DD`: tomorrow and a year from today, in the planner's zone. */
  minDate: string;
  maxDate: string;
  whatMaxLength: number;
  values: { what: string; owner: string; dueDate: string; addressed: string[] };
  error?: string;
}

export interface ActionOwnerView {
  pulseId: string;
  actionId: string;
  isReminder: boolean;
  what: string;
  /** Formatted, e.g. "Wed 9 Dec 2026". */
  due: string;
  status: 'open' | 'done';
  /** "Pulse: Team health" and the questions it addresses. */
  source: string;
  lastNote: string;
  minDate: string;
  maxDate: string;
  noteMaxLength: number;
}

/** An action as a team's results card lists it. */
export interface ActionLineView {
  what: string;
  due: string;
  status: 'open' | 'done';
  ownerName: string;
}
