import type { ActionOwnerView } from '../cards/action-view-models';
import { isoDate, wallTimeAt, addLocalDays } from '../domain/time-zones';
import type { Person } from '../domain/person';
import type { PulseDoc } from '../domain/pulse-docs';
import { MAX_NOTE_TEXT, MAX_UPDATES, type ActionDoc, type ActionReach, type ActionUpdate } from '../domain/action-docs';
import { ACTION_ID, PULSE_ID, type ActionDeps, type ActionReply } from './action-deps';
import { checkDueDate, checkNote } from './action-input';
import { summarySourceLine } from './action-source';
import { formatDueDate, reminderAt } from './action-schedule';

const UNKNOWN = "I don't recognise that action, so nothing has changed.";
const NOT_YOURS = 'Only the owner of this action, or the person who planned it, can change it; nothing has changed.';
const ATTEMPTS = 3;

/** The owner's side of an action: the 1:1 card, Mark done and Update (new due date or a note). */
export class ActionOwner {
  constructor(private readonly deps: ActionDeps) {}

  /**
   * Sends the action (or its reminder) to the owner's 1:1 chat; false when there is nowhere to send it (its pulse is
   * gone), throws when Teams refuses. `pulse`: the action's pulse, when the caller has just read it.
   */
  async send(action: ActionDoc, isReminder: boolean, pulse?: PulseDoc): Promise<boolean> {
    const context = await this.context(action, pulse);
    if (!context) return false;
    const { reach } = context;
    const conversationId = await this.deps.channel.createPersonalConversation(
      reach.serviceUrl,
      action.tenantId,
      { id: reach.botId, name: reach.botName },
      action.memberId,
    );
    const card = this.deps.cards.actionOwner(ownerView(action, context.source, isReminder, this.deps.clock()));
    await this.deps.channel.send(reach.serviceUrl, conversationId, { type: 'message', attachments: [card] });
    return true;
  }

  /** Mark done, by the owner or the creator. */
  done(person: Person, value: Record<string, unknown>): Promise<ActionReply[]> {
    return this.change(person, value, (action, now) => {
      if (action.status === 'done') return 'This action is already done.';
      return {
        ...action,
        status: 'done',
        updates: withUpdate(action, { at: now, by: person.userId, kind: 'done' }),
      };
    });
  }

  /**
   * Update: a new due date, a note, or both. "After today" is in the action's zone (its planner's), like its card's
   * date range, its reminder and "overdue": an owner far behind could otherwise pick a day already today there.
   */
  update(person: Person, value: Record<string, unknown>): Promise<ActionReply[]> {
    return this.change(person, value, (action, now) => {
      if (action.status === 'done') return 'This action is done, so it cannot be changed.';
      const wantsDue = typeof value.dueDate === 'string' && value.dueDate.trim() !== '';
      const due = wantsDue ? checkDueDate(value.dueDate, new Date(now), action.timeZone) : undefined;
      if (due && !due.ok) return due.message;
      const note = checkNote(value.note);
      if (!note.ok) return note.message;
      if (!due && !note.value) return 'Pick a new due date or write a note, then press Update.';
      let next: ActionDoc = { ...action };
      if (!note.value && due?.ok && due.value === action.dueDate)
        return 'That is the due date it has already: pick another one or write a note, then press Update.';
      if (due?.ok && due.value !== action.dueDate) {
        // An owner who erased their data left no one to remind.
        const remind = action.ownerId === '' ? undefined : reminderAt(due.value, action.timeZone, new Date(now));
        next = { ...next, dueDate: due.value, remindAt: remind?.toISOString(), remindedAt: undefined };
        next.updates = withUpdate(next, { at: now, by: person.userId, kind: 'due', dueDate: due.value });
      }
      if (note.value) next.updates = withUpdate(next, { at: now, by: person.userId, kind: 'note', note: note.value });
      return next;
    });
  }

  private async change(
    person: Person,
    value: Record<string, unknown>,
    apply: (action: ActionDoc, now: string) => ActionDoc | string,
  ): Promise<ActionReply[]> {
    const pulseId = typeof value.pulseId === 'string' ? value.pulseId : '';
    const actionId = typeof value.actionId === 'string' ? value.actionId : '';
    if (!PULSE_ID.test(pulseId) || !ACTION_ID.test(actionId)) return [UNKNOWN];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await this.deps.actions.readAction(person.tenantId, pulseId, actionId);
      if (!stored) return [UNKNOWN];
      const { doc } = stored;
      const userId = person.userId.toLowerCase();
      if (doc.ownerId !== userId && doc.createdBy.toLowerCase() !== userId) return [NOT_YOURS];
      const now = this.deps.clock();
      const next = apply(doc, now.toISOString());
      if (typeof next === 'string') return [next];
      if (!(await this.deps.actions.replaceAction(next, stored.etag))) continue;
      const kinds = next.updates.slice(doc.updates.length).map((update) => update.kind);
      await this.deps.audit.record(person.tenantId, {
        action: 'action.updated',
        actor: person.userId,
        detail: kinds.join(', '),
      });
      this.deps.logger.info('action.updated', { tenantId: person.tenantId, pulseId, actionId, kinds: kinds.join(',') });
      const context = await this.context(next);
      const said = next.status === 'done' ? 'Marked done. Thank you!' : `Updated: due ${formatDueDate(next.dueDate)}.`;
      return context ? [said, this.deps.cards.actionOwner(ownerView(next, context.source, false, now))] : [said];
    }
    return ['Someone else changed this action at the same moment. Please press the button again.'];
  }

  /** Where the owner is reached, and what the action answers: its pulse's questions or its summary's recommendations. */
  private async context(
    action: ActionDoc,
    pulse?: PulseDoc,
  ): Promise<{ reach: ActionReach; source: string } | undefined> {
    const { source } = action;
    if (source.kind === 'summary')
      return action.reach
        ? { reach: action.reach, source: summarySourceLine(source, action.teamName, this.deps.index) }
        : undefined;
    const found = pulse ?? (await this.deps.pulses.readPulse(action.tenantId, action.pulseId))?.doc;
    if (!found) return undefined;
    const asked = found.questions.filter((question) => source.questionIds.includes(question.id));
    return {
      reach: { serviceUrl: found.origin.serviceUrl, botId: found.origin.botId, botName: found.origin.botName },
      source: [`Pulse: ${found.title}`, ...asked.map((question) => question.text)].join(' · '),
    };
  }
}

/** The owner's card for `action`; `source` says what it answers; dates offered run from tomorrow to a year ahead. */
export function ownerView(action: ActionDoc, source: string, isReminder: boolean, now: Date): ActionOwnerView {
  const notes = action.updates.filter((update) => update.kind === 'note');
  return {
    pulseId: action.pulseId,
    actionId: action.actionId,
    isReminder,
    what: action.what,
    due: formatDueDate(action.dueDate),
    status: action.status,
    source,
    lastNote: notes.at(-1)?.note ?? '',
    minDate: isoDate(wallTimeAt(addLocalDays(now, 1, action.timeZone), action.timeZone)),
    maxDate: isoDate(wallTimeAt(addLocalDays(now, 365, action.timeZone), action.timeZone)),
    noteMaxLength: MAX_NOTE_TEXT,
  };
}

function withUpdate(action: ActionDoc, update: ActionUpdate): ActionUpdate[] {
  return [...action.updates, update].slice(-MAX_UPDATES);
}
