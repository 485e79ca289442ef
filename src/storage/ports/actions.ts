import type { ActionDoc } from '../../domain/action-docs';
import type { Versioned } from './versioned';

/** Action plans, in their pulse's partition of the `pulses` container; every query inside one tenant and TOP-bounded. */
export interface ActionStore {
  /** Creates the action; false when one with its id exists already (a redelivered submit). */
  createAction(action: ActionDoc): Promise<boolean>;
  readAction(tenantId: string, pulseId: string, actionId: string): Promise<Versioned<ActionDoc> | undefined>;
  /** Replaces it if nobody changed it since `etag`: the new ETag, or undefined when somebody did. */
  replaceAction(action: ActionDoc, etag: string): Promise<string | undefined>;
  /** A pulse's actions, oldest first (one partition). */
  actionsOfPulse(tenantId: string, pulseId: string, limit: number): Promise<ActionDoc[]>;
  /** How many of a pulse's (or a summary's) actions are open (one partition). */
  openActionCount(tenantId: string, pulseId: string): Promise<number>;
  /** A team's actions across its pulses, newest first. */
  actionsOfTeam(tenantId: string, rosterId: string, limit: number): Promise<ActionDoc[]>;
  /** The tenant's latest actions across its teams, newest first (for the digest's counts). */
  recentActions(tenantId: string, limit: number): Promise<ActionDoc[]>;
  /** Open actions whose reminder is due by `now` and not yet sent. */
  dueReminders(tenantId: string, now: Date, limit: number): Promise<ActionDoc[]>;
  /** The actions that name a person as owner or planner (their export and erasure), newest first. */
  actionsOfPerson(tenantId: string, userId: string, limit: number): Promise<ActionDoc[]>;
  /** Local mode only: tenants with a reminder due. */
  tenantsWithDueReminders(now: Date): Promise<string[]>;
}
