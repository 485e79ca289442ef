import { hasVisibleText, neutralise } from '../cards/safe-text';
import { wallTimeAt, isoDate } from '../domain/time-zones';
import { MAX_ACTION_TEXT, MAX_NOTE_TEXT } from '../domain/action-docs';

/**
 * Whom the people picker picked: an Entra object id in Teams; the Agents Playground's picker sends its user's channel
 * account id instead. Either is only a key to look up in Teams (the roster, or a 1:1 chat), never trusted as a person.
 */
export const PICKED_PERSON = /^[0-9A-Za-z][0-9A-Za-z:._@-]{0,199}$/;
/** The plan card's token: makes a double click or a redelivery plan one action, not two. */
export const PLAN_TOKEN = /^[0-9a-f]{32}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_DAYS_AHEAD = 365;

export interface PlanInput {
  what: string;
  /** The people picker's value (see PICKED_PERSON): the owner is whoever Teams resolves it to. */
  owner: string;
  dueDate: string;
  /** The pulse's question ids, or the summary's recommendation ids, the action addresses. */
  addressed: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** What a plan may address: the submitted ids (comma-joined), the ids the card offered, and what to say if wrong. */
export interface Addressed {
  raw: unknown;
  offered: { has(id: string): boolean };
  refusal: string;
  /** The most that may be picked (none: as many as offered). */
  max?: number;
}

/** Checks the plan card's fields as if forged: nothing is trusted but the offered choices and the clock. */
export function checkPlan(
  value: Record<string, unknown>,
  addressed: Addressed,
  now: Date,
  zone: string,
): Checked<PlanInput> {
  const what = cleanText(value.what);
  if (!what) return refuse('Say what will be done, in a sentence or two.');
  if ([...what].length > MAX_ACTION_TEXT) return refuse(`Keep what will be done to ${MAX_ACTION_TEXT} characters.`);
  const owner = typeof value.owner === 'string' ? value.owner.trim() : '';
  if (!PICKED_PERSON.test(owner)) return refuse('Pick the person who owns this action.');
  const due = checkDueDate(value.dueDate, now, zone);
  if (!due.ok) return due;
  const picked = typeof addressed.raw === 'string' ? addressed.raw.split(',').filter(Boolean) : [];
  const tooMany = addressed.max !== undefined && picked.length > addressed.max;
  if (picked.length === 0 || tooMany || picked.some((id) => !addressed.offered.has(id)))
    return refuse(addressed.refusal);
  if (new Set(picked).size !== picked.length) return refuse(addressed.refusal);
  return { ok: true, value: { what, owner, dueDate: due.value, addressed: picked } };
}

/** A day after today (in `zone`) and at most a year ahead, as `YYYY-MM-DD`. */
export function checkDueDate(raw: unknown, now: Date, zone: string): Checked<string> {
  const match = typeof raw === 'string' ? DAY.exec(raw.trim()) : null;
  const when = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(when) || new Date(when).toISOString().slice(0, 10) !== match[0])
    return refuse('Pick a due date.');
  const today = Date.parse(isoDate(wallTimeAt(now, zone)));
  const days = (when - today) / 86_400_000;
  if (days < 1) return refuse('Pick a due date after today.');
  if (days > MAX_DAYS_AHEAD) return refuse('Pick a due date within a year.');
  return { ok: true, value: match[0] };
}

/** A note from the Update card: optional, one paragraph, bounded. */
export function checkNote(raw: unknown): Checked<string> {
  const note = cleanText(raw);
  if ([...note].length > MAX_NOTE_TEXT) return refuse(`Keep the note to ${MAX_NOTE_TEXT} characters.`);
  return { ok: true, value: note };
}

/** Neutralised, one line, trimmed; empty for anything but a string, and for text with nothing visible in it. */
function cleanText(raw: unknown): string {
  const text = typeof raw === 'string' ? neutralise(raw).replace(/\s+/g, ' ').trim() : '';
  return hasVisibleText(text) ? text : '';
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
