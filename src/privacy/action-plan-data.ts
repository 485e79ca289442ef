import type { ActionDoc } from '../domain/action-docs';
import type { ActionStore } from '../storage/ports';

/** The most action plans one person's export or erasure looks at (one TOP-bounded query). */
const PERSON_ACTIONS = 200;
const ATTEMPTS = 3;
/** What an erased owner is called on the team's action (the plan is the team's; the person is not). */
export const FORMER_OWNER = 'a former team member';
/** The same, for an action of the organisation's summary (no team). */
export const FORMER_COLLEAGUE = 'a former colleague';

/** An action plan as the export of a person who owns or planned it shows it. */
export interface ExportedAction {
  what: string;
  dueDate: string;
  status: string;
  role: 'owner' | 'planner' | 'owner and planner';
}

/**
 * The action plans that name a person, as owner or as planner (only they update them). Exported with the rest of
 * their data; on erasure the plan stays with the team, without them: no owner (so no reminder), no planner, and their
 * notes removed.
 */
export class ActionPlanData {
  constructor(private readonly store: Pick<ActionStore, 'actionsOfPerson' | 'readAction' | 'replaceAction'>) {}

  async export(tenantId: string, userId: string): Promise<ExportedAction[]> {
    const actions = await this.store.actionsOfPerson(tenantId, userId, PERSON_ACTIONS);
    return actions.map((action) => ({
      what: action.what,
      dueDate: action.dueDate,
      status: action.status,
      role: action.ownerId === userId ? (action.createdBy === userId ? 'owner and planner' : 'owner') : 'planner',
    }));
  }

  /** Takes the person out of every plan that names them; true when all were changed (a retry runs it again). */
  async erase(tenantId: string, userId: string): Promise<boolean> {
    let complete = true;
    for (const found of await this.store.actionsOfPerson(tenantId, userId, PERSON_ACTIONS))
      complete = (await this.withoutPerson(found, userId)) && complete;
    return complete;
  }

  private async withoutPerson(found: ActionDoc, userId: string): Promise<boolean> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await this.store.readAction(found.tenantId, found.pulseId, found.actionId);
      if (!current) return true;
      const changed = withoutPerson(current.doc, userId);
      if ((await this.store.replaceAction(changed, current.etag)) !== undefined) return true;
    }
    return false;
  }
}

function withoutPerson(action: ActionDoc, userId: string): ActionDoc {
  const owned = action.ownerId === userId;
  const changed: ActionDoc = {
    ...action,
    // Nobody to remind: an ownerless plan's reminder is dropped.
    ...(owned
      ? { ownerId: '', ownerName: action.rosterId ? FORMER_OWNER : FORMER_COLLEAGUE, memberId: '', remindAt: undefined }
      : {}),
    createdBy: action.createdBy === userId ? '' : action.createdBy,
    updates: action.updates.map((update) =>
      update.by === userId
        ? { at: update.at, by: '', kind: update.kind, ...(update.dueDate ? { dueDate: update.dueDate } : {}) }
        : update,
    ),
  };
  if (changed.remindAt === undefined) delete changed.remindAt;
  return changed;
}
