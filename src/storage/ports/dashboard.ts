import type { ActionDoc } from '../../domain/action-docs';
import type { PulseDoc } from '../../domain/pulse-docs';
import type { PersonState } from '../user-docs';

/** One day's participation figures (already through the thresholds: null where too few). */
export interface HistoryPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  people: number | null;
  completionRate: number | null;
  meanProgress: number | null;
}

/**
 * A bounded time series per tenant and scope (the organisation or one team), one document each: a point per day,
 * oldest first, at most `maxPoints`. One point read to show it, one conditional write a day to extend it.
 */
export interface ParticipationHistoryStore {
  read(tenantId: string, scope: string): Promise<HistoryPoint[]>;
  /**
   * Records today's point (replacing an earlier one of the same day; a concurrent writer's is kept) and returns the
   * series as it now stands.
   */
  record(tenantId: string, scope: string, point: HistoryPoint, maxPoints: number): Promise<HistoryPoint[]>;
}

/** A person's own state (answers, the role each counts under, teams, path), read without a conversation. */
export interface PersonReader {
  read(tenantId: string, userId: string): Promise<PersonState>;
}

/** Which pulses a dashboard lists: all of the tenant's (leaders), or those sent by a person or to some teams. */
export interface PulseFilter {
  sentBy?: string;
  teamIds?: readonly string[];
}

/** The newest pulses of one tenant, at most `limit`, newest first. */
export interface PulseListing {
  recent(tenantId: string, filter: PulseFilter | 'all', limit: number): Promise<PulseDoc[]>;
  /** The team (roster) ids a person sent pulses to, from their newest `limit` pulses. */
  teamsSentTo(tenantId: string, userId: string, limit: number): Promise<string[]>;
}

/** The teams of a tenant that have counters: ids only, bounded. */
export interface TeamDirectory {
  /** Team ids with a counters document for `questionId` (one partition), at most `limit`. */
  teamsWithCounters(tenantId: string, questionId: string, limit: number): Promise<string[]>;
}

/** What the dashboard counts of another team's action: no owner, no text. */
export type ActionTally = Pick<ActionDoc, 'rosterId' | 'teamName' | 'status' | 'dueDate' | 'timeZone'>;

/** The dashboard's reads of action plans: each one TOP-bounded query inside one tenant. */
export interface ActionListing {
  /** The actions of some teams (roster ids), newest first. */
  ofTeams(tenantId: string, rosterIds: readonly string[], limit: number): Promise<ActionDoc[]>;
  /** The tenant's latest actions, newest first, with only what their counts need. */
  tallies(tenantId: string, limit: number): Promise<ActionTally[]>;
  /** The titles of some pulses by id (ids not found are left out). */
  pulseTitles(tenantId: string, pulseIds: readonly string[]): Promise<Map<string, string>>;
}
